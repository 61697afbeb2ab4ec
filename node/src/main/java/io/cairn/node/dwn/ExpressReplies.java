package io.cairn.node.dwn;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.cairn.node.http.HttpExchange;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The responses dwn-server's Express handlers send, with its CORS headers: {@code res.json} (JSON,
 * {@code application/json; charset=utf-8}), {@code res.sendStatus} (the status text as
 * {@code text/plain; charset=utf-8}), {@code res.send(string)} ({@code text/html; charset=utf-8}), and
 * record data streamed with the DWN reply in the {@code dwn-response} header.
 */
final class ExpressReplies {
    static final String RESPONSE_HEADER = "dwn-response";
    private static final String JSON_TYPE = "application/json; charset=utf-8";
    /** Control characters as {@code \\u001f}, in lower case, as JSON.stringify writes them. */
    private static final ObjectWriter BODY_WRITER = JsonRpc.JSON.writer().without(JsonWriteFeature.WRITE_HEX_UPPER_CASE);
    /** A header carries Latin-1 at best: anything beyond ASCII goes as a JSON escape, which parses to the same text. */
    private static final ObjectWriter HEADER_WRITER = JsonRpc.JSON.writer().with(JsonWriteFeature.ESCAPE_NON_ASCII);

    private ExpressReplies() {}

    static void json(HttpExchange ex, HttpResponseStatus status, JsonNode body) throws IOException {
        ex.respond(status, JSON_TYPE, stringify(body), Cors.headers(Map.of()));
    }

    /**
     * {@code JSON.stringify(value)} in UTF-8: characters beyond the BMP as themselves (Jackson's byte
     * writer would escape their surrogates), a lone surrogate escaped.
     */
    static byte[] stringify(JsonNode value) throws JsonProcessingException {
        String text = BODY_WRITER.writeValueAsString(value);
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean paired = Character.isHighSurrogate(c) ? i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))
                    : !Character.isLowSurrogate(c) || (i > 0 && Character.isHighSurrogate(text.charAt(i - 1)));
            if (paired) out.append(c);
            else out.append(String.format("\\u%04x", (int) c));
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** {@code res.sendStatus(code)}: the status's standard text as the body. */
    static void sendStatus(HttpExchange ex, int code) throws IOException {
        HttpResponseStatus status = HttpResponseStatus.valueOf(code);
        String text = status.reasonPhrase().startsWith("Unknown Status") ? Integer.toString(code) : status.reasonPhrase();
        ex.respond(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8), Cors.headers(Map.of()));
    }

    /** {@code res.status(code).send(text)}. */
    static void html(HttpExchange ex, HttpResponseStatus status, String text) throws IOException {
        ex.respond(status, "text/html; charset=utf-8", text.getBytes(StandardCharsets.UTF_8), Cors.headers(Map.of()));
    }

    /** 200 with {@code data} streamed as it is read (never held whole) and {@code reply} in the {@code dwn-response} header. */
    static void streamData(HttpExchange ex, String contentType, JsonNode reply, InputStream data) throws IOException {
        try (InputStream in = data) {
            Map<String, String> headers = Cors.headers(Map.of(RESPONSE_HEADER, headerJson(reply)));
            try (OutputStream out = ex.respondStreaming(HttpResponseStatus.OK, contentType, -1, headers)) {
                if (!ex.isHead()) in.transferTo(out);
            }
        }
    }

    static String headerJson(JsonNode value) throws JsonProcessingException {
        return HEADER_WRITER.writeValueAsString(value);
    }
}
