package io.cairn.node.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.error.CairnException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * One request and the means to answer it, used by a route on its worker thread. Both bodies stream:
 * the request body is an InputStream fed as the client sends it, and the response body is an
 * OutputStream whose buffers go to Netty as they fill, waiting while the connection is not writable,
 * so a 1 GiB transfer in either direction needs only a small, fixed amount of memory.
 */
public final class HttpExchange {
    private static final int CHUNK = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ChannelHandlerContext ctx;
    private final HttpRequest request;
    private final RequestBody body;
    private final QueryStringDecoder uri;
    private boolean keepAlive;
    private HttpResponseStatus status;
    private long bytesWritten;
    private BodyStream responseBody;
    private boolean aborted;
    private ChannelFuture lastWrite;

    HttpExchange(ChannelHandlerContext ctx, HttpRequest request, RequestBody body, boolean closeAfter) {
        this.ctx = ctx;
        this.request = request;
        this.body = body;
        this.uri = new QueryStringDecoder(request.uri());
        this.keepAlive = HttpUtil.isKeepAlive(request) && !closeAfter;
    }

    public HttpMethod method() {
        return request.method();
    }

    public boolean isHead() {
        return request.method().equals(HttpMethod.HEAD);
    }

    /** The decoded path, without the query; a malformed percent escape in it is the client's error (400). */
    public String path() {
        try {
            return uri.path();
        } catch (IllegalArgumentException e) {
            throw new CairnException(CairnException.Kind.BAD_INPUT, "bad_path", "the request path is not valid percent-encoding: " + e.getMessage());
        }
    }

    /** The path as sent (still percent-encoded), without the query. */
    public String rawPath() {
        return uri.rawPath();
    }

    /** The first value of a query parameter, or null. */
    public String query(String name) {
        List<String> v = uri.parameters().get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** Every query parameter with all its values, in the order sent. */
    public Map<String, List<String>> queryParameters() {
        return uri.parameters();
    }

    /** The raw query string (without '?'), empty when there is none. */
    public String rawQuery() {
        return uri.rawQuery();
    }

    public HttpHeaders headers() {
        return request.headers();
    }

    /** The request body as it arrives; reading blocks until the client has sent more. */
    public InputStream body() {
        return body;
    }

    /**
     * The request body, whose reads fail with {@link RequestBodyTimeoutException} when the client sends
     * nothing for {@code idleTimeout} (a stalled or trickling upload must not hold a request forever).
     */
    public InputStream body(java.time.Duration idleTimeout) {
        body.readTimeout(idleTimeout);
        return body;
    }

    /** The response will end with {@code Connection: close}: after a refused body the stream cannot be resynchronised. */
    public void closeConnectionAfterResponse() {
        if (responded()) throw new IllegalStateException("already responded");
        keepAlive = false;
    }

    /** The whole request body, refused with 413 when it is longer than {@code maxBytes}. */
    public byte[] bodyBytes(int maxBytes) throws IOException {
        long declared = HttpUtil.getContentLength(request, -1L);
        if (declared > maxBytes) throw tooLarge(maxBytes);
        byte[] b = body.readNBytes(maxBytes);
        if (b.length == maxBytes && body.read() >= 0) throw tooLarge(maxBytes);
        return b;
    }

    private static CairnException tooLarge(int maxBytes) {
        return new CairnException(CairnException.Kind.TOO_LARGE, "request_too_large", "the request body is larger than " + maxBytes + " bytes");
    }

    HttpResponseStatus status() {
        return status;
    }

    /** Response body bytes written so far. */
    long bytesWritten() {
        return bytesWritten;
    }

    /** Whether the status line is decided (a failure after this can only cut the connection). */
    public boolean responded() {
        return status != null;
    }

    boolean keepAlive() {
        return keepAlive;
    }

    public void respond(HttpResponseStatus status, String contentType, byte[] body, Map<String, String> headers) throws IOException {
        try (OutputStream out = respondStreaming(status, contentType, body.length, headers)) {
            out.write(body);
        }
    }

    public void respondJson(HttpResponseStatus status, Object value, Map<String, String> headers) throws IOException {
        respond(status, "application/json", JSON.writeValueAsBytes(value), headers);
    }

    /**
     * Starts a response of {@code contentLength} bytes (-1: unknown, sent chunked); the caller writes the
     * body and closes the stream. For HEAD requests the body is discarded.
     */
    public OutputStream respondStreaming(HttpResponseStatus status, String contentType, long contentLength, Map<String, String> headers) {
        if (responded()) throw new IllegalStateException("already responded");
        this.status = status;
        DefaultHttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, status);
        if (contentType != null) response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        headers.forEach((k, v) -> response.headers().set(k, v));
        boolean neverABody = status.code() == 304 || status.code() == 204;
        if (contentLength >= 0 && !neverABody) {
            response.headers().set(HttpHeaderNames.CONTENT_LENGTH, contentLength);
        } else if (!isHead() && !neverABody) {
            response.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        }
        if (!keepAlive) response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.write(response);
        responseBody = new BodyStream();
        return responseBody;
    }

    /** Cuts the connection: for a response that failed after its status line went out. */
    void abort() {
        aborted = true;
        ctx.close();
    }

    /** Ends the response if the route left its stream open. */
    void finish() throws IOException {
        if (responseBody != null && !aborted) responseBody.close();
    }

    /** Completes when the response's last byte has left for the socket (or at once if there is none to wait for). */
    ChannelFuture sent() {
        return lastWrite != null && !aborted ? lastWrite : ctx.newSucceededFuture();
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
            if (closed) throw new IOException("response already complete");
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
                ByteBuf chunk = ctx.alloc().buffer(size).writeBytes(buf, 0, size);
                ChannelFuture f = ctx.writeAndFlush(new DefaultHttpContent(chunk));
                bytesWritten += size;
                // Back-pressure: wait for this write while the connection's buffer is above its high-water mark.
                if (!ctx.channel().isWritable()) {
                    f.awaitUninterruptibly();
                    if (!f.isSuccess()) throw new IOException("write failed: " + f.cause());
                }
            }
            size = 0;
        }

        /** Sends what is buffered now: for output that must reach the client line by line. */
        @Override
        public void flush() throws IOException {
            if (!closed) flushBuffer();
        }

        @Override
        public void close() throws IOException {
            if (closed) return;
            flushBuffer();
            closed = true;
            ChannelFuture f = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
            if (!keepAlive) f.addListener(ChannelFutureListener.CLOSE);
            lastWrite = f;
        }
    }
}
