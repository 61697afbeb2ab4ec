package io.cairn.codec.dagcbor;

import io.cairn.codec.CodecException;
import io.cairn.codec.StrictUtf8;
import io.cairn.multiformats.Cid;
import io.cairn.multiformats.MultiformatException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads DAG-CBOR, rejecting everything that is not in the canonical, strict form. */
final class CborReader {
    private final byte[] in;
    private int pos;

    CborReader(byte[] in) {
        this.in = in;
    }

    void requireEnd() {
        if (pos != in.length) throw error("trailing bytes after the value");
    }

    Object read(int depth) {
        if (depth > DagCbor.MAX_DEPTH) throw error("nesting deeper than " + DagCbor.MAX_DEPTH);
        int initial = next();
        int major = initial >>> 5;
        int info = initial & 0x1F;
        switch (major) {
            case 0 -> {
                long v = argument(info);
                return v >= 0 ? (Object) v : new BigInteger(Long.toUnsignedString(v));
            }
            case 1 -> {
                long v = argument(info);
                return v >= 0 ? (Object) (-1 - v) : BigInteger.ONE.negate().subtract(new BigInteger(Long.toUnsignedString(v)));
            }
            case 2 -> {
                return take(length(info));
            }
            case 3 -> {
                return utf8(take(length(info)));
            }
            case 4 -> {
                int n = length(info);
                List<Object> list = new ArrayList<>(Math.min(n, 1024));
                for (int i = 0; i < n; i++) list.add(read(depth + 1));
                return list;
            }
            case 5 -> {
                return readMap(length(info), depth);
            }
            case 6 -> {
                long tag = argument(info);
                if (tag != 42) throw error("tag " + tag + " is not allowed (only 42)");
                int inner = next();
                if (inner >>> 5 != 2) throw error("tag 42 must wrap a byte string");
                byte[] b = take(length(inner & 0x1F));
                if (b.length == 0 || b[0] != 0) throw error("a CID in tag 42 must start with the 0x00 multibase prefix");
                try {
                    return Cid.fromBytes(Arrays.copyOfRange(b, 1, b.length));
                } catch (MultiformatException e) {
                    throw error("invalid CID in tag 42: " + e.getMessage());
                }
            }
            default -> {
                return simple(info);
            }
        }
    }

    private Object simple(int info) {
        return switch (info) {
            case 20 -> false;
            case 21 -> true;
            case 22 -> null;
            case 23 -> throw error("undefined is not allowed");
            case 25, 26 -> throw error("floats must be 64-bit");
            case 27 -> {
                long bits = 0;
                for (int i = 0; i < 8; i++) bits = (bits << 8) | next();
                double d = Double.longBitsToDouble(bits);
                if (Double.isNaN(d) || Double.isInfinite(d)) throw error("NaN and Infinity are not allowed");
                yield d;
            }
            case 31 -> throw error("indefinite-length items and break are not allowed");
            default -> throw error("simple value " + info + " is not allowed");
        };
    }

    private Map<String, Object> readMap(int n, int depth) {
        Map<String, Object> map = new LinkedHashMap<>();
        byte[] previous = null;
        for (int i = 0; i < n; i++) {
            int initial = next();
            if (initial >>> 5 != 3) throw error("map keys must be strings");
            byte[] key = take(length(initial & 0x1F));
            if (previous != null) {
                int c = compareKeys(previous, key);
                if (c == 0) throw error("duplicate map key \"" + utf8(key) + "\"");
                if (c > 0) throw error("map keys are not in canonical order");
            }
            previous = key;
            map.put(utf8(key), read(depth + 1));
        }
        return map;
    }

    /** DAG-CBOR's key order: shorter keys first, then bytewise. */
    static int compareKeys(byte[] a, byte[] b) {
        if (a.length != b.length) return Integer.compare(a.length, b.length);
        return Arrays.compareUnsigned(a, b);
    }

    /** Reads an argument and checks that it was encoded in the shortest form. */
    private long argument(int info) {
        if (info < 24) return info;
        long v;
        switch (info) {
            case 24 -> {
                v = next();
                if (v < 24) throw error("integer not minimally encoded");
            }
            case 25 -> {
                v = ((long) next() << 8) | next();
                if (v < 0x100) throw error("integer not minimally encoded");
            }
            case 26 -> {
                v = 0;
                for (int i = 0; i < 4; i++) v = (v << 8) | next();
                if (v < 0x10000) throw error("integer not minimally encoded");
            }
            case 27 -> {
                v = 0;
                for (int i = 0; i < 8; i++) v = (v << 8) | next();
                if (Long.compareUnsigned(v, 0x100000000L) < 0) throw error("integer not minimally encoded");
            }
            case 31 -> throw error("indefinite-length items are not allowed");
            default -> throw error("reserved additional information " + info);
        }
        return v;
    }

    private int length(int info) {
        long n = argument(info);
        if (n < 0 || n > in.length - pos) throw error("length " + Long.toUnsignedString(n) + " exceeds the remaining " + (in.length - pos) + " bytes");
        return (int) n;
    }

    private int next() {
        if (pos >= in.length) throw error("unexpected end of input");
        return in[pos++] & 0xFF;
    }

    private byte[] take(int n) {
        byte[] out = Arrays.copyOfRange(in, pos, pos + n);
        pos += n;
        return out;
    }

    private String utf8(byte[] b) {
        String s = StrictUtf8.decodeOrNull(b);
        if (s == null) throw error("string is not valid UTF-8");
        return s;
    }

    private CodecException error(String detail) {
        return new CodecException("invalid_dag_cbor", "invalid DAG-CBOR at byte " + pos + ": " + detail);
    }
}
