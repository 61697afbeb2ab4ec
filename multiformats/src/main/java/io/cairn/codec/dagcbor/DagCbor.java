package io.cairn.codec.dagcbor;

import io.cairn.codec.CodecException;
import io.cairn.multiformats.Cid;
import java.util.List;

/**
 * Strict DAG-CBOR (IPLD): canonical output on encode; on decode only canonical input is accepted.
 *
 * <p>Canonical means: map keys sorted by UTF-8 length, then bytewise; integers and lengths in their
 * shortest form; floats always 64-bit; links as tag 42 around a byte string of 0x00 and the binary CID;
 * no indefinite lengths, undefined, NaN, Infinity, other tags or simple values, duplicate or non-string
 * keys, invalid UTF-8 or trailing bytes. Every violation is a {@link CodecException}
 * (code {@code invalid_dag_cbor}).
 *
 * <p>Java values: null, Boolean, Long (BigInteger outside the long range, down to -2^64 and up to
 * 2^64-1), Double, String, byte[], List, Map with String keys, {@link Cid}. Encode also takes Integer,
 * Short, Byte, Float (written as 64-bit), BigInteger and records (as maps of their components).
 * Decoded lists and maps are new mutable {@code ArrayList}/{@code LinkedHashMap}s owned by the caller;
 * map iteration follows the canonical key order.
 */
public final class DagCbor {
    /** Lists and maps nested deeper than this are rejected, so hostile input cannot exhaust the stack. */
    public static final int MAX_DEPTH = 256;

    private DagCbor() {}

    /** The canonical encoding of {@code value}; a CodecException if it holds something DAG-CBOR cannot. */
    public static byte[] encode(Object value) {
        return CborWriter.encode(value);
    }

    public static Object decode(byte[] bytes) {
        return CborReader.decode(bytes);
    }

    /**
     * Decodes and converts to {@code type}: a record (from a map, by component name, nested records,
     * {@code List<T>} and {@code Map<String, T>} components included), or any type {@link ValueMapper} knows.
     * A value that does not fit is a CodecException with code {@code record_mismatch}.
     */
    public static <T> T decode(byte[] bytes, Class<T> type) {
        return ValueMapper.convert(decode(bytes), type);
    }

    /** Every tag-42 link in an encoded value, in document order, after the same validation as decode. */
    public static List<Cid> links(byte[] bytes) {
        return CborReader.links(bytes);
    }
}
