package io.cairn.codec.dagcbor;

import io.cairn.codec.CodecException;
import io.cairn.multiformats.Cid;
import io.cairn.multiformats.MultiformatException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads DAG-CBOR, accepting only the canonical, strict form. One pass, no look-ahead: every length is
 * checked against the bytes that remain before anything is allocated for it.
 *
 * <p>In link-scanning mode it validates exactly as much but builds no values, only the list of links.
 */
final class CborReader {
    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    private final byte[] in;
    private final List<Cid> links;
    private int pos;

    private CborReader(byte[] in, List<Cid> links) {
        this.in = in;
        this.links = links;
    }

    static Object decode(byte[] bytes) {
        CborReader r = new CborReader(bytes, null);
        Object value = r.read(0);
        r.requireEnd();
        return value;
    }

    static List<Cid> links(byte[] bytes) {
        List<Cid> links = new ArrayList<>();
        CborReader r = new CborReader(bytes, links);
        r.read(0);
        r.requireEnd();
        return links;
    }

    private boolean scanning() {
        return links != null;
    }

    private void requireEnd() {
        if (pos != in.length) throw error("trailing bytes after the value");
    }

    private Object read(int depth) {
        int initial = next();
        int info = initial & 0x1F;
        switch (initial >>> 5) {
            case 0 -> {
                long v = argument(info);
                return v >= 0 ? Long.valueOf(v) : BigInteger.valueOf(v).add(TWO_64);
            }
            case 1 -> {
                long v = argument(info);
                return v >= 0 ? Long.valueOf(-1 - v) : BigInteger.valueOf(v).add(TWO_64).add(BigInteger.ONE).negate();
            }
            case 2 -> {
                int n = length(info);
                byte[] b = scanning() ? null : Arrays.copyOfRange(in, pos, pos + n);
                pos += n;
                return b;
            }
            case 3 -> {
                return string(length(info));
            }
            case 4 -> {
                return readList(length(info), depth);
            }
            case 5 -> {
                return readMap(length(info), depth);
            }
            case 6 -> {
                return readLink(argument(info));
            }
            default -> {
                return simple(info);
            }
        }
    }

    private List<Object> readList(int n, int depth) {
        enter(depth);
        if (scanning()) {
            for (int i = 0; i < n; i++) read(depth + 1);
            return null;
        }
        List<Object> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) list.add(read(depth + 1));
        return list;
    }

    private Map<String, Object> readMap(int n, int depth) {
        enter(depth);
        Map<String, Object> map = scanning() ? null : LinkedHashMap.newLinkedHashMap(n);
        int previousStart = -1;
        int previousLength = 0;
        for (int i = 0; i < n; i++) {
            int initial = next();
            if (initial >>> 5 != 3) throw error("map keys must be strings");
            int length = length(initial & 0x1F);
            if (previousStart >= 0) {
                int order = length != previousLength
                        ? Integer.compare(previousLength, length)
                        : Arrays.compareUnsigned(in, previousStart, previousStart + length, in, pos, pos + length);
                if (order == 0) throw error("duplicate map key \"" + new String(in, pos, length, StandardCharsets.UTF_8) + "\"");
                if (order > 0) throw error("map keys are not in canonical order (length first, then bytewise)");
            }
            previousStart = pos;
            previousLength = length;
            String key = string(length);
            Object value = read(depth + 1);
            if (map != null) map.put(key, value);
        }
        return map;
    }

    private Cid readLink(long tag) {
        if (tag != 42) throw error("tag " + Long.toUnsignedString(tag) + " is not allowed (only 42, for links)");
        int inner = next();
        if (inner >>> 5 != 2) throw error("tag 42 must wrap a byte string");
        int n = length(inner & 0x1F);
        if (n == 0 || in[pos] != 0) throw error("a CID in tag 42 must start with the 0x00 multibase prefix");
        ByteBuffer cidBytes = ByteBuffer.wrap(in, pos + 1, n - 1);
        Cid cid;
        try {
            cid = Cid.read(cidBytes);
        } catch (MultiformatException e) {
            throw error("invalid CID in tag 42: " + e.getMessage());
        }
        if (cidBytes.hasRemaining()) throw error("invalid CID in tag 42: trailing bytes after the CID");
        pos += n;
        if (scanning()) links.add(cid);
        return cid;
    }

    private Object simple(int info) {
        return switch (info) {
            case 20 -> Boolean.FALSE;
            case 21 -> Boolean.TRUE;
            case 22 -> null;
            case 23 -> throw error("undefined is not allowed");
            case 25, 26 -> throw error("floats must be 64-bit");
            case 27 -> {
                if (in.length - pos < 8) throw error("unexpected end of input");
                double d = Double.longBitsToDouble((long) LONG_BE.get(in, pos));
                pos += 8;
                if (Double.isNaN(d) || Double.isInfinite(d)) throw error("NaN and Infinity are not allowed");
                yield d;
            }
            case 31 -> throw error("indefinite-length items and break are not allowed");
            default -> throw error("simple value " + info + " is not allowed");
        };
    }

    /** Reads a head's argument (an unsigned 64-bit value) and checks that it was written in the shortest form. */
    private long argument(int info) {
        if (info < 24) return info;
        long v;
        switch (info) {
            case 24 -> {
                v = next();
                if (v < 24) throw error("integer or length not minimally encoded");
            }
            case 25 -> {
                need(2);
                v = ((in[pos] & 0xFFL) << 8) | (in[pos + 1] & 0xFFL);
                pos += 2;
                if (v < 0x100) throw error("integer or length not minimally encoded");
            }
            case 26 -> {
                need(4);
                v = ((in[pos] & 0xFFL) << 24) | ((in[pos + 1] & 0xFFL) << 16) | ((in[pos + 2] & 0xFFL) << 8) | (in[pos + 3] & 0xFFL);
                pos += 4;
                if (v < 0x10000) throw error("integer or length not minimally encoded");
            }
            case 27 -> {
                need(8);
                v = (long) LONG_BE.get(in, pos);
                pos += 8;
                if (Long.compareUnsigned(v, 0x100000000L) < 0) throw error("integer or length not minimally encoded");
            }
            case 31 -> throw error("indefinite-length items are not allowed");
            default -> throw error("reserved additional information " + info);
        }
        return v;
    }

    /** A length or count; each item takes at least one byte, so none can exceed the bytes left. */
    private int length(int info) {
        long n = argument(info);
        if (n < 0 || n > in.length - pos) {
            throw error("length " + Long.toUnsignedString(n) + " exceeds the remaining " + (in.length - pos) + " bytes");
        }
        return (int) n;
    }

    private String string(int n) {
        int start = pos;
        int end = start + n;
        int i = start;
        while (i < end && in[i] >= 0) i++;
        if (i < end && !Utf8.isValid(in, i, end)) throw error("string is not valid UTF-8");
        pos = end;
        if (scanning()) return null;
        return new String(in, start, n, i == end ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    }

    private void enter(int depth) {
        if (depth >= DagCbor.MAX_DEPTH) throw error("nesting deeper than " + DagCbor.MAX_DEPTH + " lists and maps");
    }

    private int next() {
        if (pos >= in.length) throw error("unexpected end of input");
        return in[pos++] & 0xFF;
    }

    private void need(int n) {
        if (in.length - pos < n) throw error("unexpected end of input");
    }

    private CodecException error(String detail) {
        return new CodecException("invalid_dag_cbor", "invalid DAG-CBOR at byte " + pos + ": " + detail);
    }
}
