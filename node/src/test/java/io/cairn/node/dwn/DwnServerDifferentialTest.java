package io.cairn.node.dwn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.interop.SdkPeer;
import io.cairn.node.CairnNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
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

    DwnServerAndCairn peers;
    SdkPeer sdk;
    DwnServerPeer dwnServer;
    CairnNode cairn;
    SdkPeer.Persona alice;
    SdkPeer.Persona bob;
    /** HTTP/1.1 only: an h2c upgrade offer would reach dwn-server's WebSocket server, which refuses it. */
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    void start(@TempDir Path dir) {
        peers = DwnServerAndCairn.start(dir);
        sdk = peers.sdk;
        dwnServer = peers.dwnServer;
        cairn = peers.cairn;
        alice = sdk.persona("alice");
        bob = sdk.persona("bob");
    }

    @AfterAll
    void stop() {
        if (peers != null) peers.close();
    }

    private URI cairnUrl() {
        return peers.cairnUrl();
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

    // ---- messages that reach the DWN: the two DWNs get the same messages in the same order

    /** POSTs the message (and data as the body) to both; asserts the same HTTP answer and JSON-RPC reply; returns the reply. */
    private JsonNode processOnBoth(Object id, String target, JsonNode message, byte[] data) throws Exception {
        ObjectNode request = rpc(id, "dwn.processMessage", target, message);
        Map<String, String> headers = data == null ? Map.of("dwn-request", request.toString())
                : Map.of("dwn-request", request.toString(), "content-type", "application/octet-stream");
        List<Exchange> pair = both("POST", "/", headers, data);
        assertSameHttp(pair);
        JsonNode reference = responseOf(pair.get(0));
        JsonNode cairnResponse = responseOf(pair.get(1));
        assertSameEnvelope(reference, cairnResponse, true);
        assertThat(cairnResponse.path("result")).as("result of %s", describe(message)).isEqualTo(reference.path("result"));
        if (reference.path("result").path("reply").has("entry") && pair.get(0).header("dwn-response") != null) {
            assertThat(pair.get(1).body()).as("record data").isEqualTo(pair.get(0).body());
        }
        return reference.path("result").path("reply");
    }

    /** The JSON-RPC response: the body, or the {@code dwn-response} header when the body is record data. */
    private static JsonNode responseOf(Exchange e) throws IOException {
        String header = e.header("dwn-response");
        return header != null ? JSON.readTree(header) : e.json();
    }

    private static String describe(JsonNode message) {
        return message.path("descriptor").path("interface").asText() + message.path("descriptor").path("method").asText();
    }

    private ObjectNode write(SdkPeer.Persona author, byte[] data, String schema, boolean published) {
        ObjectNode options = SdkPeer.options().<ObjectNode>set("signer", author.signer()).<ObjectNode>set("data", SdkPeer.bytes(data))
                .put("dataFormat", "text/plain").put("schema", schema);
        if (published) options.put("published", true);
        return sdk.create("RecordsWrite", options);
    }

    @Test
    void recordLifeCycleOverHttp() throws Exception {
        String schema = "https://cairn.example/life-cycle";
        byte[] small = "hello from the SDK".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] large = new byte[70_000];
        new java.util.SplittableRandom(3).nextBytes(large);

        ObjectNode first = write(alice, small, schema, false);
        assertThat(processOnBoth(1, alice.did(), first, small).at("/status/code").asInt()).isEqualTo(202);
        ObjectNode second = write(alice, large, schema, true);
        assertThat(processOnBoth("two", alice.did(), second, large).at("/status/code").asInt()).isEqualTo(202);
        // the same write again: 409 in both
        processOnBoth(3, alice.did(), second, large);

        ObjectNode query = sdk.create("RecordsQuery", SdkPeer.options().<ObjectNode>set("signer", alice.signer())
                .set("filter", SdkPeer.options().put("schema", schema)));
        assertThat(processOnBoth(4, alice.did(), query, null).path("entries")).hasSize(2);

        for (ObjectNode written : List.of(first, second)) {
            ObjectNode read = sdk.create("RecordsRead", SdkPeer.options().<ObjectNode>set("signer", alice.signer())
                    .set("filter", SdkPeer.options().put("recordId", written.get("recordId").asText())));
            assertThat(processOnBoth(null, alice.did(), read, null).at("/status/code").asInt()).isEqualTo(200);
        }

        // bob may not read alice's unpublished record (401), may read the published one, and finds nothing unknown (404)
        ObjectNode bobReadsFirst = sdk.create("RecordsRead", SdkPeer.options().<ObjectNode>set("signer", bob.signer())
                .set("filter", SdkPeer.options().put("recordId", first.get("recordId").asText())));
        assertThat(processOnBoth(5, alice.did(), bobReadsFirst, null).at("/status/code").asInt()).isEqualTo(401);
        ObjectNode anonymousRead = sdk.create("RecordsRead", SdkPeer.options()
                .set("filter", SdkPeer.options().put("recordId", second.get("recordId").asText())));
        assertThat(processOnBoth(6, alice.did(), anonymousRead, null).at("/status/code").asInt()).isEqualTo(200);
        ObjectNode missing = sdk.create("RecordsRead", SdkPeer.options().<ObjectNode>set("signer", alice.signer())
                .set("filter", SdkPeer.options().put("recordId", "bafyreigcyyxazbhm5zx3mrwwx5csyaziuvqo3vbctdqmrdfgdwikfb6hsi")));
        assertThat(processOnBoth(7, alice.did(), missing, null).at("/status/code").asInt()).isEqualTo(404);

        ObjectNode delete = sdk.create("RecordsDelete", SdkPeer.options().<ObjectNode>set("signer", alice.signer())
                .put("recordId", first.get("recordId").asText()));
        assertThat(processOnBoth(8, alice.did(), delete, null).at("/status/code").asInt()).isEqualTo(202);
        processOnBoth(9, alice.did(), query, null);
    }

    @Test
    void protocolsOverHttp() throws Exception {
        String protocol = "https://cairn.example/protocols/over-http";
        ObjectNode definition = (ObjectNode) JSON.readTree("{\"protocol\":\"" + protocol + "\",\"published\":true,"
                + "\"types\":{\"note\":{}},\"structure\":{\"note\":{\"$actions\":[{\"who\":\"anyone\",\"can\":[\"create\"]}]}}}");
        ObjectNode configure = sdk.create("ProtocolsConfigure", SdkPeer.options().<ObjectNode>set("signer", alice.signer())
                .set("definition", definition));
        assertThat(processOnBoth(21, alice.did(), configure, null).at("/status/code").asInt()).isEqualTo(202);
        ObjectNode anonymousQuery = sdk.create("ProtocolsQuery", SdkPeer.options()
                .set("filter", SdkPeer.options().put("protocol", protocol)));
        assertThat(processOnBoth(22, alice.did(), anonymousQuery, null).path("entries")).hasSize(1);
        byte[] note = "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ObjectNode bobsNote = sdk.create("RecordsWrite", SdkPeer.options().<ObjectNode>set("signer", bob.signer())
                .put("protocol", protocol).put("protocolPath", "note").put("dataFormat", "application/json")
                .set("data", SdkPeer.bytes(note)));
        assertThat(processOnBoth(23, alice.did(), bobsNote, note).at("/status/code").asInt()).isEqualTo(202);
        ObjectNode wrongPath = sdk.create("RecordsWrite", SdkPeer.options().<ObjectNode>set("signer", bob.signer())
                .put("protocol", protocol).put("protocolPath", "other").put("dataFormat", "application/json")
                .set("data", SdkPeer.bytes(note)));
        assertThat(processOnBoth(24, alice.did(), wrongPath, note).at("/status/code").asInt()).isEqualTo(400);
    }

    @Test
    void rejectedWritesOverHttp() throws Exception {
        byte[] data = {1, 2, 3, 4};
        ObjectNode tampered = write(alice, data, "https://cairn.example/rejected", false);
        ObjectNode signature = (ObjectNode) tampered.at("/authorization/signature/signatures/0");
        String sig = signature.get("signature").asText();
        signature.put("signature", (sig.charAt(0) == 'A' ? "B" : "A") + sig.substring(1));
        assertThat(processOnBoth(1, alice.did(), tampered, data).at("/status/code").asInt()).isEqualTo(401);

        ObjectNode wrongData = write(alice, data, "https://cairn.example/rejected", false);
        processOnBoth(2, alice.did(), wrongData, new byte[] {9, 9, 9, 9});
        ObjectNode noData = write(alice, data, "https://cairn.example/rejected", false);
        processOnBoth(3, alice.did(), noData, null);
        ObjectNode othersTenant = write(bob, data, "https://cairn.example/rejected", false);
        processOnBoth(4, alice.did(), othersTenant, data);
        ObjectNode noTarget = write(alice, data, "https://cairn.example/rejected", false);
        processOnBoth(5, null, noTarget, data);
        ObjectNode invalid = write(alice, data, "https://cairn.example/rejected", false);
        ((ObjectNode) invalid.get("descriptor")).put("dataFormat", 7);
        processOnBoth(6, alice.did(), invalid, data);
    }

    @Test
    void aMessageOfElevenKibInTheHeaderIsAcceptedAndSeventeenKibIsRefusedByBoth() throws Exception {
        String longSchema = "https://cairn.example/" + "a".repeat(11_000);
        ObjectNode query = sdk.create("RecordsQuery", SdkPeer.options().<ObjectNode>set("signer", alice.signer())
                .set("filter", SdkPeer.options().put("schema", longSchema)));
        assertThat(rpc(1, "dwn.processMessage", alice.did(), query).toString().length()).isGreaterThan(11_000);
        assertThat(processOnBoth(1, alice.did(), query, null).at("/status/code").asInt()).isEqualTo(200);

        ObjectNode tooLong = sdk.create("RecordsQuery", SdkPeer.options().<ObjectNode>set("signer", alice.signer())
                .set("filter", SdkPeer.options().put("schema", "https://cairn.example/" + "b".repeat(17_000))));
        List<Exchange> pair = both("POST", "/", Map.of("dwn-request", rpc(2, "dwn.processMessage", alice.did(), tooLong).toString()), null);
        assertThat(pair.get(0).status()).isEqualTo(431);
        assertThat(pair.get(1).status()).isEqualTo(431);
    }

    @Test
    void theWeb5AgentsClientReadsBackWhatItWroteThroughCairn() throws Exception {
        byte[] data = new byte[100_000];
        new java.util.SplittableRandom(11).nextBytes(data);
        ObjectNode written = write(alice, data, "https://cairn.example/agent", false);
        DwnServerPeer.ClientReply reply = dwnServer.send(cairnUrl(), alice.did(), written, data);
        assertThat(reply.thrown()).isNull();
        assertThat(reply.reply().at("/status/code").asInt()).isEqualTo(202);

        ObjectNode read = sdk.create("RecordsRead", SdkPeer.options().<ObjectNode>set("signer", alice.signer())
                .set("filter", SdkPeer.options().put("recordId", written.get("recordId").asText())));
        DwnServerPeer.ClientReply back = dwnServer.send(cairnUrl(), alice.did(), read, null);
        assertThat(back.thrown()).isNull();
        assertThat(back.reply().at("/status/code").asInt()).isEqualTo(200);
        assertThat(back.reply().at("/entry/recordsWrite/recordId").asText()).isEqualTo(written.get("recordId").asText());
        assertThat(back.data()).isEqualTo(data);

        // and the same client against dwn-server gets the same reply for the same messages
        assertThat(dwnServer.send(dwnServer.url(), alice.did(), written, data).reply()).isEqualTo(reply.reply());
        DwnServerPeer.ClientReply reference = dwnServer.send(dwnServer.url(), alice.did(), read, null);
        assertThat(back.reply()).isEqualTo(reference.reply());
        assertThat(reference.data()).isEqualTo(data);
    }

    @Test
    void subscriptionsDeliverTheSameEventsOverWebSocket() throws Exception {
        String schema = "https://cairn.example/subscribed";
        ObjectNode subscribe = sdk.create("RecordsSubscribe", SdkPeer.options().<ObjectNode>set("signer", alice.signer())
                .set("filter", SdkPeer.options().put("schema", schema)));
        ObjectNode request = rpc(1, "rpc.subscribe.dwn.processMessage", alice.did(), subscribe);
        request.putObject("subscription").put("id", "sub-1");
        try (WsClient reference = new WsClient(ws(dwnServer.url())); WsClient cairnWs = new WsClient(ws(cairnUrl()))) {
            JsonNode referenceReply = reference.request(request.toString());
            JsonNode cairnReply = cairnWs.request(request.toString());
            assertSameEnvelope(referenceReply, cairnReply, true);
            assertThat(cairnReply.path("result")).isEqualTo(referenceReply.path("result"));
            assertThat(cairnReply.at("/result/reply/status/code").asInt()).isEqualTo(200);

            byte[] data = "an event".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            processOnBoth(2, alice.did(), write(alice, data, schema, false), data);
            processOnBoth(3, alice.did(), write(alice, data, "https://cairn.example/other", false), data);
            processOnBoth(4, alice.did(), write(alice, data, schema, true), data);
            for (int i = 0; i < 2; i++) {
                JsonNode expected = reference.next(15);
                JsonNode actual = cairnWs.next(15);
                assertThat(expected).as("dwn-server's event %d", i).isNotNull();
                assertThat(actual).as("event %d", i).isEqualTo(expected);
                assertThat(actual.path("id").asText()).isEqualTo("sub-1");
            }

            ObjectNode close = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", 5).put("method", "rpc.subscribe.close");
            close.putObject("params");
            close.putObject("subscription").put("id", "sub-1");
            assertSameEnvelope(reference.request(close.toString()), cairnWs.request(close.toString()), true);
            processOnBoth(6, alice.did(), write(alice, data, schema, false), data);
            assertThat(cairnWs.next(1)).as("no event after the close").isNull();
        }
    }

    @Test
    void theAgentsWebSocketClientSubscribesToCairn() throws Exception {
        String schema = "https://cairn.example/agent-events";
        ObjectNode subscribe = sdk.create("RecordsSubscribe", SdkPeer.options().<ObjectNode>set("signer", alice.signer())
                .set("filter", SdkPeer.options().put("schema", schema)));
        ObjectNode reply = dwnServer.subscribe(ws(cairnUrl()), alice.did(), subscribe, "agent");
        assertThat(reply.at("/status/code").asInt()).isEqualTo(200);
        byte[] data = "to the agent".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ObjectNode written = write(alice, data, schema, false);
        assertThat(dwnServer.send(cairnUrl(), alice.did(), written, data).reply().at("/status/code").asInt()).isEqualTo(202);
        List<JsonNode> events = dwnServer.events("agent", 1);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).at("/message/recordId").asText()).isEqualTo(written.get("recordId").asText());
        dwnServer.unsubscribe("agent");
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
            ObjectNode query = sdk.create("RecordsQuery", SdkPeer.options().<ObjectNode>set("signer", alice.signer())
                    .set("filter", SdkPeer.options().put("schema", "https://cairn.example/nothing-here")));
            for (String method : List.of("dwn.processMessage", "rpc.subscribe.dwn.processMessage")) {
                String m = rpc(6, method, alice.did(), query).toString();
                JsonNode referenceReply = reference.request(m);
                JsonNode cairnReply = cairnWs.request(m);
                assertSameEnvelope(referenceReply, cairnReply, true);
                assertThat(cairnReply.path("result")).as("a query over WebSocket (%s)", method).isEqualTo(referenceReply.path("result"));
            }
            for (String bad : List.of("{bad", "", "[1")) {
                assertSameEnvelope(reference.request(bad), cairnWs.request(bad), true);
            }
        }
    }
}
