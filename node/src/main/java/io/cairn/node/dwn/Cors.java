package io.cairn.node.dwn;

import io.cairn.node.http.HttpExchange;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CORS as dwn-server sets it up ({@code cors({ exposedHeaders: 'dwn-response' })} of the npm {@code cors}
 * package): any origin, {@code dwn-response} readable by scripts, and preflights answered 204 with the
 * requested headers reflected.
 */
final class Cors {
    static final String ALLOWED_METHODS = "GET,HEAD,PUT,PATCH,POST,DELETE";

    private Cors() {}

    /** The headers of an actual (non-preflight) response, plus {@code extra}. */
    static Map<String, String> headers(Map<String, String> extra) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Access-Control-Allow-Origin", "*");
        h.put("Access-Control-Expose-Headers", "dwn-response");
        h.putAll(extra);
        return h;
    }

    static void answerPreflight(HttpExchange ex) throws IOException {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Access-Control-Allow-Origin", "*");
        h.put("Access-Control-Allow-Methods", ALLOWED_METHODS);
        h.put("Vary", "Access-Control-Request-Headers");
        String requested = ex.headers().get("Access-Control-Request-Headers");
        if (requested != null && !requested.isEmpty()) h.put("Access-Control-Allow-Headers", requested);
        h.put("Access-Control-Expose-Headers", "dwn-response");
        ex.respond(HttpResponseStatus.NO_CONTENT, null, new byte[0], h);
    }
}
