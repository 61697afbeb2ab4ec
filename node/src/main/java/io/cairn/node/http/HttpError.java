package io.cairn.node.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.error.CairnException;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The one place that decides an error's HTTP status and writes its JSON body,
 * {@code {"error": {"code": "...", "message": "..."}}}.
 */
public record HttpError(HttpResponseStatus status, String code, String message) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static HttpError of(CairnException e) {
        return new HttpError(statusOf(e), e.code(), e.getMessage());
    }

    public static HttpResponseStatus statusOf(CairnException e) {
        if ("method_not_allowed".equals(e.code())) return HttpResponseStatus.METHOD_NOT_ALLOWED;
        return switch (e.kind()) {
            case BAD_INPUT -> HttpResponseStatus.BAD_REQUEST;
            case NOT_FOUND -> HttpResponseStatus.NOT_FOUND;
            case CONFLICT -> HttpResponseStatus.CONFLICT;
            case TOO_LARGE -> HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE;
            case STORAGE -> "disk_full".equals(e.code()) ? HttpResponseStatus.INSUFFICIENT_STORAGE : HttpResponseStatus.INTERNAL_SERVER_ERROR;
            case INTERNAL -> HttpResponseStatus.INTERNAL_SERVER_ERROR;
        };
    }

    /** A request Netty could not decode: its line or headers too long, or not HTTP at all. */
    static HttpError ofMalformedRequest(Throwable cause) {
        if (cause instanceof TooLongHttpLineException) {
            return new HttpError(HttpResponseStatus.REQUEST_URI_TOO_LONG, "uri_too_long", "the request line is too long");
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return new HttpError(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "headers_too_large", "the request headers are too large");
        }
        return new HttpError(HttpResponseStatus.BAD_REQUEST, "bad_request", "malformed HTTP request");
    }

    static HttpError noRoute(String path) {
        return new HttpError(HttpResponseStatus.NOT_FOUND, "no_route", "no such endpoint: " + path);
    }

    static HttpError methodNotAllowed(String method) {
        return new HttpError(HttpResponseStatus.METHOD_NOT_ALLOWED, "method_not_allowed", "method " + method + " is not allowed here");
    }

    static HttpError shuttingDown() {
        return new HttpError(HttpResponseStatus.SERVICE_UNAVAILABLE, "shutting_down", "the node is shutting down");
    }

    static HttpError internal() {
        return new HttpError(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal", "internal error");
    }

    public byte[] body() {
        return body(code, message);
    }

    public static byte[] body(String code, String message) {
        try {
            return JSON.writeValueAsBytes(Map.of("error", Map.of("code", code, "message", message == null ? "" : message)));
        } catch (Exception e) {
            return "{\"error\":{\"code\":\"internal\",\"message\":\"\"}}".getBytes(StandardCharsets.UTF_8);
        }
    }
}
