package io.cairn.node.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.ipfs.repo.Repo;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /health}: 200 {@code {"status":"ok","repo":{"ok":true,...}}} while the repo answers, 503
 * with {@code "status":"unavailable"} when it does not (for liveness and readiness probes).
 */
public final class HealthRoute implements HttpRoute {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Repo repo;

    public HealthRoute(Repo repo) {
        this.repo = repo;
    }

    @Override
    public String name() {
        return "/health";
    }

    @Override
    public void handle(HttpExchange ex) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        HttpResponseStatus status = HttpResponseStatus.OK;
        try {
            var stats = repo.blockstore().stats();
            body.put("status", "ok");
            body.put("repo", Map.of("ok", true, "path", repo.path().toString(), "blocks", stats.blockCount(), "bytes", stats.totalBytes()));
        } catch (RuntimeException e) {
            status = HttpResponseStatus.SERVICE_UNAVAILABLE;
            body.put("status", "unavailable");
            body.put("repo", Map.of("ok", false, "path", repo.path().toString(), "error", String.valueOf(e.getMessage())));
        }
        ex.respond(status, "application/json", JSON.writeValueAsBytes(body), Map.of("Cache-Control", "no-store"));
    }
}
