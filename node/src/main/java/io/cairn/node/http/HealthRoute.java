package io.cairn.node.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.ipfs.repo.Repo;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /health}: liveness and readiness, with the repo's basic figures. */
public final class HealthRoute implements HttpRoute {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Repo repo;

    public HealthRoute(Repo repo) {
        this.repo = repo;
    }

    @Override
    public String prefix() {
        return "/health";
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
            body.put("repo", Map.of("path", repo.path().toString(), "blocks", stats.blockCount(), "bytes", stats.totalBytes()));
        } catch (RuntimeException e) {
            status = HttpResponseStatus.SERVICE_UNAVAILABLE;
            body.put("status", "unavailable");
            body.put("error", e.getMessage());
        }
        ex.respond(status, "application/json", JSON.writeValueAsBytes(body), Map.of("Cache-Control", "no-store"));
    }
}
