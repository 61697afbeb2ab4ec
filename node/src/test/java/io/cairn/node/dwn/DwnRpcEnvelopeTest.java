package io.cairn.node.dwn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.DwnReply;
import io.cairn.dwn.MessageProcessor;
import io.cairn.dwn.Subscription;
import io.cairn.node.CairnNode;
import io.cairn.node.config.CairnConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JSON-RPC envelope, limits and WebSocket plumbing of the DWN endpoint, with a processor written for
 * the test that only drains record data and reports what it got (the DWN's own behaviour is proven
 * against dwn-server in {@code DwnServerDifferentialTest}).
 */
class DwnRpcEnvelopeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UUID_V4 = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";
    private static final String TENANT = "did:key:z6MkTenant";

    @TempDir
    Path dir;
    CairnNode node;
    URI base;
    final HttpClient http = HttpClient.newHttpClient();
    final AtomicLong drained = new AtomicLong(-1);
    final AtomicInteger closedSubscriptions = new AtomicInteger();
    volatile Consumer<ObjectNode> lastSubscriber;

    /** Drains data (reporting its size), answers RecordsRead with 5 bytes, Subscribe with a handle. */
    final MessageProcessor drainingProcessor = (tenant, message, options) -> {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("status").put("code", 202).put("detail", "Accepted");
        body.put("tenant", tenant);
        if (options.data() != null) {
            try (InputStream in = options.data()) {
                drained.set(in.transferTo(OutputStream.nullOutputStream()));
            } catch (IOException e) {
                body.putObject("status").put("code", 400).put("detail", e.getMessage());
                return new DwnReply(body, null);
            }
        }
        String kind = message.path("descriptor").path("interface").asText() + message.path("descriptor").path("method").asText();
        if (kind.equals("RecordsRead")) {
            body.putObject("entry").put("recordId", "r1");
            return new DwnReply(body, new ByteArrayInputStream("hello".getBytes(StandardCharsets.UTF_8)));
        }
        if (kind.endsWith("Subscribe")) {
            lastSubscriber = options.subscriptionHandler();
            body.putObject("subscription").put("id", "sub-" + message.path("descriptor").path("messageTimestamp").asText());
            return new DwnReply(body, null, new Subscription() {
                @Override
                public String id() {
                    return "sub";
                }

                @Override
                public void close() {
                    closedSubscriptions.incrementAndGet();
                }
            });
        }
        return new DwnReply(body, null);
    };

    @BeforeEach
    void start() {
        startWith(CairnConfig.Dwn.DEFAULTS.withMaxDataSize(1000).withBodyReadTimeout(Duration.ofMillis(500)).withMaxSubscriptionsPerConnection(2));
    }

    void startWith(CairnConfig.Dwn dwn) {
        startWith(dwn, drainingProcessor);
    }

    /** {@code processor} null: the repo's own DWN. */
    void startWith(CairnConfig.Dwn dwn, MessageProcessor processor) {
        if (node != null) node.close();
        CairnConfig config = new CairnConfig(new CairnConfig.Node(dir.resolve("repo"), "127.0.0.1", 0, 16 * 1024, Duration.ofSeconds(5)),
                CairnConfig.defaults().decentralized(), dwn);
        CairnNode.Builder b = CairnNode.builder(config);
        if (processor != null) b.dwn(processor, null);
        node = b.start();
        base = URI.create("http://127.0.0.1:" + node.address().getPort());
    }

    @AfterEach
    void stop() {
        node.close();
    }

    private static String rpc(String method, Object id, String iface, String dwnMethod) {
        ObjectNode r = JSON.createObjectNode().put("jsonrpc", "2.0").put("method", method);
        if (id != null) r.set("id", JSON.valueToTree(id));
        ObjectNode params = r.putObject("params").put("target", TENANT);
        params.putObject("message").putObject("descriptor").put("interface", iface).put("method", dwnMethod).put("messageTimestamp", "t1");
        return r.toString();
    }

    private HttpResponse<String> post(String header, HttpRequest.BodyPublisher body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve("/")).POST(body).header("content-type", "application/octet-stream");
        if (header != null) b.header("dwn-request", header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> r) throws IOException {
        return JSON.readTree(r.body());
    }

    @Test
    void aMissingDwnRequestHeaderIsABadRequestWithAFreshId() throws Exception {
        HttpResponse<String> r = post(null, HttpRequest.BodyPublishers.noBody());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("access-control-allow-origin")).hasValue("*");
        JsonNode body = json(r);
        assertThat(body.path("jsonrpc").asText()).isEqualTo("2.0");
        assertThat(body.path("id").asText()).matches(UUID_V4);
        assertThat(body.path("error").path("code").asInt()).isEqualTo(-50400);
        assertThat(body.path("error").path("message").asText()).isEqualTo("request payload required.");
    }

    @Test
    void anUnparsableHeaderIsABadRequest() throws Exception {
        for (String bad : List.of("{not json", "{\"a\":1} trailing", "")) {
            HttpResponse<String> r = post(bad.isEmpty() ? null : bad, HttpRequest.BodyPublishers.noBody());
            assertThat(r.statusCode()).as(bad).isEqualTo(400);
            assertThat(json(r).path("error").path("code").asInt()).as(bad).isEqualTo(-50400);
            assertThat(json(r).path("error").path("message").asText()).as(bad).isNotBlank();
        }
    }

    @Test
    void anUnknownMethodOrARequestThatIsNotAnObjectGetsTheJsonRpcError() throws Exception {
        HttpResponse<String> r = post(rpc("dwn.nope", 7, "Records", "Query"), HttpRequest.BodyPublishers.noBody());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).path("id").asInt()).isEqualTo(7);
        assertThat(json(r).path("error").path("code").asInt()).isEqualTo(-32601);

        r = post("[1,2]", HttpRequest.BodyPublishers.noBody());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).path("error").path("code").asInt()).isEqualTo(-32600);

        r = post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"dwn.processMessage\"}", HttpRequest.BodyPublishers.noBody());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).path("error").path("code").asInt()).isEqualTo(-32602);
    }

    @Test
    void aMessageWithoutDescriptorIsAnInternalErrorAsInDwnServer() throws Exception {
        HttpResponse<String> r = post("{\"jsonrpc\":\"2.0\",\"id\":\"x\",\"method\":\"dwn.processMessage\",\"params\":{\"target\":\"did:a\"}}",
                HttpRequest.BodyPublishers.noBody());
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(json(r).path("id").asText()).isEqualTo("x");
        assertThat(json(r).path("error").path("code").asInt()).isEqualTo(-32603);
    }

    @Test
    void subscribeOverHttpIsRefusedAsInDwnServer() throws Exception {
        HttpResponse<String> r = post(rpc("dwn.processMessage", 3, "Records", "Subscribe"), HttpRequest.BodyPublishers.noBody());
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(json(r).path("error").path("code").asInt()).isEqualTo(-32600);
        assertThat(json(r).path("error").path("message").asText()).isEqualTo("subscribe methods must contain a subscriptionRequest context");
    }

    @Test
    void theReplyIsWrappedInAJsonRpcResultAndTheBodyIsTheData() throws Exception {
        HttpResponse<String> r = post(rpc("dwn.processMessage", "id-1", "Records", "Write"), HttpRequest.BodyPublishers.ofString("x".repeat(1000)));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue("application/json; charset=utf-8");
        JsonNode body = json(r);
        assertThat(body.path("id").asText()).isEqualTo("id-1");
        assertThat(body.path("result").path("reply").path("status").path("code").asInt()).isEqualTo(202);
        assertThat(body.path("result").path("reply").path("tenant").asText()).isEqualTo(TENANT);
        assertThat(drained.get()).isEqualTo(1000);

        drained.set(-1);
        post(rpc("dwn.processMessage", null, "Records", "Query"), HttpRequest.BodyPublishers.noBody());
        assertThat(drained.get()).as("an empty body is no data").isEqualTo(-1);

        String metrics = http.send(HttpRequest.newBuilder(base.resolve("/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).contains("cairn_dwn_requests_total{method=\"dwn.processMessage\",status=\"202\",transport=\"http\"} 2.0");
    }

    @Test
    void recordsReadDataIsStreamedWithTheReplyInTheDwnResponseHeader() throws Exception {
        HttpResponse<String> r = post(rpc("dwn.processMessage", 5, "Records", "Read"), HttpRequest.BodyPublishers.noBody());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("hello");
        assertThat(r.headers().firstValue("content-type")).hasValue("application/octet-stream");
        assertThat(r.headers().firstValue("access-control-expose-headers")).hasValue("dwn-response");
        JsonNode reply = JSON.readTree(r.headers().firstValue("dwn-response").orElseThrow());
        assertThat(reply.path("id").asInt()).isEqualTo(5);
        assertThat(reply.path("result").path("reply").path("entry").path("recordId").asText()).isEqualTo("r1");
    }

    @Test
    void dataOverTheLimitIs413WhetherDeclaredOrChunked() throws Exception {
        HttpResponse<String> r = post(rpc("dwn.processMessage", 1, "Records", "Write"), HttpRequest.BodyPublishers.ofString("x".repeat(1001)));
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(json(r).path("id").asInt()).isEqualTo(1);
        assertThat(json(r).path("error").path("code").asInt()).isEqualTo(-50400);

        byte[] big = new byte[5000];
        r = post(rpc("dwn.processMessage", 2, "Records", "Write"), HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)));
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.headers().firstValue("connection")).hasValue("close");
    }

    @Test
    void aBodyThatStallsIs408() throws Exception {
        try (Socket s = new Socket("127.0.0.1", node.address().getPort())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            String header = rpc("dwn.processMessage", 9, "Records", "Write");
            out.write(("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\ndwn-request: " + header + "\r\n\r\n0123456789")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String response = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(response).startsWith("HTTP/1.1 408");
            assertThat(response).contains("\"id\":9").contains("-50400");
        }
    }

    @Test
    void preflightAndInfoFollowDwnServer() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/")).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://app.example").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "dwn-request,content-type").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(r.headers().firstValue("access-control-allow-origin")).hasValue("*");
        assertThat(r.headers().firstValue("access-control-allow-methods")).hasValue("GET,HEAD,PUT,PATCH,POST,DELETE");
        assertThat(r.headers().firstValue("access-control-allow-headers")).hasValue("dwn-request,content-type");

        JsonNode info = JSON.readTree(http.send(HttpRequest.newBuilder(base.resolve("/info")).build(), HttpResponse.BodyHandlers.ofString()).body());
        assertThat(info.path("server").asText()).isEqualTo("cairn");
        assertThat(info.path("maxFileSize").asLong()).isEqualTo(1000);
        assertThat(info.path("sdkVersion").asText()).isEqualTo("0.5.2");
        assertThat(info.path("webSocketSupport").asBoolean()).isTrue();
        assertThat(info.path("registrationRequirements").isArray()).isTrue();

        HttpResponse<String> root = http.send(HttpRequest.newBuilder(base.resolve("/")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(root.body()).startsWith("please use a web5 client");
    }

    @Test
    void tenantsOutsideTheAllowlistGetTheSdksUnauthorizedReplyFromTheRepoDwn() throws Exception {
        startWith(CairnConfig.Dwn.DEFAULTS.withTenants(List.of("did:key:z6MkOther")), null);
        HttpResponse<String> r = post(rpc("dwn.processMessage", 1, "Records", "Query"), HttpRequest.BodyPublishers.noBody());
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode status = json(r).path("result").path("reply").path("status");
        assertThat(status.path("code").asInt()).isEqualTo(401);
        assertThat(status.path("detail").asText()).isEqualTo("DID " + TENANT + " is not an active tenant.");
    }

    @Test
    void aWebSocketSubscriptionDeliversEventsUnderItsIdAndClosesWithTheSocket() throws Exception {
        LinkedBlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
        WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + node.address().getPort() + "/"), new WebSocket.Listener() {
            final StringBuilder text = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    try {
                        received.add(JSON.readTree(text.toString()));
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                    text.setLength(0);
                }
                webSocket.request(1);
                return null;
            }
        }).get(10, TimeUnit.SECONDS);

        ws.sendText(subscribe(1, "sub-a", "t1"), true).get();
        JsonNode reply = received.poll(10, TimeUnit.SECONDS);
        assertThat(reply.path("id").asInt()).isEqualTo(1);
        assertThat(reply.path("result").path("reply").path("status").path("code").asInt()).isEqualTo(202);

        lastSubscriber.accept((ObjectNode) JSON.readTree("{\"message\":{\"descriptor\":{\"method\":\"Write\"}}}"));
        JsonNode event = received.poll(10, TimeUnit.SECONDS);
        assertThat(event.path("id").asText()).isEqualTo("sub-a");
        assertThat(event.path("result").path("event").path("message").path("descriptor").path("method").asText()).isEqualTo("Write");

        ws.sendText(subscribe(2, "sub-a", "t2"), true).get();
        assertThat(received.poll(10, TimeUnit.SECONDS).path("error").path("message").asText())
                .isEqualTo("the subscribe id: sub-a is in use by an active subscription");
        ws.sendText(subscribe(3, "sub-b", "t3"), true).get();
        assertThat(received.poll(10, TimeUnit.SECONDS).path("result").isObject()).isTrue();
        ws.sendText(subscribe(4, "sub-c", "t4"), true).get();
        assertThat(received.poll(10, TimeUnit.SECONDS).path("error").path("code").asInt()).as("over the limit of 2").isEqualTo(-50403);

        ws.sendText("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"rpc.subscribe.close\",\"subscription\":{\"id\":\"sub-a\"}}", true).get();
        JsonNode closed = received.poll(10, TimeUnit.SECONDS);
        assertThat(closed.path("result").path("reply").path("detail").asText()).isEqualTo("Accepted");
        assertThat(closedSubscriptions.get()).isEqualTo(1);
        ws.sendText("{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"rpc.subscribe.close\",\"subscription\":{\"id\":\"sub-a\"}}", true).get();
        assertThat(received.poll(10, TimeUnit.SECONDS).path("error").path("message").asText()).isEqualTo("subscription sub-a does not exist.");

        ws.sendText(rpc("dwn.processMessage", 7, "Records", "Write"), true).get();
        assertThat(received.poll(10, TimeUnit.SECONDS).path("error").path("message").asText()).isEqualTo("RecordsWrite is not supported via ws");
        ws.sendText("nope", true).get();
        assertThat(received.poll(10, TimeUnit.SECONDS).path("error").path("code").asInt()).isEqualTo(-50400);

        ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(10, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (closedSubscriptions.get() < 2 && System.nanoTime() < deadline) Thread.sleep(20);
        assertThat(closedSubscriptions.get()).as("sub-b closed with the socket").isEqualTo(2);
    }

    @Test
    void shuttingTheNodeDownClosesItsSocketsAndTheirSubscriptions() throws Exception {
        try (WsClient ws = new WsClient(URI.create("ws://127.0.0.1:" + node.address().getPort() + "/"))) {
            assertThat(ws.request(subscribe(1, "a", "t1")).at("/result/reply/status/code").asInt()).isEqualTo(202);
            assertThat(ws.request(subscribe(2, "b", "t2")).at("/result/reply/status/code").asInt()).isEqualTo(202);
            node.close();
            assertThat(closedSubscriptions.get()).isEqualTo(2);
        }
    }

    private static String subscribe(int id, String subscriptionId, String timestamp) {
        ObjectNode r = (ObjectNode) readUnchecked(rpc("rpc.subscribe.dwn.processMessage", id, "Records", "Subscribe"));
        ((ObjectNode) r.path("params").path("message").path("descriptor")).put("messageTimestamp", timestamp);
        r.putObject("subscription").put("id", subscriptionId);
        return r.toString();
    }

    private static JsonNode readUnchecked(String s) {
        try {
            return JSON.readTree(s);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
