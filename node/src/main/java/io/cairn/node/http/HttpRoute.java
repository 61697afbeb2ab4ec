package io.cairn.node.http;

/** A handler for the requests whose path starts with {@link #prefix()}. Runs on a worker thread. */
public interface HttpRoute {
    /** A path prefix such as {@code /ipfs/}, or an exact path such as {@code /health}. */
    String prefix();

    /** The route's label in metrics, e.g. {@code /ipfs/{cid}}. */
    String name();

    void handle(HttpExchange exchange) throws Exception;
}
