package io.cairn.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.node.CairnNode;
import io.cairn.node.config.ConfigLoader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The anchoring API of a node without Bitcoin configured: digests queue durably, errors are JSON 4xx. */
class AnchorRouteTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;
    CairnNode node;
    String base;

    @BeforeEach
    void start() {
        node = CairnNode.start(ConfigLoader.parse("[node]\nrepo = \"" + dir.resolve("repo") + "\"\nhttp_port = 0\n", "test", Map.of()));
        base = "http://127.0.0.1:" + node.address().getPort() + "/api/v0/anchor/";
    }

    @AfterEach
    void stop() {
        node.close();
    }

    record Reply(int status, JsonNode json, String contentType) {}

    private Reply send(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), JSON.readTree(r.body()), r.headers().firstValue("content-type").orElse(""));
    }

    @Test
    void digestsQueueOnceAndReportTheirPhase() throws Exception {
        String a = "aa".repeat(32), b = "bb".repeat(32);
        Reply added = send("POST", "hashes", "{\"hashes\": [\"" + a + "\", \"" + b.toUpperCase() + "\"]}");
        assertThat(added.status()).isEqualTo(202);
        assertThat(added.json().get("queued")).hasSize(2);
        Reply again = send("POST", "hashes", "{\"hash\": \"" + a + "\"}");
        assertThat(again.json().get("alreadyQueued").get(0).asText()).isEqualTo(a);
        assertThat(again.json().get("queued")).isEmpty();

        Reply status = send("GET", "hashes/" + b, null);
        assertThat(status.status()).isEqualTo(200);
        assertThat(status.json().get("phase").asText()).isEqualTo("queued");
        Reply service = send("GET", "status", null);
        assertThat(service.json().get("enabled").asBoolean()).isFalse();
        assertThat(service.json().get("reason").asText()).contains("bitcoin_rpc_url").contains("bitcoin_wallet_key");
        assertThat(service.json().get("queueDepth").asLong()).isEqualTo(2);

        String metrics = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.address().getPort() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).contains("cairn_anchor_queue_depth 2.0").contains("cairn_anchor_batches{phase=\"final\"} 0.0")
                .contains("cairn_anchor_fees_paid_sats_total 0.0").contains("cairn_anchor_confirmation_lag_seconds 0.0");
    }

    @Test
    void badInputIsAJson4xx() throws Exception {
        assertError(send("GET", "hashes/not-hex", null), 400, "invalid_digest");
        assertError(send("GET", "hashes/" + "ab".repeat(31), null), 400, "invalid_digest");
        assertError(send("GET", "hashes/" + "cd".repeat(32), null), 404, "unknown_hash");
        assertError(send("GET", "hashes/" + "cd".repeat(32) + "/proof", null), 404, "unknown_hash");
        assertError(send("POST", "hashes", "{not json"), 400, "invalid_body");
        assertError(send("POST", "hashes", "[]"), 400, "invalid_body");
        assertError(send("POST", "hashes", "{\"hashes\": [42]}"), 400, "invalid_body");
        assertError(send("POST", "hashes", "{\"hashes\": [\"zz\"]}"), 400, "invalid_digest");
        assertError(send("POST", "hashes", "{\"hash\": \"" + "ab".repeat(32) + "\", \"urgent\": \"yes\"}"), 400, "invalid_body");
        assertError(send("POST", "hashes", "{}"), 400, "invalid_body");
        assertError(send("GET", "nothing-here", null), 404, "no_route");
        assertError(send("DELETE", "hashes", null), 405, "method_not_allowed");
        String queued = "ef".repeat(32);
        send("POST", "hashes", "{\"hash\": \"" + queued + "\"}");
        assertError(send("GET", "hashes/" + queued + "/proof", null), 409, "not_anchored");
        assertError(send("GET", "hashes/" + queued + "/proof?format=pdf", null), 400, "invalid_argument");
        assertError(send("POST", "flush", null), 409, "anchoring_disabled");
    }

    private static void assertError(Reply r, int status, String code) {
        assertThat(r.status()).as(r.json().toString()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/json");
        assertThat(r.json().get("error").get("code").asText()).isEqualTo(code);
        assertThat(r.json().get("error").get("message").asText()).isNotBlank();
    }
}
