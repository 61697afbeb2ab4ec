package io.cairn.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.error.CairnException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The Kubo RPC API ({@code POST /api/v0/…}) of a running Cairn node, for the repo commands while the
 * node holds the repo. Bodies stream both ways: an upload is read from its source as it is sent, and
 * output is handed on as it arrives. A Kubo error becomes a {@link CairnException} of the kind the node
 * names in {@code X-Cairn-Error-Kind}, so the command exits as it would have on the repo.
 */
final class KuboRpcClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CONNECT = Duration.ofSeconds(3);

    private final URI base;
    private final HttpClient http;

    KuboRpcClient(URI base) {
        this.base = base;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT).build();
    }

    /** {@code command?query} with an empty body; the response body is returned open, once the status is 200. */
    InputStream post(String command, List<Map.Entry<String, String>> query) {
        return send(request(command, query).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    /** {@code command?query} with a {@code multipart/form-data} body read from {@code body} as it is sent. */
    InputStream postMultipart(String command, List<Map.Entry<String, String>> query, String boundary, Supplier<InputStream> body) {
        StreamBodyPublisher upload = new StreamBodyPublisher(body);
        try {
            return send(request(command, query).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.fromPublisher(upload)).build());
        } catch (CairnException e) {
            if (upload.readFailure() != null) throw readFailure(upload.readFailure());
            throw e;
        }
    }

    /** Each NDJSON value of a response, as it arrives. */
    void lines(InputStream response, Consumer<JsonNode> each) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(response, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.isBlank()) each.accept(JSON.readTree(line));
            }
        } catch (IOException e) {
            throw cutShort(e);
        }
    }

    /** The one JSON value of a response. */
    JsonNode json(InputStream response) {
        try (response) {
            return JSON.readTree(response);
        } catch (IOException e) {
            throw cutShort(e);
        }
    }

    /** Copies a streamed response to {@code out}. */
    void copy(InputStream response, OutputStream out) {
        try (response) {
            response.transferTo(out);
        } catch (UncheckedIOException e) {
            throw cutShort(e.getCause());
        } catch (IOException e) {
            throw cutShort(e);
        }
    }

    private HttpRequest.Builder request(String command, List<Map.Entry<String, String>> query) {
        StringBuilder uri = new StringBuilder("/api/v0/").append(command);
        char sep = '?';
        for (Map.Entry<String, String> q : query) {
            uri.append(sep).append(encode(q.getKey())).append('=').append(encode(q.getValue()));
            sep = '&';
        }
        return HttpRequest.newBuilder(base.resolve(uri.toString()));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private InputStream send(HttpRequest request) {
        HttpResponse<InputStream> r;
        try {
            r = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw NodeApi.unreachable(base, e);
        } catch (InterruptedException e) {
            throw NodeApi.interrupted(base);
        }
        if (r.statusCode() == 200) return r.body();
        throw error(r);
    }

    private static CairnException readFailure(IOException e) {
        return new CairnException(CairnException.Kind.BAD_INPUT, "read_failed", "cannot read input: " + e.getMessage(), e);
    }

    /** Kubo's error (JSON {@code Message}, or the text of a parser refusal) with the node's kind and code. */
    private CairnException error(HttpResponse<InputStream> r) {
        String message;
        try (InputStream body = r.body()) {
            byte[] bytes = body.readNBytes(64 * 1024);
            String text = new String(bytes, StandardCharsets.UTF_8);
            boolean json = r.headers().firstValue("Content-Type").orElse("").startsWith("application/json");
            message = json ? JSON.readTree(bytes).path("Message").asText(text) : text.strip();
        } catch (IOException | RuntimeException e) {
            message = "";
        }
        if (message.isEmpty()) message = "the node at " + base + " answered HTTP " + r.statusCode();
        CairnException.Kind kind;
        try {
            kind = CairnException.Kind.valueOf(r.headers().firstValue("X-Cairn-Error-Kind").orElse(""));
        } catch (IllegalArgumentException e) {
            kind = r.statusCode() / 100 == 4 ? CairnException.Kind.BAD_INPUT : CairnException.Kind.INTERNAL;
        }
        return new CairnException(kind, r.headers().firstValue("X-Cairn-Error-Code").orElse("http_" + r.statusCode()), message);
    }

    private CairnException cutShort(IOException e) {
        return new CairnException(CairnException.Kind.INTERNAL, "node_failed",
                "the node at " + base + " stopped answering mid-response: " + e.getMessage(), e);
    }
}
