package io.cairn.node.http;

import io.netty.handler.codec.http.HttpMethod;
import java.util.Set;

/**
 * A handler for the requests a {@link Router} sends it. Runs on a virtual thread, so it may block on
 * the repo; it reads the request body as a stream and writes the response through the exchange.
 */
public interface HttpRoute {
    /** The route's label in metrics, e.g. {@code /ipfs/{cid}}: a fixed string, never the request path. */
    String name();

    /** The methods it answers; others get 405 with an {@code Allow} header. */
    default Set<HttpMethod> methods() {
        return Set.of(HttpMethod.GET, HttpMethod.HEAD);
    }

    void handle(HttpExchange exchange) throws Exception;
}
