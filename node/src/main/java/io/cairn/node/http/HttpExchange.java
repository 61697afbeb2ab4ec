package io.cairn.node.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * One request and the means to answer it, used by route handlers on a worker thread. Bodies are
 * streamed: the handler writes to an OutputStream whose buffers go to Netty as they fill, waiting
 * while the channel is not writable, so a 1 GiB response needs only a small buffer.
 */
public final class HttpExchange {
    private static final int CHUNK = 64 * 1024;

    private final ChannelHandlerContext ctx;
    private final FullHttpRequest request;
    private final QueryStringDecoder uri;
    private final boolean keepAlive;
    private HttpResponseStatus status;
    private long bytesWritten;
    private boolean responded;

    HttpExchange(ChannelHandlerContext ctx, FullHttpRequest request) {
        this.ctx = ctx;
        this.request = request;
        this.uri = new QueryStringDecoder(request.uri());
        this.keepAlive = HttpUtil.isKeepAlive(request);
    }

    public HttpMethod method() {
        return request.method();
    }

    public boolean isHead() {
        return request.method().equals(HttpMethod.HEAD);
    }

    /** The decoded path, without the query. */
    public String path() {
        return uri.path();
    }

    /** The raw (still percent-encoded) path. */
    public String rawPath() {
        return uri.rawPath();
    }

    public String query(String name) {
        List<String> v = uri.parameters().get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    public HttpHeaders headers() {
        return request.headers();
    }

    public byte[] body() {
        byte[] b = new byte[request.content().readableBytes()];
        request.content().getBytes(request.content().readerIndex(), b);
        return b;
    }

    HttpResponseStatus status() {
        return status;
    }

    long bytesWritten() {
        return bytesWritten;
    }

    boolean responded() {
        return responded;
    }

    public void respond(HttpResponseStatus status, String contentType, byte[] body, Map<String, String> headers) throws IOException {
        try (OutputStream out = respondStreaming(status, contentType, body.length, headers)) {
            out.write(body);
        }
    }

    /**
     * Starts a response of {@code contentLength} bytes (-1: unknown, sent chunked); the caller writes the
     * body and closes the stream. For HEAD requests the body is discarded.
     */
    public OutputStream respondStreaming(HttpResponseStatus status, String contentType, long contentLength, Map<String, String> headers) {
        if (responded) throw new IllegalStateException("already responded");
        responded = true;
        this.status = status;
        DefaultHttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, status);
        if (contentType != null) response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        headers.forEach((k, v) -> response.headers().set(k, v));
        if (contentLength >= 0) {
            response.headers().set(HttpHeaderNames.CONTENT_LENGTH, contentLength);
        } else if (!isHead()) {
            response.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        }
        if (!keepAlive) response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(response);
        return new BodyStream();
    }

    private final class BodyStream extends OutputStream {
        private final byte[] buf = new byte[CHUNK];
        private int size;
        private boolean closed;

        @Override
        public void write(int b) throws IOException {
            if (size == buf.length) flushBuffer();
            buf[size++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                if (size == buf.length) flushBuffer();
                int n = Math.min(len, buf.length - size);
                System.arraycopy(b, off, buf, size, n);
                size += n;
                off += n;
                len -= n;
            }
        }

        private void flushBuffer() throws IOException {
            if (size == 0) return;
            if (!isHead()) {
                if (!ctx.channel().isActive()) throw new IOException("client went away");
                ChannelFuture f = ctx.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer(buf, 0, size)));
                bytesWritten += size;
                if (!ctx.channel().isWritable()) {
                    f.awaitUninterruptibly();
                    if (!f.isSuccess()) throw new IOException("write failed: " + f.cause());
                }
            }
            size = 0;
        }

        @Override
        public void close() throws IOException {
            if (closed) return;
            closed = true;
            flushBuffer();
            ChannelFuture f = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
            if (!keepAlive) f.addListener(ChannelFutureListener.CLOSE);
        }
    }
}
