package io.cairn.node.dwn;

import io.cairn.node.http.RequestBodyTimeoutException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Record data as the DWN reads it from the request: fails once more than {@code maxBytes} have come
 * (the route then answers 413) or when the client stalls past the body's idle timeout (408), and
 * remembers which, whatever the DWN does with the exception.
 */
final class GuardedBody extends FilterInputStream {
    enum Breach { NONE, TOO_LARGE, TIMED_OUT }

    private final long maxBytes;
    private long count;
    private volatile Breach breach = Breach.NONE;

    GuardedBody(InputStream body, long maxBytes) {
        super(body);
        this.maxBytes = maxBytes;
    }

    Breach breach() {
        return breach;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (breach == Breach.TOO_LARGE) throw tooLarge();
        int n;
        try {
            n = super.read(b, off, len);
        } catch (RequestBodyTimeoutException e) {
            breach = Breach.TIMED_OUT;
            throw e;
        }
        if (n > 0) {
            count += n;
            if (count > maxBytes) {
                breach = Breach.TOO_LARGE;
                throw tooLarge();
            }
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] buf = new byte[8192];
        long skipped = 0;
        while (skipped < n) {
            int r = read(buf, 0, (int) Math.min(buf.length, n - skipped));
            if (r < 0) break;
            skipped += r;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private IOException tooLarge() {
        return new IOException("record data is larger than the limit of " + maxBytes + " bytes");
    }
}
