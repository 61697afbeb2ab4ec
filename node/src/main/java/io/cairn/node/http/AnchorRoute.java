package io.cairn.node.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.anchor.Digest;
import io.cairn.anchor.proof.AnchorProof;
import io.cairn.anchor.queue.Priority;
import io.cairn.error.CairnException;
import io.cairn.node.anchor.AnchorRuntime;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The anchoring API under {@value #PREFIX}:
 * <ul>
 *   <li>{@code POST hashes} with {@code {"hashes": [HEX, ...], "urgent": false}} (or {@code "hash": HEX}):
 *       202 once every digest is durably queued, {@code {"queued": [...], "alreadyQueued": [...]}};</li>
 *   <li>{@code GET hashes/HEX}: the digest's phase (queued, closed, signed, broadcast, confirmed, final,
 *       failed), batch, txid, height, block and confirmations;</li>
 *   <li>{@code GET hashes/HEX/proof?format=json|binary|ots}: its complete proof (409 until its anchor is in a block);</li>
 *   <li>{@code GET status}: the service's state; {@code POST flush}: close a batch now;</li>
 *   <li>{@code POST tick}: one pass of the service now, 200 with its state once done (the CLI's
 *       {@code status}/{@code proof}/{@code flush} advance the anchoring first, as they do on a repo);</li>
 *   <li>{@code GET batches}: every batch (id, state, size, root, txid).</li>
 * </ul>
 * Errors are JSON with a 4xx status: a malformed digest or body 400, a digest never queued 404.
 */
public final class AnchorRoute implements HttpRoute {
    public static final String PREFIX = "/api/v0/anchor/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY = 16 << 20; // room for ~200,000 digests in one request
    private static final Map<String, String> NO_STORE = Map.of("Cache-Control", "no-store");
    /** How long {@code POST tick} waits for the pass to finish (a pass makes a few calls to the Bitcoin node per batch). */
    private static final Duration TICK_WAIT = Duration.ofMinutes(2);

    private final AnchorRuntime anchoring;

    public AnchorRoute(AnchorRuntime anchoring) {
        this.anchoring = anchoring;
    }

    @Override
    public String name() {
        return PREFIX + "*";
    }

    @Override
    public Set<HttpMethod> methods() {
        return Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST);
    }

    @Override
    public void handle(HttpExchange ex) throws Exception {
        String rest = ex.path().substring(PREFIX.length());
        boolean post = ex.method().equals(HttpMethod.POST);
        if (rest.equals("hashes") && post) {
            add(ex);
        } else if (rest.equals("flush") && post) {
            anchoring.flush();
            ex.respondJson(HttpResponseStatus.ACCEPTED, Map.of("flush", "requested"), NO_STORE);
        } else if (rest.equals("tick") && post) {
            anchoring.tickNow(TICK_WAIT);
            ex.respondJson(HttpResponseStatus.OK, anchoring.report(), NO_STORE);
        } else if (rest.equals("batches") && !post) {
            ex.respondJson(HttpResponseStatus.OK, Map.of("batches", anchoring.batches().stream().map(AnchorRoute::batchJson).toList()), NO_STORE);
        } else if (rest.equals("status") && !post) {
            ex.respondJson(HttpResponseStatus.OK, anchoring.report(), NO_STORE);
        } else if (rest.startsWith("hashes/") && rest.endsWith("/proof") && !post) {
            proof(ex, Digest.parse(rest.substring(7, rest.length() - 6)));
        } else if (rest.startsWith("hashes/") && !post) {
            ex.respondJson(HttpResponseStatus.OK, statusJson(anchoring.status(Digest.parse(rest.substring(7)))), NO_STORE);
        } else if (List.of("hashes", "flush", "status", "tick", "batches").contains(rest) || rest.startsWith("hashes/")) {
            throw new CairnException(CairnException.Kind.BAD_INPUT, "method_not_allowed", "method " + ex.method() + " is not allowed on " + ex.path());
        } else {
            throw new CairnException(CairnException.Kind.NOT_FOUND, "no_route", "no such endpoint: " + ex.path());
        }
    }

    private void add(HttpExchange ex) throws Exception {
        JsonNode body;
        try {
            body = JSON.readTree(ex.bodyBytes(MAX_BODY));
        } catch (JsonProcessingException e) {
            throw badBody("the body is not JSON: " + e.getOriginalMessage());
        }
        if (body == null || !body.isObject()) throw badBody("the body must be a JSON object with \"hashes\" or \"hash\"");
        List<Digest> digests = new ArrayList<>();
        if (body.has("hash")) digests.add(digest(body.get("hash")));
        JsonNode many = body.get("hashes");
        if (many != null) {
            if (!many.isArray()) throw badBody("\"hashes\" must be an array of hex strings");
            for (JsonNode h : many) digests.add(digest(h));
        }
        if (digests.isEmpty()) throw badBody("give \"hash\" or a non-empty \"hashes\"");
        JsonNode urgent = body.get("urgent");
        if (urgent != null && !urgent.isBoolean()) throw badBody("\"urgent\" must be true or false");
        AnchorRuntime.Added added = anchoring.add(digests, urgent != null && urgent.asBoolean() ? Priority.URGENT : Priority.NORMAL);
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("queued", added.queued().stream().map(Digest::hex).toList());
        reply.put("alreadyQueued", added.alreadyKnown().stream().map(Digest::hex).toList());
        ex.respondJson(HttpResponseStatus.ACCEPTED, reply, NO_STORE);
    }

    private void proof(HttpExchange ex, Digest digest) throws Exception {
        String format = ex.query("format") == null ? "json" : ex.query("format");
        if (!List.of("json", "binary", "ots").contains(format)) {
            throw new CairnException(CairnException.Kind.BAD_INPUT, "invalid_argument", "format must be json, binary or ots, not '" + format + "'");
        }
        AnchorProof proof = anchoring.proof(digest);
        switch (format) {
            case "json" -> ex.respond(HttpResponseStatus.OK, "application/json", proof.toJson().getBytes(java.nio.charset.StandardCharsets.UTF_8), NO_STORE);
            case "binary" -> ex.respond(HttpResponseStatus.OK, "application/octet-stream", proof.toBytes(),
                    Map.of("Cache-Control", "no-store", "Content-Disposition", "attachment; filename=\"" + digest.hex() + ".cairnproof\""));
            default -> ex.respond(HttpResponseStatus.OK, "application/octet-stream", proof.toOts().serialize(),
                    Map.of("Cache-Control", "no-store", "Content-Disposition", "attachment; filename=\"" + digest.hex() + ".ots\""));
        }
    }

    private static Map<String, Object> batchJson(AnchorRuntime.BatchReport b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", b.id());
        m.put("state", b.state());
        m.put("size", b.size());
        m.put("root", b.root());
        if (b.txid() != null) m.put("txid", b.txid());
        return m;
    }

    private static Map<String, Object> statusJson(AnchorRuntime.HashReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("hash", r.digest().hex());
        m.put("phase", r.phase());
        if (r.batch() != null) m.put("batch", r.batch());
        if (r.txid() != null) m.put("txid", r.txid());
        if (r.height() != null) m.put("height", r.height());
        if (r.blockHash() != null) m.put("blockHash", r.blockHash());
        if (r.confirmations() != null) m.put("confirmations", r.confirmations());
        return m;
    }

    private static Digest digest(JsonNode node) {
        if (node == null || !node.isTextual()) throw badBody("a hash must be a string of 64 hex characters");
        return Digest.parse(node.asText());
    }

    private static CairnException badBody(String message) {
        return new CairnException(CairnException.Kind.BAD_INPUT, "invalid_body", message);
    }
}
