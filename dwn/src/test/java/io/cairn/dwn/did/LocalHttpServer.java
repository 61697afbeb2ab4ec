package io.cairn.dwn.did;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;

/**
 * A tiny HTTP server on 127.0.0.1 for resolution tests: a Pkarr relay (PUT stores the body under the
 * path, GET serves it back, 404 otherwise) that doubles as a did:web host ({@link #serve}). Served bytes
 * can be rewritten ({@link #tamper}) and the server can stall instead of answering ({@link #stall}).
 */
final class LocalHttpServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, byte[]> bodies = new ConcurrentHashMap<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile UnaryOperator<byte[]> tamper = UnaryOperator.identity();
    private volatile boolean stall;

    LocalHttpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + port();
    }

    int port() {
        return server.getAddress().getPort();
    }

    void serve(String path, byte[] body) {
        bodies.put(path, body);
    }

    byte[] stored(String path) {
        return bodies.get(path);
    }

    void tamper(UnaryOperator<byte[]> rewrite) {
        this.tamper = rewrite;
    }

    void stall(boolean stall) {
        this.stall = stall;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (stall) {
                try {
                    released.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            String path = exchange.getRequestURI().getRawPath();
            if (exchange.getRequestMethod().equals("PUT")) {
                bodies.put(path, exchange.getRequestBody().readAllBytes());
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            byte[] body = bodies.get(path);
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] served = tamper.apply(body.clone());
            exchange.sendResponseHeaders(200, served.length == 0 ? -1 : served.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(served);
            }
        }
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
