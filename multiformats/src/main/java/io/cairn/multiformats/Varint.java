package io.cairn.multiformats;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * Unsigned varints as the multiformats spec defines them: LEB128, at most 9 bytes (63 bits),
 * minimally encoded. Non-minimal encodings are rejected so that every value has one encoding.
 */
public final class Varint {
    public static final int MAX_BYTES = 9;

    private Varint() {}

    public static int size(long value) {
        requireEncodable(value);
        int n = 1;
        while ((value >>>= 7) != 0) n++;
        return n;
    }

    public static byte[] encode(long value) {
        byte[] out = new byte[size(value)];
        write(value, out, 0);
        return out;
    }

    /** Writes {@code value} at {@code offset}; returns the number of bytes written. */
    public static int write(long value, byte[] out, int offset) {
        requireEncodable(value);
        int i = offset;
        while ((value & ~0x7FL) != 0) {
            out[i++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out[i++] = (byte) value;
        return i - offset;
    }

    public static void write(long value, ByteArrayOutputStream out) {
        byte[] b = encode(value);
        out.write(b, 0, b.length);
    }

    /** Reads a varint from {@code buf} at its position and advances it. */
    public static long read(ByteBuffer buf) {
        long value = 0;
        for (int i = 0; i < MAX_BYTES; i++) {
            if (!buf.hasRemaining()) throw MultiformatException.invalid("varint", "truncated");
            int b = buf.get() & 0xFF;
            value |= (long) (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                if (b == 0 && i > 0) throw MultiformatException.invalid("varint", "not minimally encoded");
                return value;
            }
        }
        throw MultiformatException.invalid("varint", "longer than " + MAX_BYTES + " bytes");
    }

    /**
     * Reads a varint from a stream. Returns -1 at a clean end of stream (no byte read), so that
     * length-prefixed formats such as CAR can tell the end from truncation.
     */
    public static long read(InputStream in) throws IOException {
        long value = 0;
        for (int i = 0; i < MAX_BYTES; i++) {
            int b = in.read();
            if (b < 0) {
                if (i == 0) return -1;
                throw MultiformatException.invalid("varint", "truncated");
            }
            value |= (long) (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                if (b == 0 && i > 0) throw MultiformatException.invalid("varint", "not minimally encoded");
                return value;
            }
        }
        throw MultiformatException.invalid("varint", "longer than " + MAX_BYTES + " bytes");
    }

    private static void requireEncodable(long value) {
        if (value < 0) throw new IllegalArgumentException("varint must be non-negative: " + value);
    }
}
