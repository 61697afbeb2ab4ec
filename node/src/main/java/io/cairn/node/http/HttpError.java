package io.cairn.node.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.error.CairnException;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The one place that turns an exception into an HTTP status and a JSON error body. */
public final class HttpError {
    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpError() {}

    public static HttpResponseStatus statusOf(CairnException e) {
        return switch (e.kind()) {
            case BAD_INPUT -> HttpResponseStatus.BAD_REQUEST;
            case NOT_FOUND -> HttpResponseStatus.NOT_FOUND;
            case CONFLICT -> HttpResponseStatus.CONFLICT;
            case TOO_LARGE -> HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE;
            case STORAGE -> "disk_full".equals(e.code()) ? HttpResponseStatus.INSUFFICIENT_STORAGE : HttpResponseStatus.INTERNAL_SERVER_ERROR;
            case INTERNAL -> HttpResponseStatus.INTERNAL_SERVER_ERROR;
        };
    }

    public static byte[] body(String code, String message) {
        try {
            return JSON.writeValueAsBytes(Map.of("error", Map.of("code", code, "message", message)));
        } catch (Exception e) {
            return ("{\"error\":{\"code\":\"internal\",\"message\":\"\"}}").getBytes(StandardCharsets.UTF_8);
        }
    }
}
