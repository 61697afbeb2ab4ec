package io.cairn.node;

import io.cairn.ipfs.repo.Repo;
import io.cairn.node.config.CairnConfig;
import io.cairn.node.http.GatewayRoute;
import io.cairn.node.http.HealthRoute;
import io.cairn.node.http.HttpServer;
import io.cairn.node.http.MetricsRoute;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * A running Cairn node: the repo and the HTTP server, wired from a {@link CairnConfig}. Used by
 * {@code cairn serve} and by applications and tests that embed a node.
 */
public final class CairnNode implements AutoCloseable {
    private final CairnConfig config;
    private final Repo repo;
    private final PrometheusMeterRegistry metrics;
    private final HttpServer http;
    private final InetSocketAddress address;

    private CairnNode(CairnConfig config) {
        this.config = config;
        this.repo = Repo.open(config.node().repo());
        this.metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Gauge.builder("cairn.blockstore.blocks", repo, r -> r.blockstore().stats().blockCount())
                .description("Blocks in the local blockstore").register(metrics);
        Gauge.builder("cairn.blockstore.size", repo, r -> r.blockstore().stats().totalBytes())
                .baseUnit("bytes").description("Bytes of block data in the local blockstore").register(metrics);
        this.http = new HttpServer(List.of(
                new GatewayRoute(repo.blockstore(), metrics),
                new HealthRoute(repo),
                new MetricsRoute(metrics)), metrics, config.node().maxHeaderBytes());
        InetSocketAddress bound;
        try {
            bound = http.start(config.node().httpHost(), config.node().httpPort());
        } catch (RuntimeException e) {
            repo.close();
            throw new io.cairn.error.CairnException(io.cairn.error.CairnException.Kind.BAD_INPUT, "cannot_listen",
                    "cannot listen on " + config.node().httpHost() + ":" + config.node().httpPort() + ": " + e.getMessage(), e);
        }
        this.address = bound;
    }

    public static CairnNode start(CairnConfig config) {
        return new CairnNode(config);
    }

    public InetSocketAddress address() {
        return address;
    }

    public Repo repo() {
        return repo;
    }

    /** Stops accepting requests, lets those in flight finish within the grace period, then closes the repo. */
    @Override
    public void close() {
        http.close(config.node().shutdownGrace());
        repo.close();
        metrics.close();
    }
}
