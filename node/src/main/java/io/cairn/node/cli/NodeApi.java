package io.cairn.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.anchor.Digest;
import io.cairn.error.CairnException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The anchoring API of a running Cairn node ({@code /api/v0/anchor/}), for CLI commands that must not
 * open a repo the node holds. A JSON error body becomes a {@link CairnException} whose kind gives the
 * same exit code as the local command; a node that cannot be reached is an error naming its address.
 */
final class NodeApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CONNECT = Duration.ofSeconds(3);
    private static final Duration PROBE = Duration.ofSeconds(5);
    private static final String ANCHOR = "/api/v0/anchor/";

    private final URI base;
    private final HttpClient http;

    NodeApi(URI base) {
        this.base = base;
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT).build();
    }

    /**
     * The node at {@code base} if it is a Cairn node serving {@code repo} (its {@code /health} names the
     * repo): a stale address, with nothing listening or something else there, gives empty.
     */
    static Optional<NodeApi> holding(URI base, Path repo) {
        NodeApi api = new NodeApi(base);
        try {
            HttpResponse<byte[]> r = api.http.send(HttpRequest.newBuilder(base.resolve("/health")).timeout(PROBE).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            JsonNode path = JSON.readTree(r.body()).path("repo").path("path");
            return path.isTextual() && sameFolder(Path.of(path.asText()), repo) ? Optional.of(api) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static boolean sameFolder(Path served, Path repo) throws IOException {
        return Files.exists(served) && Files.isSameFile(served, repo);
    }

    URI base() {
        return base;
    }

    /** {@code POST hashes}: the node's answer, {@code {"queued": [...], "alreadyQueued": [...]}}. */
    JsonNode add(List<Digest> digests, boolean urgent) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode hashes = body.putArray("hashes");
        digests.forEach(d -> hashes.add(d.hex()));
        body.put("urgent", urgent);
        return json(send(post("hashes", body.toString())));
    }

    /** {@code POST flush}: asks the service to close a batch with whatever is queued. */
    void flush() {
        send(post("flush", ""));
    }

    /** {@code POST tick}: one pass of the anchoring service, answered once it is done (or its failure). */
    void tick() {
        send(post("tick", ""));
    }

    /** {@code GET batches}: every batch with its state, size, root and transaction. */
    JsonNode batches() {
        return json(send(get("batches")));
    }

    /** {@code GET hashes/HEX}: the digest's phase, batch, transaction and block. */
    JsonNode status(Digest digest) {
        return json(send(get("hashes/" + digest.hex())));
    }

    /** {@code GET hashes/HEX/proof?format=binary}: the complete proof in Cairn's compact form. */
    byte[] proof(Digest digest) {
        return send(get("hashes/" + digest.hex() + "/proof?format=binary"));
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(base.resolve(ANCHOR + path)).GET().build();
    }

    private HttpRequest post(String path, String json) {
        return HttpRequest.newBuilder(base.resolve(ANCHOR + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    private byte[] send(HttpRequest request) {
        HttpResponse<byte[]> r;
        try {
            r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw unreachable(base, e);
        } catch (InterruptedException e) {
            throw interrupted(base);
        }
        if (r.statusCode() / 100 == 2) return r.body();
        throw error(r.statusCode(), r.body());
    }

    /** The error of a request that got no answer from the node at {@code base}. */
    static CairnException unreachable(URI base, IOException e) {
        return new CairnException(CairnException.Kind.INTERNAL, "node_unreachable",
                "cannot reach the Cairn node at " + base + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                        + " (is `cairn serve` running? --offline uses the repo directly)", e);
    }

    /** The error of a wait for the node that was interrupted (the interrupt is kept). */
    static CairnException interrupted(URI base) {
        Thread.currentThread().interrupt();
        return new CairnException(CairnException.Kind.INTERNAL, "interrupted", "interrupted while waiting for the node at " + base);
    }

    /** The node's JSON error as the exception whose kind maps to the same exit code as the local command's. */
    private CairnException error(int status, byte[] body) {
        String code = "http_" + status, message = "the node at " + base + " answered HTTP " + status;
        try {
            JsonNode e = JSON.readTree(body).path("error");
            if (e.path("message").isTextual() && !e.path("message").asText().isEmpty()) message = e.path("message").asText();
            if (e.path("code").isTextual()) code = e.path("code").asText();
        } catch (IOException | RuntimeException ignored) {
            // not a Cairn error body: the status says enough
        }
        CairnException.Kind kind = switch (status) {
            case 404 -> CairnException.Kind.NOT_FOUND;
            case 409 -> CairnException.Kind.CONFLICT;
            case 413 -> CairnException.Kind.TOO_LARGE;
            case 507 -> CairnException.Kind.STORAGE;
            default -> status / 100 == 4 ? CairnException.Kind.BAD_INPUT : CairnException.Kind.INTERNAL;
        };
        return new CairnException(kind, code, message);
    }

    private JsonNode json(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new CairnException(CairnException.Kind.INTERNAL, "bad_reply", "the node at " + base + " sent a reply that is not JSON");
        }
    }
}
