package io.cairn.codec.dagcbor;

import io.cairn.codec.CodecException;
import io.cairn.multiformats.Cid;
import java.lang.reflect.RecordComponent;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes canonical DAG-CBOR into a growable buffer. */
final class CborWriter {
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    private byte[] buf = new byte[256];
    private int size;

    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    void write(Object v, int depth) {
        if (depth > DagCbor.MAX_DEPTH) throw error("nesting deeper than " + DagCbor.MAX_DEPTH);
        switch (v) {
            case null -> put(0xF6);
            case Boolean b -> put(b ? 0xF5 : 0xF4);
            case Long l -> writeLong(l);
            case Integer i -> writeLong(i);
            case Short s -> writeLong(s);
            case Byte b -> writeLong(b);
            case BigInteger bi -> writeBig(bi);
            case Double d -> writeDouble(d);
            case Float f -> writeDouble(f.doubleValue());
            case String s -> writeString(s);
            case byte[] b -> {
                head(2, b.length);
                putBytes(b, 0, b.length);
            }
            case Cid c -> writeCid(c);
            case List<?> list -> {
                head(4, list.size());
                for (Object o : list) write(o, depth + 1);
            }
            case Map<?, ?> map -> writeMap(map, depth);
            case Record r -> writeMap(recordAsMap(r), depth);
            default -> throw error("cannot encode a " + v.getClass().getName());
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
            head(0, v.longValue()); // unsigned 64-bit
        } else if (v.signum() < 0 && v.negate().compareTo(TWO_64) <= 0) {
            head(1, v.negate().subtract(BigInteger.ONE).longValue());
        } else {
            throw error("integer " + v + " is outside the 64-bit range");
        }
    }

    private void writeDouble(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) throw error("NaN and Infinity are not allowed");
        put(0xFB);
        long bits = Double.doubleToRawLongBits(d);
        ensure(8);
        for (int i = 7; i >= 0; i--) buf[size++] = (byte) (bits >>> (8 * i));
    }

    private void writeString(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        head(3, b.length);
        putBytes(b, 0, b.length);
    }

    private void writeCid(Cid c) {
        put(0xD8);
        put(42);
        byte[] b = c.toBytes();
        head(2, b.length + 1);
        put(0x00); // the identity multibase prefix the spec requires
        putBytes(b, 0, b.length);
    }

    private void writeMap(Map<?, ?> map, int depth) {
        List<byte[]> keys = new ArrayList<>(map.size());
        Map<String, byte[]> keyBytes = new LinkedHashMap<>();
        for (Object k : map.keySet()) {
            if (!(k instanceof String s)) throw error("map keys must be strings, got " + (k == null ? "null" : k.getClass().getSimpleName()));
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            keyBytes.put(s, b);
            keys.add(b);
        }
        List<Map.Entry<String, byte[]>> entries = new ArrayList<>(keyBytes.entrySet());
        entries.sort((a, b) -> CborReader.compareKeys(a.getValue(), b.getValue()));
        head(5, entries.size());
        for (Map.Entry<String, byte[]> e : entries) {
            head(3, e.getValue().length);
            putBytes(e.getValue(), 0, e.getValue().length);
            write(map.get(e.getKey()), depth + 1);
        }
    }

    private static Map<String, Object> recordAsMap(Record r) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            try {
                m.put(c.getName(), c.getAccessor().invoke(r));
            } catch (ReflectiveOperationException e) {
                throw error("cannot read record component " + c.getName());
            }
        }
        return m;
    }

    /** Writes a major type and argument in the shortest form. {@code arg} is unsigned. */
    private void head(int major, long arg) {
        int mt = major << 5;
        if (arg >= 0 && arg < 24) {
            put(mt | (int) arg);
        } else if (arg >= 0 && arg < 0x100) {
            put(mt | 24);
            put((int) arg);
        } else if (arg >= 0 && arg < 0x10000) {
            put(mt | 25);
            put((int) (arg >>> 8));
            put((int) arg);
        } else if (arg >= 0 && arg < 0x100000000L) {
            put(mt | 26);
            for (int i = 3; i >= 0; i--) put((int) (arg >>> (8 * i)));
        } else {
            put(mt | 27);
            for (int i = 7; i >= 0; i--) put((int) (arg >>> (8 * i)));
        }
    }

    private void put(int b) {
        ensure(1);
        buf[size++] = (byte) b;
    }

    private void putBytes(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
    }

    private void ensure(int n) {
        if (size + n > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
    }

    private static CodecException error(String detail) {
        return new CodecException("invalid_dag_cbor", "cannot encode DAG-CBOR: " + detail);
    }
}
