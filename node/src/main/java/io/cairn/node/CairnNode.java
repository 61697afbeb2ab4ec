package io.cairn.node;

import io.cairn.error.CairnException;
import io.cairn.ipfs.repo.Repo;
import io.cairn.dwn.MessageProcessor;
import io.cairn.node.anchor.AnchorRuntime;
import io.cairn.node.config.CairnConfig;
import io.cairn.node.http.AnchorRoute;
import io.cairn.node.dwn.DwnEndpoint;
import io.cairn.node.dwn.LocalDwn;
import io.cairn.node.http.GatewayRoute;
import io.cairn.node.http.HealthRoute;
import io.cairn.node.http.HttpRoute;
import io.cairn.node.http.HttpServer;
import io.cairn.node.http.MetricsRoute;
import io.cairn.node.http.Router;
import io.cairn.node.rpc.KuboRpcRoute;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Cairn node: the repo, its DWN ({@link LocalDwn}, unless the builder is given another or told
 * to go without), the anchoring runtime and the one HTTP server (DWN JSON-RPC and WebSocket, gateway,
 * anchoring API, /health, /metrics), wired from a
 * {@link CairnConfig}. {@code cairn serve} uses it, and so can an application or a test that embeds a
 * node:
 *
 * <pre>{@code
 * try (CairnNode node = CairnNode.builder(config).start()) {
 *     URI gateway = URI.create("http://" + node.address().getHostString() + ":" + node.address().getPort());
 * }
 * }</pre>
 */
public final class CairnNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CairnNode.class);
    /** Reported by {@code GET /info}. */
    public static final String VERSION = "0.1.0";

    private final CairnConfig config;
    private final Repo repo;
    private final boolean ownsRepo;
    private final boolean ownsMetrics;
    private final PrometheusMeterRegistry metrics;
    private final AnchorRuntime anchoring;
    private final HttpServer http;
    private final DwnEndpoint dwnEndpoint;
    private final AutoCloseable dwnResources;
    private final InetSocketAddress address;
    private boolean closed;

    private CairnNode(Builder b) {
        this.config = b.config;
        this.ownsRepo = b.repo == null;
        this.ownsMetrics = b.metrics == null;
        this.repo = ownsRepo ? Repo.open(config.node().repo()) : b.repo;
        AnchorRuntime anchors = null;
        try {
            this.metrics = b.metrics != null ? b.metrics : new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            registerMeters(metrics, repo);
            anchors = AnchorRuntime.start(config.decentralized(), repo.path().resolve("anchor"), metrics);
            this.anchoring = anchors;
            Router.Builder routes = Router.builder()
                    .prefix(GatewayRoute.PREFIX, new GatewayRoute(repo.blockstore(), metrics))
                    .prefix(AnchorRoute.PREFIX, new AnchorRoute(anchoring))
                    .prefix(KuboRpcRoute.PREFIX, new KuboRpcRoute(repo, VERSION))
                    .exact("/health", new HealthRoute(repo))
                    .exact("/metrics", new MetricsRoute(metrics));
            b.exact.forEach(routes::exact);
            b.prefixes.forEach(routes::prefix);
            if (b.dwn == null && b.localDwn) {
                LocalDwn local = LocalDwn.open(repo, config.dwn());
                b.dwn(local, local);
            }
            this.dwnResources = b.dwnResources;
            this.dwnEndpoint = b.dwn == null ? null : new DwnEndpoint(b.dwn, config.dwn(), VERSION, this::url, metrics);
            if (dwnEndpoint != null) {
                dwnEndpoint.routes().forEach(routes::exact);
                dwnEndpoint.prefixRoutes().forEach(routes::prefix);
            }
            this.http = new HttpServer(routes.build(), metrics, config.node().maxHeaderBytes(),
                    dwnEndpoint == null ? null : dwnEndpoint.webSockets());
            this.address = listen(http, config.node());
        } catch (RuntimeException e) {
            closeDwn(b.dwnResources);
            if (anchors != null) anchors.close();
            if (ownsRepo) repo.close();
            throw e;
        }
    }

    private static void closeDwn(AutoCloseable resources) {
        if (resources == null) return;
        try {
            resources.close();
        } catch (Exception e) {
            LOG.error("error while closing the DWN", e);
        }
    }

    private static void registerMeters(PrometheusMeterRegistry metrics, Repo repo) {
        Gauge.builder("cairn.blockstore.blocks", repo, r -> r.blockstore().stats().blockCount())
                .description("Blocks in the local blockstore").register(metrics);
        Gauge.builder("cairn.blockstore", repo, r -> r.blockstore().stats().totalBytes())
                .baseUnit("bytes").description("Bytes of block data in the local blockstore").register(metrics);
        new JvmMemoryMetrics().bindTo(metrics);
        new JvmThreadMetrics().bindTo(metrics);
        new ProcessorMetrics().bindTo(metrics);
        new UptimeMetrics().bindTo(metrics);
    }

    private static InetSocketAddress listen(HttpServer http, CairnConfig.Node n) {
        try {
            return http.start(n.httpHost(), n.httpPort());
        } catch (RuntimeException e) {
            throw new CairnException(CairnException.Kind.BAD_INPUT, "cannot_listen",
                    "cannot listen on " + n.httpHost() + ":" + n.httpPort() + ": " + e.getMessage(), e);
        }
    }

    /** Starts a node with the default routes, opening (and later closing) the configured repo. */
    public static CairnNode start(CairnConfig config) {
        return builder(config).start();
    }

    public static Builder builder(CairnConfig config) {
        return new Builder(config);
    }

    /** The address the HTTP server is bound to (with the real port when the config said 0). */
    public InetSocketAddress address() {
        return address;
    }

    /** {@code http://host:port} of the HTTP server. */
    public String url() {
        InetSocketAddress a = address != null ? address : new InetSocketAddress(config.node().httpHost(), config.node().httpPort());
        String host = a.getHostString();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    public Repo repo() {
        return repo;
    }

    public CairnConfig config() {
        return config;
    }

    /** The anchor queue and, when Bitcoin is configured, the anchoring service running on its timer. */
    public AnchorRuntime anchoring() {
        return anchoring;
    }

    public PrometheusMeterRegistry metrics() {
        return metrics;
    }

    /**
     * Stops accepting requests, lets those in flight finish within the configured grace period, then
     * closes the repo (which waits for writes in progress) if the node opened it.
     */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        http.close(config.node().shutdownGrace()); // closes the WebSockets, and with them their subscriptions
        if (dwnEndpoint != null) dwnEndpoint.close(config.node().shutdownGrace());
        closeDwn(dwnResources);
        anchoring.close(); // after the last request: waits for the tick in progress, then closes the queue
        if (ownsRepo) repo.close();
        if (ownsMetrics) metrics.close();
        LOG.info("node stopped");
    }

    /** Assembles a node: the config, and optionally an open repo, a meter registry and extra routes. */
    public static final class Builder {
        private final CairnConfig config;
        private Repo repo;
        private PrometheusMeterRegistry metrics;
        private final Map<String, HttpRoute> exact = new LinkedHashMap<>();
        private final Map<String, HttpRoute> prefixes = new LinkedHashMap<>();
        private MessageProcessor dwn;
        private AutoCloseable dwnResources;
        private boolean localDwn = true;

        private Builder(CairnConfig config) {
            this.config = config;
        }

        /** Serves this already open repo instead of opening {@code config.node().repo()}; the node leaves it open. */
        public Builder repo(Repo repo) {
            this.repo = repo;
            return this;
        }

        public Builder metrics(PrometheusMeterRegistry registry) {
            this.metrics = registry;
            return this;
        }

        /**
         * Serves this DWN on {@code POST /}, {@code GET /info} and WebSocket, with the config's DWN limits;
         * {@code resources} (its stores; may be null) are closed after the HTTP server, when the node closes.
         */
        public Builder dwn(MessageProcessor dwn, AutoCloseable resources) {
            this.dwn = dwn;
            this.dwnResources = resources;
            return this;
        }

        /** Without the repo's own DWN (when no other is given): a node serving only the gateway and anchoring. */
        public Builder withoutDwn() {
            this.localDwn = false;
            return this;
        }

        /** An extra endpoint at exactly {@code path}. */
        public Builder route(String path, HttpRoute route) {
            exact.put(path, route);
            return this;
        }

        /** An extra endpoint for every path under {@code prefix}. */
        public Builder prefixRoute(String prefix, HttpRoute route) {
            prefixes.put(prefix, route);
            return this;
        }

        public CairnNode start() {
            return new CairnNode(this);
        }
    }
}
