package io.cairn.node.dwn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.MessageProcessor;
import io.cairn.dwn.interop.SdkPeer;
import io.cairn.node.CairnNode;
import io.cairn.node.config.CairnConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same HTTP requests and WebSocket messages, built with dwn-sdk-js 0.5.2 (through the harness), sent
 * to dwn-server 0.6.1 and to Cairn's node: the same HTTP status, CORS headers, content type and JSON-RPC
 * envelope (ids: echoed, or a fresh UUID v4 on both sides), the same error codes and — where dwn-server
 * writes them itself rather than passing on a JavaScript engine's text — the same messages.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DwnServerDifferentialTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UUID_V4 = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

    SdkPeer sdk;
    DwnServerPeer dwnServer;
    CairnNode cairn;
    SdkPeer.Persona alice;
    /** HTTP/1.1 only: an h2c upgrade offer would reach dwn-server's WebSocket server, which refuses it. */
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /**
     * Envelope cases never reach the DWN: on dwn-server the checks come before {@code dwn.processMessage},
     * and Cairn's processor here fails the test if it is ever called.
     */
    private static final MessageProcessor MUST_NOT_BE_REACHED = (tenant, message, options) -> {
        throw new AssertionError("the envelope case reached the DWN: " + message);
    };

    @BeforeAll
    void start(@TempDir Path dir) {
        sdk = SdkPeer.start();
        alice = sdk.persona("alice");
        dwnServer = DwnServerPeer.start();
        CairnConfig config = new CairnConfig(new CairnConfig.Node(dir.resolve("repo"), "127.0.0.1", 0, 16 * 1024, Duration.ofSeconds(5)),
                CairnConfig.defaults().decentralized(), CairnConfig.Dwn.DEFAULTS);
        cairn = CairnNode.builder(config).dwn(MUST_NOT_BE_REACHED, null).start();
    }

    @AfterAll
    void stop() {
        if (cairn != null) cairn.close();
        if (dwnServer != null) dwnServer.close();
        if (sdk != null) sdk.close();
    }

    private URI cairnUrl() {
        return URI.create("http://127.0.0.1:" + cairn.address().getPort() + "/");
    }

    private static URI ws(URI http) {
        return URI.create(http.toString().replaceFirst("^http", "ws"));
    }

    // ---- HTTP

    record Exchange(int status, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> String.join(",", e.getValue())).findFirst().orElse(null);
        }

        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }

    private Exchange send(URI base, String method, String path, Map<String, String> headers, byte[] body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(b::header);
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Exchange(r.statusCode(), r.headers().map(), r.body());
    }

    /** Sends the request to both; returns [dwn-server's, Cairn's]. */
    private List<Exchange> both(String method, String path, Map<String, String> headers, byte[] body) throws Exception {
        return List.of(send(dwnServer.url(), method, path, headers, body), send(cairnUrl(), method, path, headers, body));
    }

    private static final List<String> COMPARED_HEADERS = List.of("content-type", "access-control-allow-origin",
            "access-control-expose-headers", "access-control-allow-methods", "access-control-allow-headers", "vary");

    private static void assertSameHttp(List<Exchange> pair) {
        Exchange reference = pair.get(0);
        Exchange cairn = pair.get(1);
        assertThat(cairn.status()).as("HTTP status").isEqualTo(reference.status());
        for (String h : COMPARED_HEADERS) assertThat(cairn.header(h)).as(h).isEqualTo(reference.header(h));
    }

    /** Same JSON-RPC envelope: version, id (or both fresh UUIDs), error code, and the message when {@code sameMessage}. */
    static void assertSameEnvelope(JsonNode reference, JsonNode cairn, boolean sameMessage) {
        assertThat(cairn.path("jsonrpc").asText()).isEqualTo("2.0");
        JsonNode refId = reference.get("id");
        if (refId != null && refId.isTextual() && refId.asText().matches(UUID_V4)) {
            assertThat(cairn.path("id").asText()).as("a fresh id").matches(UUID_V4).isNotEqualTo(refId.asText());
        } else {
            assertThat(cairn.get("id")).as("id").isEqualTo(refId);
        }
        assertThat(fieldNames(cairn)).as("members").isEqualTo(fieldNames(reference));
        if (reference.has("error")) {
            assertThat(cairn.at("/error/code").asInt()).as("error code").isEqualTo(reference.at("/error/code").asInt());
            if (sameMessage) assertThat(cairn.at("/error/message").asText()).isEqualTo(reference.at("/error/message").asText());
        }
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> names = new ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        names.sort(null);
        return names;
    }

    private ObjectNode rpc(Object id, String method, String target, JsonNode message) {
        ObjectNode r = JSON.createObjectNode().put("jsonrpc", "2.0");
        if (id != null) r.set("id", JSON.valueToTree(id));
        r.put("method", method);
        ObjectNode params = r.putObject("params");
        if (target != null) params.put("target", target);
        if (message != null) params.set("message", message);
        return r;
    }

    private ObjectNode recordsSubscribe() {
        return sdk.create("RecordsSubscribe", SdkPeer.options().<ObjectNode>set("signer", alice.signer())
                .set("filter", SdkPeer.options().put("schema", "https://cairn.example/events")));
    }

    private ObjectNode recordsWrite(byte[] data) {
        return sdk.create("RecordsWrite", SdkPeer.options().<ObjectNode>set("signer", alice.signer())
                .<ObjectNode>set("data", SdkPeer.bytes(data)).put("dataFormat", "application/octet-stream"));
    }

    @Test
    void aPostWithoutTheDwnRequestHeader() throws Exception {
        List<Exchange> pair = both("POST", "/", Map.of(), null);
        assertSameHttp(pair);
        assertThat(pair.get(0).status()).isEqualTo(400);
        assertSameEnvelope(pair.get(0).json(), pair.get(1).json(), true);
    }

    @Test
    void aDwnRequestHeaderThatIsNotJson() throws Exception {
        for (String header : List.of("{bad", "not json", "{\"jsonrpc\":\"2.0\",}", "[1,2", "{} {}")) {
            List<Exchange> pair = both("POST", "/", Map.of("dwn-request", header), null);
            assertSameHttp(pair);
            // dwn-server passes on V8's JSON.parse message; Cairn words it the same (V8JsonErrors)
            assertSameEnvelope(pair.get(0).json(), pair.get(1).json(), true);
        }
    }

    @Test
    void aSubscribeOverHttpIsRefused() throws Exception {
        for (String method : List.of("dwn.processMessage", "rpc.subscribe.dwn.processMessage")) {
            ObjectNode request = rpc(42, method, alice.did(), recordsSubscribe());
            List<Exchange> pair = both("POST", "/", Map.of("dwn-request", request.toString()), null);
            assertSameHttp(pair);
            assertThat(pair.get(0).status()).isEqualTo(500);
            assertSameEnvelope(pair.get(0).json(), pair.get(1).json(), true);
        }
    }

    @Test
    void closingASubscriptionOverHttpIsRefused() throws Exception {
        ObjectNode request = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", "c1").put("method", "rpc.subscribe.close");
        request.putObject("subscription").put("id", "s1");
        List<Exchange> pair = both("POST", "/", Map.of("dwn-request", request.toString()), null);
        assertSameHttp(pair);
        assertSameEnvelope(pair.get(0).json(), pair.get(1).json(), true);
    }

    @Test
    void aMessageWithoutDescriptorIsAnInternalError() throws Exception {
        ObjectNode request = rpc(null, "dwn.processMessage", alice.did(), JSON.createObjectNode());
        List<Exchange> pair = both("POST", "/", Map.of("dwn-request", request.toString()), null);
        assertSameHttp(pair);
        assertThat(pair.get(0).status()).isEqualTo(500);
        assertSameEnvelope(pair.get(0).json(), pair.get(1).json(), false);
    }

    @Test
    void corsPreflightsAndTheRootPage() throws Exception {
        for (String path : List.of("/", "/info")) {
            assertSameHttp(both("OPTIONS", path, Map.of("Origin", "https://app.example", "Access-Control-Request-Method", "POST",
                    "Access-Control-Request-Headers", "dwn-request,content-type"), null));
            assertSameHttp(both("OPTIONS", path, Map.of("Origin", "https://app.example", "Access-Control-Request-Method", "GET"), null));
        }
        List<Exchange> root = both("GET", "/", Map.of(), null);
        assertSameHttp(root);
        assertThat(root.get(1).body()).isEqualTo(root.get(0).body());
    }

    @Test
    void infoHasDwnServersShape() throws Exception {
        List<Exchange> pair = both("GET", "/info", Map.of(), null);
        assertSameHttp(pair);
        JsonNode reference = pair.get(0).json();
        JsonNode cairnInfo = pair.get(1).json();
        assertThat(fieldNames(cairnInfo)).isEqualTo(fieldNames(reference));
        for (String same : List.of("maxFileSize", "registrationRequirements", "sdkVersion", "webSocketSupport")) {
            assertThat(cairnInfo.get(same)).as(same).isEqualTo(reference.get(same));
        }
    }

    // ---- WebSocket

    @Test
    void webSocketEnvelopeErrors() throws Exception {
        ObjectNode closeWithoutSubscription = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", 1).put("method", "rpc.subscribe.close");
        ObjectNode closeUnknown = closeWithoutSubscription.deepCopy().put("id", 2);
        closeUnknown.putObject("params"); // the agent's client sends {}; without params dwn-server throws and never answers
        closeUnknown.putObject("subscription").put("id", "nope");
        List<String> messages = List.of(
                rpc(3, "dwn.processMessage", alice.did(), recordsWrite(new byte[] {1, 2, 3})).toString(),
                rpc(4, "rpc.subscribe.dwn.processMessage", alice.did(), recordsWrite(new byte[] {4})).toString(),
                rpc(5, "dwn.processMessage", alice.did(), recordsSubscribe()).toString(),
                closeWithoutSubscription.toString(),
                closeUnknown.toString());
        try (WsClient reference = new WsClient(ws(dwnServer.url())); WsClient cairnWs = new WsClient(ws(cairnUrl()))) {
            for (String m : messages) {
                assertSameEnvelope(reference.request(m), cairnWs.request(m), true);
            }
            for (String bad : List.of("{bad", "", "[1")) {
                assertSameEnvelope(reference.request(bad), cairnWs.request(bad), true);
            }
        }
    }
}
