package io.cairn.node.dwn;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.node.http.HttpExchange;
import io.cairn.node.http.HttpRoute;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /} as dwn-server 0.6.1 answers it: the JSON-RPC request in the {@code dwn-request}
 * header, record data (if any) as the body, streamed into the DWN with back-pressure; 200 with the
 * JSON-RPC response, or with RecordsRead data as {@code application/octet-stream} and the response in
 * the {@code dwn-response} header; 400 for a missing or unparsable header (error -50400), 500 for a
 * JSON-RPC error from the method. Cairn's limits add 413 (data over {@code maxDataSize}) and 408 (a
 * body that stalls). {@code GET /} answers dwn-server's plain-text pointer; OPTIONS answers CORS preflights.
 */
public final class DwnRpcRoute implements HttpRoute {
    static final String REQUEST_HEADER = "dwn-request";
    static final String GREETING = "please use a web5 client, for example: https://github.com/TBD54566975/web5-js ";

    private static final ObjectReader READER = JsonRpc.JSON.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final DwnRpcHandler handler;
    private final long maxDataSize;
    private final Duration bodyReadTimeout;

    DwnRpcRoute(DwnRpcHandler handler, long maxDataSize, Duration bodyReadTimeout) {
        this.handler = handler;
        this.maxDataSize = maxDataSize;
        this.bodyReadTimeout = bodyReadTimeout;
    }

    @Override
    public String name() {
        return "/ (dwn json-rpc)";
    }

    @Override
    public Set<HttpMethod> methods() {
        return Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST, HttpMethod.OPTIONS);
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        if (ex.method().equals(HttpMethod.OPTIONS)) {
            Cors.answerPreflight(ex);
        } else if (ex.method().equals(HttpMethod.POST)) {
            processRequest(ex);
        } else {
            ex.respond(HttpResponseStatus.OK, "text/plain; charset=utf-8", GREETING.getBytes(StandardCharsets.UTF_8), Cors.headers(Map.of()));
        }
    }

    private void processRequest(HttpExchange ex) throws IOException {
        String header = ex.headers().get(REQUEST_HEADER);
        if (header == null || header.isEmpty()) {
            sendJson(ex, HttpResponseStatus.BAD_REQUEST, JsonRpc.error(JsonRpc.newId(), JsonRpc.BAD_REQUEST, "request payload required."));
            return;
        }
        JsonNode request;
        try {
            request = parse(header);
        } catch (IOException e) {
            sendJson(ex, HttpResponseStatus.BAD_REQUEST, JsonRpc.error(JsonRpc.newId(), JsonRpc.BAD_REQUEST, parseErrorMessage(header, e)));
            return;
        }
        long declared = declaredLength(ex);
        if (declared > maxDataSize) {
            refuseBody(ex, request, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, tooLargeMessage());
            return;
        }
        // as dwn-server: a body counts as data when it declares a length above 0 or comes chunked
        boolean hasData = declared > 0 || ex.headers().contains(HttpHeaderNames.TRANSFER_ENCODING);
        GuardedBody data = hasData ? new GuardedBody(ex.body(bodyReadTimeout), maxDataSize) : null;

        RpcOutcome outcome = handler.handle(request, DwnRpcHandler.Transport.HTTP, data, null);
        GuardedBody.Breach breach = data == null ? GuardedBody.Breach.NONE : data.breach();
        if (breach != GuardedBody.Breach.NONE) {
            closeQuietly(outcome.data());
            if (breach == GuardedBody.Breach.TOO_LARGE) {
                refuseBody(ex, request, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, tooLargeMessage());
            } else {
                refuseBody(ex, request, HttpResponseStatus.REQUEST_TIMEOUT,
                        "the request body stalled: no bytes for " + bodyReadTimeout.toMillis() + " ms");
            }
            return;
        }
        if (outcome.isError()) {
            sendJson(ex, outcome.refused() ? HttpResponseStatus.BAD_REQUEST : HttpResponseStatus.INTERNAL_SERVER_ERROR, outcome.response());
        } else if (outcome.data() != null) {
            ExpressReplies.streamData(ex, "application/octet-stream", outcome.response(), outcome.data());
        } else {
            sendJson(ex, HttpResponseStatus.OK, outcome.response());
        }
    }

    /** The Content-Length, or -1 (the HTTP decoder has already refused a malformed one). */
    private static long declaredLength(HttpExchange ex) {
        String value = ex.headers().get(HttpHeaderNames.CONTENT_LENGTH);
        if (value == null) return -1;
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** A refused body cannot be skipped reliably (it may be huge or stalled): answer, then close the connection. */
    private void refuseBody(HttpExchange ex, JsonNode request, HttpResponseStatus status, String message) throws IOException {
        ex.closeConnectionAfterResponse();
        JsonNode id = request.isObject() ? JsonRpc.idOf(request) : JsonRpc.newId();
        sendJson(ex, status, JsonRpc.error(id, JsonRpc.BAD_REQUEST, message));
    }

    private String tooLargeMessage() {
        return "record data is larger than this node's limit of " + maxDataSize + " bytes";
    }

    private static void sendJson(HttpExchange ex, HttpResponseStatus status, ObjectNode body) throws IOException {
        ExpressReplies.json(ex, status, body);
    }

    /** One JSON value and nothing after it, as JSON.parse reads it. */
    static JsonNode parse(String text) throws IOException {
        JsonNode request = READER.readTree(text);
        if (request == null || request.isMissingNode()) throw new IOException("Unexpected end of JSON input");
        return request;
    }

    /** What JSON.parse would have said (dwn-server passes its message on), else the parser's own words. */
    static String parseErrorMessage(String text, IOException e) {
        String v8 = io.cairn.dwn.jose.V8JsonErrors.messageFor(text);
        if (v8 != null) return v8;
        String m = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        if (m == null) return "invalid JSON";
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private static void closeQuietly(InputStream in) {
        if (in == null) return;
        try {
            in.close();
        } catch (IOException ignored) {
            // the response is an error either way
        }
    }
}
