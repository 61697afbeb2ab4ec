package io.cairn.node.rpc;

import io.cairn.node.http.HttpExchange;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/**
 * A command's output as Kubo's response emitter writes it: one JSON value and a newline, or a stream of
 * them (NDJSON, {@code X-Chunked-Output: 1}) sent value by value, started by the first value so that an
 * error before it is still an error response.
 */
final class RpcOutput {
    static final Map<String, String> EXPOSE = Map.of(
            "Access-Control-Expose-Headers", "X-Stream-Output, X-Chunked-Output, X-Content-Length");

    private RpcOutput() {}

    static boolean started(HttpExchange ex) {
        return ex.responded();
    }

    static void json(HttpExchange ex, Object value) throws IOException {
        ex.respond(HttpResponseStatus.OK, "application/json", line(value), EXPOSE);
    }

    static byte[] line(Object value) throws IOException {
        byte[] json = KuboRpcRoute.JSON.writeValueAsBytes(value);
        byte[] line = java.util.Arrays.copyOf(json, json.length + 1);
        line[json.length] = '\n';
        return line;
    }

    /** Values sent one per line as they are emitted. */
    static final class Lines {
        private final HttpExchange ex;
        private OutputStream out;

        Lines(HttpExchange ex) {
            this.ex = ex;
        }

        void emit(Object value) throws IOException {
            if (out == null) {
                out = ex.respondStreaming(HttpResponseStatus.OK, "application/json", -1,
                        Map.of("X-Chunked-Output", "1", "Access-Control-Expose-Headers", EXPOSE.get("Access-Control-Expose-Headers")));
            }
            out.write(line(value));
            out.flush();
        }

        /** Ends the stream; a command that emitted nothing answers with an empty 200 stream, as Kubo does. */
        void close() throws IOException {
            if (out == null) {
                out = ex.respondStreaming(HttpResponseStatus.OK, "application/json", -1, Map.of("X-Chunked-Output", "1"));
            }
            out.close();
        }
    }
}
