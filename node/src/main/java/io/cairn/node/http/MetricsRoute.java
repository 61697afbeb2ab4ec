package io.cairn.node.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** {@code GET /metrics}: every meter in the Prometheus text exposition format. */
public final class MetricsRoute implements HttpRoute {
    private final PrometheusMeterRegistry registry;

    public MetricsRoute(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public String name() {
        return "/metrics";
    }

    @Override
    public void handle(HttpExchange ex) throws Exception {
        ex.respond(HttpResponseStatus.OK, "text/plain; version=0.0.4; charset=utf-8",
                registry.scrape().getBytes(StandardCharsets.UTF_8), Map.of("Cache-Control", "no-store"));
    }
}
