package io.cairn.codec.dagcbor;

import io.cairn.multiformats.Cid;
import java.util.ArrayList;
import java.util.List;

/**
 * Strict DAG-CBOR (IPLD): canonical output on encode; on decode only canonical input is accepted.
 *
 * <p>Java values: null, Boolean, Long (BigInteger outside the long range), Double, String, byte[],
 * List, Map with String keys, {@link Cid} (tag 42). Encode also takes Integer, Short, Byte, Float,
 * BigInteger and records (as maps of their components).
 */
public final class DagCbor {
    /** Nesting deeper than this is rejected, so hostile input cannot exhaust the stack. */
    public static final int MAX_DEPTH = 256;

    private DagCbor() {}

    public static byte[] encode(Object value) {
        CborWriter w = new CborWriter();
        w.write(value, 0);
        return w.toByteArray();
    }

    public static Object decode(byte[] bytes) {
        CborReader r = new CborReader(bytes);
        Object v = r.read(0);
        r.requireEnd();
        return v;
    }

    /** Every tag-42 link in an encoded value, in document order. */
    public static List<Cid> links(byte[] bytes) {
        List<Cid> out = new ArrayList<>();
        collect(decode(bytes), out);
        return out;
    }

    private static void collect(Object v, List<Cid> out) {
        if (v instanceof Cid c) out.add(c);
        else if (v instanceof List<?> l) l.forEach(x -> collect(x, out));
        else if (v instanceof java.util.Map<?, ?> m) m.values().forEach(x -> collect(x, out));
    }
}
