package io.cairn.node.http;

import io.cairn.error.CairnException;

/**
 * The trustless gateway's {@code entity-bytes=from:to} for an entity of known size, as an offset and a
 * length. {@code to} is inclusive or {@code *}; negative values count from the end. A range that lies
 * partly outside the entity is clipped; one that starts past its end is a 400.
 */
record EntityRange(long offset, long length) {

    boolean isEmpty() {
        return length == 0;
    }

    /** {@code spec} null means the whole entity. */
    static EntityRange parse(String spec, long size) {
        if (spec == null) return new EntityRange(0, size);
        int colon = spec.indexOf(':');
        if (colon < 0) throw invalid(spec);
        long from = number(spec.substring(0, colon), spec);
        String toText = spec.substring(colon + 1);
        long to = toText.equals("*") ? size - 1 : number(toText, spec);
        if (from < 0) from = Math.max(0, size + from);
        if (to < 0) to = size + to;
        if (size > 0 && from >= size) {
            throw new CairnException(CairnException.Kind.BAD_INPUT, "invalid_entity_bytes",
                    "entity-bytes " + spec + " starts past the end of the entity (" + size + " bytes)");
        }
        long end = Math.min(to, size - 1); // inclusive
        return end < from ? new EntityRange(from, 0) : new EntityRange(from, end - from + 1);
    }

    private static long number(String s, String spec) {
        if (!s.matches("-?\\d{1,18}")) throw invalid(spec);
        return Long.parseLong(s);
    }

    private static CairnException invalid(String spec) {
        return new CairnException(CairnException.Kind.BAD_INPUT, "invalid_entity_bytes",
                "entity-bytes must be from:to (integers, to may be *), got '" + spec + "'");
    }
}
