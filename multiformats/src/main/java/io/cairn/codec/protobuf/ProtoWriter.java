package io.cairn.codec.protobuf;

import java.util.Arrays;

/** A minimal protobuf wire-format writer into a growable array. */
public final class ProtoWriter {
    private byte[] buf;
    private int size;

    public ProtoWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    public ProtoWriter writeVarintField(int field, long value) {
        writeVarint(((long) field << 3) | ProtoReader.VARINT);
        writeVarint(value);
        return this;
    }

    public ProtoWriter writeBytesField(int field, byte[] value) {
        return writeBytesField(field, value, 0, value.length);
    }

    public ProtoWriter writeBytesField(int field, byte[] value, int offset, int length) {
        writeVarint(((long) field << 3) | ProtoReader.LENGTH_DELIMITED);
        writeVarint(length);
        ensure(length);
        System.arraycopy(value, offset, buf, size, length);
        size += length;
        return this;
    }

    public void writeVarint(long value) {
        ensure(10);
        while ((value & ~0x7FL) != 0) {
            buf[size++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        buf[size++] = (byte) value;
    }

    private void ensure(int extra) {
        if (size + extra > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + extra));
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    public static int varintSize(long value) {
        int n = 1;
        while ((value & ~0x7FL) != 0) {
            n++;
            value >>>= 7;
        }
        return n;
    }
}
