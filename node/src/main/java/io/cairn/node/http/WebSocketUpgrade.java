package io.cairn.node.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;

/** The RFC 6455 handshake on an HTTP/1.1 connection, with Netty's handshaker. */
final class WebSocketUpgrade {
    /** The largest message (fragments joined) a client may send; DWN messages travel without their data. */
    static final int MAX_MESSAGE_BYTES = 4 << 20;

    private WebSocketUpgrade() {}

    static boolean isRequested(HttpRequest request) {
        return request.method().equals(HttpMethod.GET)
                && request.headers().containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true)
                && request.headers().contains(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true);
    }

    /**
     * Answers 101 (or 426 for an unsupported version) and swaps the HTTP codec for WebSocket frame codecs
     * followed by an aggregator; the returned future fails when the handshake did not happen.
     */
    static ChannelFuture handshake(Channel ch, HttpRequest request, int maxFrameHeaderBytes) {
        String location = "ws://" + request.headers().get(HttpHeaderNames.HOST, "localhost") + request.uri();
        WebSocketServerHandshaker handshaker = new WebSocketServerHandshakerFactory(location, null, true, MAX_MESSAGE_BYTES)
                .newHandshaker(request);
        if (handshaker == null) {
            return WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ch)
                    .addListener(f -> ch.close())
                    .channel().newFailedFuture(new IllegalStateException("unsupported WebSocket version"));
        }
        FullHttpRequest full = new DefaultFullHttpRequest(request.protocolVersion(), request.method(), request.uri(),
                Unpooled.EMPTY_BUFFER, request.headers().copy(), io.netty.handler.codec.http.EmptyHttpHeaders.INSTANCE);
        ChannelFuture done = handshaker.handshake(ch, full);
        return done.addListener(f -> {
            if (f.isSuccess()) ch.pipeline().addAfter(ch.pipeline().context(io.netty.handler.codec.http.websocketx.WebSocketFrameDecoder.class).name(),
                    "ws-aggregator", new WebSocketFrameAggregator(MAX_MESSAGE_BYTES));
        });
    }
}
