package io.cairn.node.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Netty side of one upgraded connection: joins fragments (done by the aggregator before it),
 * answers pings, closes on a close frame, and, like dwn-server, pings the client every
 * {@link #HEARTBEAT_SECONDS} and drops it when the previous ping went unanswered.
 */
final class WebSocketConnection extends ChannelInboundHandlerAdapter implements WebSocketSession {
    private static final Logger LOG = LoggerFactory.getLogger(WebSocketConnection.class);
    static final int HEARTBEAT_SECONDS = 30;
    /** Outbound bytes a client may leave unread before the connection is dropped. */
    static final long MAX_QUEUED_BYTES = 16L << 20;

    private final Channel channel;
    private final WebSocketEndpoint endpoint;
    private WebSocketEndpoint.Listener listener;
    private ScheduledFuture<?> heartbeat;
    private boolean alive = true;
    private boolean closedNotified;

    WebSocketConnection(Channel channel, WebSocketEndpoint endpoint) {
        this.channel = channel;
        this.endpoint = endpoint;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        listener = endpoint.open(this);
        heartbeat = ctx.executor().scheduleAtFixedRate(this::beat, HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
        channel.config().setAutoRead(true);
    }

    private void beat() {
        if (!alive) {
            LOG.debug("WebSocket client did not answer the last ping: closing");
            channel.close();
            return;
        }
        alive = false;
        channel.writeAndFlush(new PingWebSocketFrame());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof WebSocketFrame frame)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        try {
            alive = true;
            if (frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame) {
                listener.onMessage(frame.content().toString(StandardCharsets.UTF_8));
            } else if (frame instanceof PingWebSocketFrame) {
                ByteBuf payload = frame.content().retain();
                ctx.writeAndFlush(new PongWebSocketFrame(payload));
            } else if (frame instanceof CloseWebSocketFrame close) {
                ctx.writeAndFlush(new CloseWebSocketFrame(close.statusCode() < 0 ? 1000 : close.statusCode(), ""))
                        .addListener(ChannelFutureListener.CLOSE);
            }
        } finally {
            frame.release();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (heartbeat != null) heartbeat.cancel(false);
        if (!closedNotified) {
            closedNotified = true;
            try {
                listener.onClose();
            } catch (RuntimeException e) {
                LOG.warn("error while closing a WebSocket session", e);
            }
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("WebSocket error, closing: {}", cause.toString());
        ctx.close();
    }

    @Override
    public boolean send(String text) {
        if (!channel.isActive()) return false;
        if (channel.bytesBeforeWritable() > MAX_QUEUED_BYTES) {
            LOG.warn("WebSocket client left more than {} bytes unread: closing", MAX_QUEUED_BYTES);
            close(WebSocketCloseStatus.POLICY_VIOLATION);
            return false;
        }
        channel.writeAndFlush(new TextWebSocketFrame(text));
        return true;
    }

    @Override
    public void close() {
        close(WebSocketCloseStatus.NORMAL_CLOSURE);
    }

    void close(WebSocketCloseStatus status) {
        if (!channel.isActive()) return;
        channel.writeAndFlush(new CloseWebSocketFrame(status)).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public boolean isOpen() {
        return channel.isActive();
    }

    @Override
    public void pauseReading() {
        channel.config().setAutoRead(false);
    }

    @Override
    public void resumeReading() {
        channel.config().setAutoRead(true);
    }
}
