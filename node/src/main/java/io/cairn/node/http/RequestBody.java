package io.cairn.node.http;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;

/**
 * A request body as an InputStream, fed by the event loop as the client sends it. At most about
 * {@link #HIGH_WATER} bytes are buffered: the server stops reading the socket until the handler has
 * consumed them, so a 1 GiB upload needs only this much memory.
 */
final class RequestBody extends InputStream {
    static final int HIGH_WATER = 1 << 20;
    private static final int LOW_WATER = HIGH_WATER / 4;

    private final Runnable askForMore;
    private final ArrayDeque<ByteBuf> chunks = new ArrayDeque<>();
    private long buffered;
    private long received;
    private boolean ended;
    private boolean closed;
    private boolean asked;
    private IOException failure;
    private long readTimeoutNanos;

    /** {@code askForMore} asks the event loop to read more from the socket; it may be called from any thread. */
    RequestBody(Runnable askForMore) {
        this.askForMore = askForMore;
    }

    // ---- event-loop side

    /** Takes ownership of {@code buf}. */
    synchronized void offer(ByteBuf buf) {
        asked = false;
        if (closed || !buf.isReadable()) {
            buf.release();
            return;
        }
        buffered += buf.readableBytes();
        received += buf.readableBytes();
        chunks.add(buf);
        notifyAll();
    }

    synchronized void end() {
        ended = true;
        notifyAll();
    }

    synchronized void fail(IOException e) {
        if (!ended) failure = e;
        notifyAll();
    }

    /** Whether the event loop should read more now: the body is not complete and the buffer has room. */
    synchronized boolean wantsMore() {
        return !ended && (closed || buffered < HIGH_WATER);
    }

    synchronized boolean isEnded() {
        return ended;
    }

    /** Bytes received so far. */
    synchronized long received() {
        return received;
    }

    // ---- handler side

    /**
     * From now on a read that waits longer than {@code timeout} for the client's next bytes fails with
     * {@link RequestBodyTimeoutException}; zero waits forever (the default).
     */
    synchronized void readTimeout(java.time.Duration timeout) {
        readTimeoutNanos = timeout.toNanos();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        int n;
        boolean ask;
        synchronized (this) {
            long deadline = readTimeoutNanos > 0 ? System.nanoTime() + readTimeoutNanos : 0;
            while (chunks.isEmpty()) {
                if (failure != null) throw failure;
                if (closed) throw new IOException("request body closed");
                if (ended) return -1;
                if (!asked) {
                    asked = true;
                    askForMore.run();
                }
                try {
                    if (deadline == 0) {
                        wait();
                    } else {
                        long left = deadline - System.nanoTime();
                        if (left <= 0) throw new RequestBodyTimeoutException(readTimeoutNanos);
                        wait(Math.max(1, left / 1_000_000));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while reading the request body");
                }
            }
            ByteBuf head = chunks.peek();
            n = Math.min(len, head.readableBytes());
            head.readBytes(b, off, n);
            buffered -= n;
            if (!head.isReadable()) chunks.poll().release();
            ask = !ended && !asked && buffered < LOW_WATER;
            if (ask) asked = true;
        }
        if (ask) askForMore.run();
        return n;
    }

    @Override
    public synchronized int available() {
        return (int) Math.min(Integer.MAX_VALUE, buffered);
    }

    /** Drops what is buffered; whatever still arrives is discarded. */
    @Override
    public synchronized void close() {
        closed = true;
        while (!chunks.isEmpty()) chunks.poll().release();
        buffered = 0;
        notifyAll();
    }
}
