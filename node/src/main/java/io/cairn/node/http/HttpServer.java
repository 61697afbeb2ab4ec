package io.cairn.node.http;

import io.cairn.error.CairnException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Phaser;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's one HTTP server (Netty). Requests are dispatched by path prefix to {@link HttpRoute}s
 * running on virtual threads, so handlers may block on the repo; every request is timed into
 * {@code http_server_requests_seconds} by route, method and status.
 */
public final class HttpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);
    private static final int MAX_REQUEST_BODY = 16 * 1024 * 1024;

    private final List<HttpRoute> routes;
    private final MeterRegistry metrics;
    private final int maxHeaderBytes;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    /** Counts requests in flight so shutdown can wait for them. */
    private final Phaser inFlight = new Phaser(1);
    private EventLoopGroup boss;
    private EventLoopGroup io;
    private Channel channel;

    public HttpServer(List<HttpRoute> routes, MeterRegistry metrics, int maxHeaderBytes) {
        this.routes = List.copyOf(routes);
        this.metrics = metrics;
        this.maxHeaderBytes = maxHeaderBytes;
    }

    public InetSocketAddress start(String host, int port) {
        boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        io = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
        ServerBootstrap b = new ServerBootstrap()
                .group(boss, io)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast(new HttpServerCodec(4096, maxHeaderBytes, 65536))
                                .addLast(new HttpServerExpectContinueHandler())
                                .addLast(new HttpObjectAggregator(MAX_REQUEST_BODY))
                                .addLast(new Dispatcher());
                    }
                });
        channel = b.bind(host, port).syncUninterruptibly().channel();
        return (InetSocketAddress) channel.localAddress();
    }

    /** Stops accepting, waits up to {@code grace} for requests in flight, then stops. */
    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }

    public void close(Duration grace) {
        if (channel != null) channel.close().syncUninterruptibly();
        int phase = inFlight.arrive();
        try {
            inFlight.awaitAdvanceInterruptibly(phase, grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.warn("shutdown grace period over with requests still running");
        }
        workers.shutdown();
        if (boss != null) boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        if (io != null) io.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class Dispatcher extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            request.retain();
            if (inFlight.register() < 0) {
                request.release();
                ctx.close();
                return;
            }
            workers.execute(() -> {
                try {
                    serve(ctx, request);
                } finally {
                    request.release();
                    inFlight.arriveAndDeregister();
                }
            });
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.debug("connection error: {}", cause.toString());
            ctx.close();
        }
    }

    private void serve(ChannelHandlerContext ctx, FullHttpRequest request) {
        long start = System.nanoTime();
        HttpExchange ex = new HttpExchange(ctx, request);
        HttpRoute route = null;
        if (!request.decoderResult().isSuccess()) {
            sendError(ex, HttpResponseStatus.BAD_REQUEST, "bad_request", "malformed HTTP request");
        } else {
            route = find(ex.path());
            try {
                if (route == null) sendError(ex, HttpResponseStatus.NOT_FOUND, "no_route", "no such endpoint: " + ex.path());
                else route.handle(ex);
            } catch (CairnException e) {
                sendError(ex, HttpError.statusOf(e), e.code(), e.getMessage());
            } catch (Exception e) {
                if (ex.responded()) {
                    LOG.debug("response to {} aborted: {}", ex.path(), e.toString());
                    ctx.close();
                } else {
                    LOG.error("unexpected error serving {}", ex.path(), e);
                    sendError(ex, HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal", "internal error");
                }
            }
        }
        String status = ex.status() == null ? "0" : Integer.toString(ex.status().code());
        Timer.builder("http.server.requests")
                .description("HTTP requests served")
                .tags("route", route == null ? "none" : route.name(), "method", request.method().name(), "status", status)
                .publishPercentileHistogram()
                .register(metrics)
                .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }

    private HttpRoute find(String path) {
        for (HttpRoute r : routes) {
            if (r.prefix().endsWith("/") ? path.startsWith(r.prefix()) : path.equals(r.prefix())) return r;
        }
        return null;
    }

    private static void sendError(HttpExchange ex, HttpResponseStatus status, String code, String message) {
        if (ex.responded()) return;
        try {
            ex.respond(status, "application/json", HttpError.body(code, message), Map.of());
        } catch (Exception e) {
            LOG.debug("cannot send error response: {}", e.toString());
        }
    }
}
