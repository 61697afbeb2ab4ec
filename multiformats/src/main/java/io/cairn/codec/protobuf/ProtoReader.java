package io.cairn.codec.protobuf;

import io.cairn.codec.CodecException;

/**
 * A minimal protobuf wire-format reader for the two small schemas Cairn needs (dag-pb and UnixFS).
 * Written by hand because the schemas are tiny and the decoders must be stricter than a generated one.
 */
public final class ProtoReader {
    public static final int VARINT = 0;
    public static final int LENGTH_DELIMITED = 2;

    private final byte[] buf;
    private final String codecName;
    private int pos;
    private final int end;

    public ProtoReader(byte[] buf, int offset, int length, String codecName) {
        this.buf = buf;
        this.pos = offset;
        this.end = offset + length;
        this.codecName = codecName;
    }

    public ProtoReader(byte[] buf, String codecName) {
        this(buf, 0, buf.length, codecName);
    }

    public boolean hasMore() {
        return pos < end;
    }

    /** Reads a field key; returns {fieldNumber, wireType}. */
    public int[] readKey() {
        long key = readVarint();
        if (key > Integer.MAX_VALUE) throw error("field key too large");
        int field = (int) (key >>> 3);
        int wire = (int) (key & 7);
        if (field == 0) throw error("field number 0");
        return new int[] {field, wire};
    }

    public long readVarint() {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= end) throw error("truncated varint");
            int b = buf[pos++] & 0xFF;
            if (shift == 63 && b > 1) throw error("varint overflows 64 bits");
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) return value;
        }
        throw error("varint longer than 10 bytes");
    }

    /** Reads a length-delimited field's bytes. */
    public byte[] readBytes() {
        int length = readLength();
        byte[] out = new byte[length];
        System.arraycopy(buf, pos, out, 0, length);
        pos += length;
        return out;
    }

    /** Reads a length prefix and returns a reader over that sub-message, advancing past it. */
    public ProtoReader readEmbedded() {
        int length = readLength();
        ProtoReader sub = new ProtoReader(buf, pos, length, codecName);
        pos += length;
        return sub;
    }

    public void skip(int wireType) {
        switch (wireType) {
            case VARINT -> readVarint();
            case LENGTH_DELIMITED -> pos += readLength();
            case 1 -> skipFixed(8);
            case 5 -> skipFixed(4);
            default -> throw error("unsupported wire type " + wireType);
        }
    }

    private void skipFixed(int n) {
        if (end - pos < n) throw error("truncated fixed-width field");
        pos += n;
    }

    private int readLength() {
        long length = readVarint();
        if (length < 0 || length > end - pos) throw error("length " + length + " exceeds the remaining " + (end - pos) + " bytes");
        return (int) length;
    }

    public CodecException error(String detail) {
        return new CodecException("invalid_" + codecName.replace('-', '_'), "invalid " + codecName + ": " + detail);
    }
}
