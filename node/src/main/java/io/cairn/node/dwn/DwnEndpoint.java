package io.cairn.node.dwn;

import io.cairn.dwn.MessageProcessor;
import io.cairn.node.config.CairnConfig;
import io.cairn.node.http.HttpRoute;
import io.cairn.node.http.WebSocketEndpoint;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The DWN's HTTP surface as one unit for the node to mount: {@code POST /} (and {@code GET /},
 * preflights), {@code GET /info}, dwn-server's GET routes under {@code /<did>/}, and the WebSocket
 * endpoint, all over one {@link MessageProcessor}.
 */
public final class DwnEndpoint implements AutoCloseable {
    public static final String PATH = "/";
    public static final String INFO_PATH = "/info";

    private final DwnRpcRoute rpc;
    private final DwnGetRoute get;
    private final DwnInfoRoute info;
    private final DwnSocketEndpoint sockets;
    private final ExecutorService socketWorkers = Executors.newVirtualThreadPerTaskExecutor();

    /** {@code url}: the node's own URL for {@code GET /info} when the config sets no {@code dwn_base_url}. */
    public DwnEndpoint(MessageProcessor dwn, CairnConfig.Dwn config, String version, Supplier<String> url, MeterRegistry metrics) {
        DwnRpcHandler handler = new DwnRpcHandler(dwn, metrics);
        this.rpc = new DwnRpcRoute(handler, config.maxDataSize(), config.bodyReadTimeout());
        this.get = new DwnGetRoute(dwn);
        this.info = new DwnInfoRoute(config.baseUrl() != null ? config::baseUrl : url, config.maxDataSize(), version);
        this.sockets = new DwnSocketEndpoint(handler, config.maxSubscriptionsPerConnection(), socketWorkers);
    }

    /** Path → route, for the router. */
    public Map<String, HttpRoute> routes() {
        return Map.of(PATH, rpc, INFO_PATH, info);
    }

    /** Path prefix → route, for the router: dwn-server's GET routes under {@code /did:…/}. */
    public Map<String, HttpRoute> prefixRoutes() {
        return Map.of(DwnGetRoute.PREFIX, get);
    }

    public WebSocketEndpoint webSockets() {
        return sockets;
    }

    /**
     * Stops taking WebSocket requests and waits up to {@code grace} for those running, so the stores are not
     * closed under them; the HTTP server has already closed the sockets (and so their subscriptions).
     */
    public void close(java.time.Duration grace) {
        socketWorkers.shutdown();
        try {
            socketWorkers.awaitTermination(grace.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        close(java.time.Duration.ofSeconds(10));
    }
}
