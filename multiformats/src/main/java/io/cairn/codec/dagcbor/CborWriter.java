package io.cairn.codec.dagcbor;

import io.cairn.codec.CodecException;
import io.cairn.multiformats.Cid;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Writes canonical DAG-CBOR into one growable buffer: no intermediate arrays for strings, keys or links. */
final class CborWriter {
    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    private byte[] buf = new byte[256];
    private int size;

    static byte[] encode(Object value) {
        CborWriter w = new CborWriter();
        w.write(value, 0);
        return Arrays.copyOf(w.buf, w.size);
    }

    private void write(Object v, int depth) {
        switch (v) {
            case String s -> writeString(s);
            case Long l -> writeLong(l);
            case Map<?, ?> map -> writeMap(map, depth);
            case List<?> list -> writeList(list, depth);
            case byte[] b -> {
                head(2, b.length);
                putBytes(b);
            }
            case Cid c -> writeCid(c);
            case Boolean b -> put(b ? 0xF5 : 0xF4);
            case Integer i -> writeLong(i);
            case Double d -> writeDouble(d);
            case null -> put(0xF6);
            case Record r -> writeRecord(r, depth);
            case Short s -> writeLong(s);
            case Byte b -> writeLong(b);
            case Float f -> writeDouble(f.doubleValue());
            case BigInteger bi -> writeBig(bi);
            default -> throw error("cannot encode a " + v.getClass().getName()
                    + (v instanceof Collection<?> ? " (only Lists, whose order is defined)" : ""));
        }
    }

    private void writeLong(long v) {
        if (v >= 0) head(0, v);
        else head(1, -1 - v);
    }

    private void writeBig(BigInteger v) {
        if (v.bitLength() < 64) {
            writeLong(v.longValue());
        } else if (v.signum() > 0 && v.compareTo(TWO_64) < 0) {
            head(0, v.longValue()); // the low 64 bits, read as unsigned
        } else if (v.signum() < 0 && v.negate().compareTo(TWO_64) <= 0) {
            head(1, v.negate().subtract(BigInteger.ONE).longValue());
        } else {
            throw error("integer " + v + " is outside the 64-bit range");
        }
    }

    private void writeDouble(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) throw error("NaN and Infinity are not allowed");
        ensure(9);
        buf[size++] = (byte) 0xFB;
        LONG_BE.set(buf, size, Double.doubleToRawLongBits(d));
        size += 8;
    }

    private void writeString(String s) {
        int n = s.length();
        ensure(9 + n);
        int mark = size;
        head(3, n);
        int p = size;
        byte[] b = buf;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                size = mark;
                writeNonAscii(s);
                return;
            }
            b[p++] = (byte) c;
        }
        size = p;
    }

    private void writeNonAscii(String s) {
        int length = Utf8.encodedLength(s);
        if (length < 0) throw error("string holds an unpaired surrogate, which UTF-8 cannot encode");
        head(3, length);
        ensure(length);
        size = Utf8.encode(s, buf, size);
    }

    private void writeCid(Cid c) {
        int n = c.byteLength();
        ensure(n + 12);
        buf[size++] = (byte) 0xD8;
        buf[size++] = 42;
        head(2, n + 1);
        buf[size++] = 0x00; // the identity multibase prefix the spec requires
        c.writeTo(ByteBuffer.wrap(buf, size, n));
        size += n;
    }

    private void writeList(List<?> list, int depth) {
        enter(depth);
        head(4, list.size());
        int written = 0;
        for (Object o : list) {
            write(o, depth + 1);
            written++;
        }
        if (written != list.size()) throw error("list changed while it was encoded");
    }

    private void writeMap(Map<?, ?> map, int depth) {
        enter(depth);
        Entry[] entries = new Entry[map.size()];
        int n = 0;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw error("map keys must be strings, got " + (e.getKey() == null ? "null" : e.getKey().getClass().getSimpleName()));
            }
            if (n == entries.length) throw error("map changed while it was encoded");
            int length = Utf8.encodedLength(key);
            if (length < 0) throw error("map key holds an unpaired surrogate, which UTF-8 cannot encode");
            entries[n++] = new Entry(key, length, e.getValue());
        }
        if (n != entries.length) throw error("map changed while it was encoded");
        if (n > 1) Arrays.sort(entries, CborWriter::canonicalOrder);
        head(5, n);
        for (Entry e : entries) {
            writeString(e.key);
            write(e.value, depth + 1);
        }
    }

    /** DAG-CBOR's key order (RFC 7049 canonical): shorter UTF-8 first, then bytewise. */
    private static int canonicalOrder(Entry a, Entry b) {
        if (a.utf8Length != b.utf8Length) return Integer.compare(a.utf8Length, b.utf8Length);
        return Utf8.compare(a.key, b.key);
    }

    private record Entry(String key, int utf8Length, Object value) {}

    private void writeRecord(Record r, int depth) {
        enter(depth);
        RecordShape shape = RecordShape.of(r.getClass());
        head(5, shape.size());
        for (int i = 0; i < shape.size(); i++) {
            putBytes(shape.encodedKey(i));
            write(shape.get(r, i), depth + 1);
        }
    }

    /** Writes a major type and its argument in the shortest form; {@code arg} is unsigned. */
    private void head(int major, long arg) {
        ensure(9);
        byte[] b = buf;
        int p = size;
        int mt = major << 5;
        if (arg >= 0 && arg < 24) {
            b[p++] = (byte) (mt | (int) arg);
        } else if (arg >= 0 && arg < 0x100) {
            b[p++] = (byte) (mt | 24);
            b[p++] = (byte) arg;
        } else if (arg >= 0 && arg < 0x10000) {
            b[p++] = (byte) (mt | 25);
            b[p++] = (byte) (arg >>> 8);
            b[p++] = (byte) arg;
        } else if (arg >= 0 && arg < 0x100000000L) {
            b[p++] = (byte) (mt | 26);
            b[p++] = (byte) (arg >>> 24);
            b[p++] = (byte) (arg >>> 16);
            b[p++] = (byte) (arg >>> 8);
            b[p++] = (byte) arg;
        } else {
            b[p++] = (byte) (mt | 27);
            LONG_BE.set(b, p, arg);
            p += 8;
        }
        size = p;
    }

    private void put(int b) {
        ensure(1);
        buf[size++] = (byte) b;
    }

    private void putBytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, size, b.length);
        size += b.length;
    }

    private void ensure(int n) {
        if (n > buf.length - size) {
            long wanted = Math.max((long) buf.length * 2, (long) size + n);
            if (wanted > Integer.MAX_VALUE - 8) {
                if ((long) size + n > Integer.MAX_VALUE - 8) throw error("value too large for one byte array");
                wanted = Integer.MAX_VALUE - 8;
            }
            buf = Arrays.copyOf(buf, (int) wanted);
        }
    }

    private static void enter(int depth) {
        if (depth >= DagCbor.MAX_DEPTH) throw error("nesting deeper than " + DagCbor.MAX_DEPTH + " lists and maps (or a cycle)");
    }

    static CodecException error(String detail) {
        return new CodecException("invalid_dag_cbor", "cannot encode DAG-CBOR: " + detail);
    }
}
