package io.cairn.storage;

import java.io.InputStream;

/** {@code size} bytes of byte[i] = (i * 31 + (i >>> 8)) & 0xff, generated as read (the same content data-cid-sdk.mjs makes). */
final class PatternStream extends InputStream {
    private final long size;
    private long position;

    PatternStream(long size) {
        this.size = size;
    }

    static int at(long i) {
        return (int) ((i * 31 + (i >>> 8)) & 0xff);
    }

    @Override
    public int read() {
        return position < size ? at(position++) : -1;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (position >= size) return -1;
        int n = (int) Math.min(length, size - position);
        for (int k = 0; k < n; k++) buffer[offset + k] = (byte) at(position + k);
        position += n;
        return n;
    }
}
