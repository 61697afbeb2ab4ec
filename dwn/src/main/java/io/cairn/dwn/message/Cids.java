package io.cairn.dwn.message;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.codec.dagcbor.DagCbor;
import io.cairn.multiformats.Cid;
import io.cairn.multiformats.Multicodec;
import io.cairn.multiformats.Multihash;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SDK's {@code Cid.computeCid}: the value encoded as DAG-CBOR, sha2-256, CIDv1 in base32. The value is
 * the JSON as JavaScript holds it after {@code JSON.parse}: a number with no fraction in the safe-integer
 * range is a CBOR integer ({@code 1.0} too), any other number a 64-bit float; the SDK's builders drop
 * {@code undefined} properties before hashing, which the wire JSON cannot carry anyway.
 */
public final class Cids {
    private static final double MAX_SAFE_INTEGER = 9_007_199_254_740_991d;
    /** The UnixFS importer's default chunk size: data up to this size is one raw leaf, its CID the raw CID. */
    public static final int UNIXFS_CHUNK_SIZE = 262_144;

    private Cids() {}

    public static String computeCid(JsonNode value) {
        return Cid.sha256(1, Multicodec.DAG_CBOR, DagCbor.encode(toCborValue(value))).toString();
    }

    /** The CID of the bytes as one raw UnixFS leaf (CIDv1, raw, sha2-256). */
    public static String rawLeafCid(byte[] data) {
        return Cid.v1(Multicodec.RAW, Multihash.sha256(data)).toString();
    }

    /** The Java value DagCbor encodes for this JSON, following JavaScript's number model. */
    public static Object toCborValue(JsonNode node) {
        switch (node.getNodeType()) {
            case OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    map.put(e.getKey(), toCborValue(e.getValue()));
                }
                return map;
            }
            case ARRAY -> {
                List<Object> list = new ArrayList<>(node.size());
                node.forEach(item -> list.add(toCborValue(item)));
                return list;
            }
            case NUMBER -> {
                if (node.canConvertToLong() && node.isIntegralNumber()) {
                    long l = node.longValue();
                    if (Math.abs((double) l) <= MAX_SAFE_INTEGER) {
                        return l;
                    }
                    return (double) l;
                }
                double d = node.doubleValue();
                if (d == Math.rint(d) && Math.abs(d) <= MAX_SAFE_INTEGER) {
                    return (long) d;
                }
                return d;
            }
            case STRING -> {
                return node.textValue();
            }
            case BOOLEAN -> {
                return node.booleanValue();
            }
            case NULL -> {
                return null;
            }
            default -> throw new IllegalArgumentException("not a JSON value: " + node.getNodeType());
        }
    }
}
