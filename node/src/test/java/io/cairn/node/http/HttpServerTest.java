package io.cairn.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.error.CairnException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The server itself, with small routes written for the test: routing, streaming, pipelining, errors, shutdown. */
class HttpServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    HttpServer server;
    int port;
    final AtomicLong maxBuffered = new AtomicLong();
    final CountDownLatch slowStarted = new CountDownLatch(1);
    final CountDownLatch releaseSlow = new CountDownLatch(1);

    /** A route from a name, methods and a handler body. */
    private static HttpRoute route(String name, Set<HttpMethod> methods, Handler h) {
        return new HttpRoute() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Set<HttpMethod> methods() {
                return methods;
            }

            @Override
            public void handle(HttpExchange ex) throws Exception {
                h.handle(ex);
            }
        };
    }

    interface Handler {
        void handle(HttpExchange ex) throws Exception;
    }

    private static void text(HttpExchange ex, String s) throws IOException {
        ex.respond(HttpResponseStatus.OK, "text/plain", s.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    @BeforeEach
    void start() {
        Set<HttpMethod> get = Set.of(HttpMethod.GET);
        Router router = Router.builder()
                .exact("/slow", route("/slow", get, ex -> {
                    slowStarted.countDown();
                    releaseSlow.await(10, TimeUnit.SECONDS);
                    text(ex, "slow");
                }))
                .exact("/fast", route("/fast", get, ex -> text(ex, "fast")))
                .prefix("/p/", route("/p/*", get, ex -> text(ex, "prefix " + ex.path())))
                .prefix("/p/special/", route("/p/special/*", get, ex -> text(ex, "longer prefix")))
                .exact("/p/exact", route("/p/exact", get, ex -> text(ex, "exact")))
                .exact("/count", route("/count", Set.of(HttpMethod.POST), ex -> {
                    InputStream body = ex.body();
                    byte[] buf = new byte[8192];
                    long total = 0;
                    for (int n; (n = body.read(buf)) >= 0; ) {
                        total += n;
                        maxBuffered.accumulateAndGet(body.available(), Math::max);
                        if (total < 4 << 20) Thread.sleep(0, 100_000); // a slow reader at first: the client must wait
                    }
                    text(ex, Long.toString(total));
                }))
                .exact("/small", route("/small", Set.of(HttpMethod.POST), ex -> text(ex, new String(ex.bodyBytes(10), StandardCharsets.UTF_8))))
                .exact("/ignore-body", route("/ignore-body", Set.of(HttpMethod.POST), ex -> text(ex, "ignored")))
                .exact("/boom", route("/boom", get, ex -> {
                    throw new IllegalStateException("bug");
                }))
                .exact("/missing", route("/missing", get, ex -> {
                    throw new CairnException(CairnException.Kind.NOT_FOUND, "no_such_thing", "nothing here");
                }))
                .build();
        server = new HttpServer(router, new SimpleMeterRegistry(), 8 * 1024);
        port = server.start("127.0.0.1", 0).getPort();
    }

    @AfterEach
    void stop() {
        releaseSlow.countDown();
        server.close(Duration.ofSeconds(1));
    }

    private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    }

    @Test
    void exactPathsWinOverPrefixesAndTheLongestPrefixWins() throws Exception {
        assertThat(send(request("/p/exact")).body()).isEqualTo("exact");
        assertThat(send(request("/p/special/x")).body()).isEqualTo("longer prefix");
        assertThat(send(request("/p/other")).body()).isEqualTo("prefix /p/other");
        HttpResponse<String> none = send(request("/nowhere"));
        assertThat(none.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(none.body()).at("/error/code").asText()).isEqualTo("no_route");
        HttpResponse<String> wrongMethod = send(request("/fast").DELETE());
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.headers().firstValue("allow")).hasValue("GET");
    }

    @Test
    void errorsBecomeJsonBodiesWithTheirStatus() throws Exception {
        HttpResponse<String> missing = send(request("/missing"));
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(JSON.readTree(missing.body()).at("/error/code").asText()).isEqualTo("no_such_thing");
        assertThat(JSON.readTree(missing.body()).at("/error/message").asText()).isEqualTo("nothing here");
        HttpResponse<String> bug = send(request("/boom"));
        assertThat(bug.statusCode()).isEqualTo(500);
        assertThat(JSON.readTree(bug.body()).at("/error/code").asText()).isEqualTo("internal");
        assertThat(bug.body()).doesNotContain("IllegalStateException");
    }

    @Test
    void aLargeUploadStreamsThroughABoundedBuffer() throws Exception {
        long size = 64L << 20;
        HttpResponse<String> r = send(request("/count").POST(HttpRequest.BodyPublishers.ofInputStream(() -> new Zeros(size))));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(Long.toString(size));
        // the reader was slow, yet the server never held much more than its high-water mark
        assertThat(maxBuffered.get()).isGreaterThan(0).isLessThanOrEqualTo(RequestBody.HIGH_WATER + 256 * 1024);
    }

    @Test
    void bodiesOverTheRoutesLimitGet413() throws Exception {
        assertThat(send(request("/small").POST(HttpRequest.BodyPublishers.ofString("0123456789"))).body()).isEqualTo("0123456789");
        HttpResponse<String> big = send(request("/small").POST(HttpRequest.BodyPublishers.ofString("0123456789A")));
        assertThat(big.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(big.body()).at("/error/code").asText()).isEqualTo("request_too_large");
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrderOnOneConnection() throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            String body = "abc";
            out.write(("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "POST /ignore-body HTTP/1.1\r\nHost: x\r\nContent-Length: " + body.length() + "\r\n\r\n" + body
                    + "GET /fast HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(slowStarted.await(5, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(200); // /fast would overtake /slow here if requests on a connection ran concurrently
            releaseSlow.countDown();
            String all = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            int slow = all.indexOf("\r\n\r\nslow");
            int ignored = all.indexOf("\r\n\r\nignored");
            int fast = all.indexOf("\r\n\r\nfast");
            assertThat(slow).isPositive();
            assertThat(ignored).isGreaterThan(slow);
            assertThat(fast).isGreaterThan(ignored);
        }
    }

    @Test
    void malformedOrOversizedRequestsGetAnErrorAndTheConnectionCloses() throws Exception {
        assertThat(rawExchange("GET /" + "a".repeat(9000) + " HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 414 ");
        assertThat(rawExchange("GET /fast HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(9000) + "\r\n\r\n")).startsWith("HTTP/1.1 431 ");
        assertThat(rawExchange("GET /fast HTTP/1.1\r\nHost: x\r\nContent-Length: nope\r\n\r\n")).startsWith("HTTP/1.1 400 ")
                .contains("\"code\":\"bad_request\"");
    }

    private String rawExchange(String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            s.getInputStream().transferTo(got); // ends because the server closes the connection
            return got.toString(StandardCharsets.US_ASCII);
        }
    }

    @Test
    void shutdownFinishesTheRequestInFlightAndRefusesNewOnes() throws Exception {
        try (Socket idle = new Socket("127.0.0.1", port)) {
            idle.setSoTimeout(10_000);
            CompletableFuture<HttpResponse<String>> slow = HttpClient.newHttpClient()
                    .sendAsync(request("/slow").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(slowStarted.await(5, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Void> closing = CompletableFuture.runAsync(() -> server.close(Duration.ofSeconds(10)));
            Thread.sleep(200);
            assertThat(closing).isNotDone(); // waiting for /slow
            // a request on a connection opened before the shutdown is told so, and the connection closes
            idle.getOutputStream().write("GET /fast HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String answer = new String(idle.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertThat(answer).startsWith("HTTP/1.1 503 ").contains("shutting_down");
            releaseSlow.countDown();
            assertThat(slow.get(10, TimeUnit.SECONDS).body()).isEqualTo("slow");
            closing.get(10, TimeUnit.SECONDS);
        }
        try (Socket refused = new Socket()) {
            assertThat(connects(refused)).isFalse();
        }
    }

    private boolean connects(Socket s) {
        try {
            s.connect(new java.net.InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code size} zero bytes, generated as they are read. */
    private static final class Zeros extends InputStream {
        private long left;

        Zeros(long size) {
            left = size;
        }

        @Override
        public int read() {
            if (left == 0) return -1;
            left--;
            return 0;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left == 0) return -1;
            int n = (int) Math.min(len, left);
            java.util.Arrays.fill(b, off, off + n, (byte) 0);
            left -= n;
            return n;
        }
    }
}
