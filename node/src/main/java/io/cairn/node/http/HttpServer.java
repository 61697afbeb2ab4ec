package io.cairn.node.http;

import io.cairn.error.CairnException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's one HTTP/1.1 server (Netty). Each request runs its {@link HttpRoute} on a virtual thread,
 * so routes may block on the repo. A connection handles one request at a time (pipelined requests
 * wait their turn) and reads its socket only when the current request's body has room, so neither
 * bodies nor pipelined requests pile up in memory. Every request is timed into
 * {@code http_server_requests_seconds} by route, method and status.
 */
public final class HttpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);
    /** Keep-alive connections with no request in progress are closed after this long. */
    private static final int IDLE_SECONDS = 120;

    private final Router router;
    private final MeterRegistry metrics;
    private final int maxHeaderBytes;
    private final WebSocketEndpoint webSockets;
    private final Set<WebSocketConnection> openSockets = ConcurrentHashMap.newKeySet();
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final InFlight inFlight = new InFlight();
    private EventLoopGroup boss;
    private EventLoopGroup io;
    private Channel channel;
    private boolean stopped;

    public HttpServer(Router router, MeterRegistry metrics, int maxHeaderBytes) {
        this(router, metrics, maxHeaderBytes, null);
    }

    /** {@code webSockets}: what an upgrade request on any path is handed to; null refuses upgrades (they go to the router). */
    public HttpServer(Router router, MeterRegistry metrics, int maxHeaderBytes, WebSocketEndpoint webSockets) {
        this.router = router;
        this.metrics = metrics;
        this.maxHeaderBytes = maxHeaderBytes;
        this.webSockets = webSockets;
    }

    /** Binds {@code host:port} (port 0: any free port) and returns the bound address. */
    public InetSocketAddress start(String host, int port) {
        boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        io = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
        ServerBootstrap b = new ServerBootstrap()
                .group(boss, io)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 * 1024, 1024 * 1024))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast(new IdleStateHandler(0, 0, IDLE_SECONDS))
                                .addLast(new HttpServerCodec(maxHeaderBytes, maxHeaderBytes, 64 * 1024))
                                .addLast(new HttpServerExpectContinueHandler())
                                .addLast(new Connection());
                    }
                });
        try {
            channel = b.bind(host, port).syncUninterruptibly().channel();
        } catch (RuntimeException e) {
            stopEventLoops();
            throw e;
        }
        return (InetSocketAddress) channel.localAddress();
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }

    /**
     * Stops accepting connections, answers new requests on open connections with 503, waits up to
     * {@code grace} for the requests in progress to finish (their responses sent), then closes every
     * connection. Calling it again does nothing.
     */
    public synchronized void close(Duration grace) {
        if (stopped) return;
        stopped = true;
        inFlight.close();
        if (channel != null) channel.close().syncUninterruptibly();
        openSockets.forEach(ws -> ws.close(WebSocketCloseStatus.ENDPOINT_UNAVAILABLE));
        try {
            if (!inFlight.awaitIdle(grace)) LOG.warn("shutdown grace period of {} over with requests still running", grace);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stopEventLoops();
        workers.shutdown();
    }

    private void stopEventLoops() {
        if (boss != null) boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        if (io != null) io.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** One request in progress on a connection: its exchange, its body, and how far both have got. */
    private static final class Turn {
        final HttpExchange exchange;
        final RequestBody body;
        boolean bodyEnded;
        boolean handlerDone;

        Turn(HttpExchange exchange, RequestBody body) {
            this.exchange = exchange;
            this.body = body;
        }
    }

    /** Per-connection state, confined to the connection's event loop. */
    private final class Connection extends ChannelInboundHandlerAdapter {
        /** Decoded messages not yet handed on: a pipelined request waits here for the current one. */
        private final ArrayDeque<HttpObject> backlog = new ArrayDeque<>();
        private ChannelHandlerContext ctx;
        private Turn current;

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.read();
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpObject o) {
                backlog.add(o);
                drain();
            } else {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            readIfReady();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (current != null) {
                current.body.fail(new IOException("the client closed the connection"));
                current.body.close();
            }
            while (!backlog.isEmpty()) ReferenceCountUtil.release(backlog.poll());
            ctx.fireChannelInactive();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof IdleStateEvent && current == null) ctx.close();
            else ReferenceCountUtil.release(evt);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.debug("connection error: {}", cause.toString());
            ctx.close();
        }

        private void drain() {
            while (!backlog.isEmpty()) {
                HttpObject o = backlog.peek();
                if (o instanceof HttpRequest request) {
                    if (current != null) return; // its turn comes when the current request is done
                    backlog.poll();
                    begin(request);
                    if (current == null) return; // answered at once; the connection is closing
                    if (o instanceof HttpContent content) accept(content); // a full request carries its body
                } else {
                    backlog.poll();
                    if (o instanceof HttpContent content) accept(content);
                    else ReferenceCountUtil.release(o);
                }
            }
        }

        private void begin(HttpRequest request) {
            if (request.decoderResult().isFailure()) {
                rejectAndClose(request, HttpError.ofMalformedRequest(request.decoderResult().cause()));
                return;
            }
            if (!inFlight.enter()) {
                rejectAndClose(request, HttpError.shuttingDown());
                return;
            }
            if (webSockets != null && WebSocketUpgrade.isRequested(request)) {
                inFlight.exit();
                upgrade(request);
                return;
            }
            RequestBody body = new RequestBody(() -> ctx.channel().eventLoop().execute(this::readIfReady));
            HttpExchange exchange = new HttpExchange(ctx, request, body, false);
            Turn turn = new Turn(exchange, body);
            current = turn;
            workers.execute(() -> {
                try {
                    serve(exchange);
                } catch (Throwable e) {
                    LOG.error("unexpected error serving {} {}", exchange.method(), exchange.rawPath(), e);
                    exchange.abort();
                } finally {
                    // in flight until the response has gone out, so shutdown does not cut it short
                    exchange.sent().addListener(f -> inFlight.exit());
                    ctx.channel().eventLoop().execute(() -> handlerDone(turn));
                }
            });
        }

        private void accept(HttpContent content) {
            Turn t = current;
            if (t == null || t.bodyEnded) {
                content.release();
                return;
            }
            t.body.offer(content.content().retain());
            content.release();
            if (content instanceof LastHttpContent) {
                t.bodyEnded = true;
                t.body.end();
                if (t.handlerDone) next();
            }
        }

        private void handlerDone(Turn t) {
            t.handlerDone = true;
            if (!t.exchange.keepAlive()) { // the response closes the connection
                t.body.close();
                return;
            }
            if (t.bodyEnded) {
                next();
            } else {
                t.body.close(); // the route did not read it all: discard the rest, then go on
                readIfReady();
            }
        }

        private void next() {
            current = null;
            drain();
            readIfReady();
        }

        /** Reads more from the socket if the connection is waiting for a request or body bytes. */
        private void readIfReady() {
            if (!ctx.channel().isActive()) return;
            if (current == null) {
                if (backlog.isEmpty()) ctx.read();
            } else if (!current.bodyEnded && (current.handlerDone || current.body.wantsMore())) {
                ctx.read();
            }
        }

        /** Hands the connection over to the WebSocket endpoint: from here on this handler is out of the pipeline. */
        private void upgrade(HttpRequest request) {
            while (!backlog.isEmpty()) ReferenceCountUtil.release(backlog.poll()); // the upgrade request's empty body
            Channel ch = ctx.channel();
            WebSocketUpgrade.handshake(ch, request, maxHeaderBytes).addListener(f -> {
                if (!f.isSuccess()) {
                    ch.close();
                    return;
                }
                record("websocket", request.method().name(), 101, 0);
                WebSocketConnection ws = new WebSocketConnection(ch, webSockets);
                openSockets.add(ws);
                ch.closeFuture().addListener(c -> openSockets.remove(ws));
                ctx.pipeline().remove(IdleStateHandler.class);
                ctx.pipeline().remove(HttpServerExpectContinueHandler.class);
                ctx.pipeline().replace(this, "websocket", ws);
            });
            ReferenceCountUtil.release(request);
        }

        private void rejectAndClose(HttpRequest request, HttpError error) {
            ReferenceCountUtil.release(request);
            while (!backlog.isEmpty()) ReferenceCountUtil.release(backlog.poll());
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, error.status(), Unpooled.wrappedBuffer(error.body()));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
            response.headers().set(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            record("none", request.method().name(), error.status().code(), 0);
        }
    }

    private void serve(HttpExchange ex) {
        long start = System.nanoTime();
        Optional<HttpRoute> route = Optional.empty();
        try {
            route = router.find(ex.path());
            if (route.isEmpty()) {
                sendError(ex, HttpError.noRoute(ex.path()), Map.of());
            } else if (!route.get().methods().contains(ex.method())) {
                String allow = route.get().methods().stream().map(m -> m.name()).sorted().collect(Collectors.joining(", "));
                sendError(ex, HttpError.methodNotAllowed(ex.method().name()), Map.of("Allow", allow));
            } else {
                route.get().handle(ex);
            }
        } catch (CairnException e) {
            if (ex.responded()) abort(ex, e);
            else sendError(ex, HttpError.of(e), Map.of());
        } catch (Exception e) {
            if (ex.responded()) {
                abort(ex, e);
            } else {
                LOG.error("unexpected error serving {} {}", ex.method(), ex.rawPath(), e);
                sendError(ex, HttpError.internal(), Map.of());
            }
        }
        try {
            if (ex.responded()) ex.finish();
            else sendError(ex, HttpError.internal(), Map.of());
        } catch (IOException e) {
            LOG.debug("cannot finish the response to {}: {}", ex.rawPath(), e.toString());
        }
        record(route.map(HttpRoute::name).orElse("none"), ex.method().name(), ex.status() == null ? 0 : ex.status().code(),
                System.nanoTime() - start);
    }

    /** The status line is gone: the only honest signal left is to cut the connection. */
    private static void abort(HttpExchange ex, Throwable e) {
        LOG.debug("response to {} aborted after it started: {}", ex.rawPath(), e.toString());
        ex.abort();
    }

    private void record(String route, String method, int status, long nanos) {
        Timer.builder("http.server.requests")
                .description("HTTP requests served")
                .tags("route", route, "method", method, "status", Integer.toString(status))
                .publishPercentileHistogram()
                .register(metrics)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    private static void sendError(HttpExchange ex, HttpError error, Map<String, String> headers) {
        if (ex.responded()) return;
        try {
            ex.respond(error.status(), "application/json", error.body(), headers);
        } catch (IOException e) {
            LOG.debug("cannot send error response: {}", e.toString());
        }
    }
}
