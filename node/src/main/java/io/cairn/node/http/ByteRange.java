package io.cairn.node.http;

/** One satisfiable byte range of an entity, from an HTTP Range header. */
record ByteRange(long start, long endInclusive) {
    long length() {
        return endInclusive - start + 1;
    }

    /** Signals a Range header that no byte of the entity satisfies: 416. */
    static final class Unsatisfiable extends Exception {
        Unsatisfiable() {
            super(null, null, false, false);
        }
    }

    /**
     * Parses {@code bytes=a-b}, {@code bytes=a-} and {@code bytes=-n}. Returns null when the header is
     * absent, not a bytes range, or asks for several ranges (then the whole entity is sent, which
     * RFC 9110 allows).
     */
    static ByteRange parse(String header, long size) throws Unsatisfiable {
        if (header == null || !header.startsWith("bytes=")) return null;
        String spec = header.substring(6).trim();
        if (spec.contains(",")) return null;
        int dash = spec.indexOf('-');
        if (dash < 0) return null;
        String a = spec.substring(0, dash).trim(), b = spec.substring(dash + 1).trim();
        try {
            if (a.isEmpty()) {
                long suffix = Long.parseLong(b);
                if (suffix <= 0 || size == 0) throw new Unsatisfiable();
                return new ByteRange(Math.max(0, size - suffix), size - 1);
            }
            long start = Long.parseLong(a);
            long end = b.isEmpty() ? Long.MAX_VALUE : Long.parseLong(b);
            if (start < 0 || end < start) return null;
            if (start >= size) throw new Unsatisfiable();
            return new ByteRange(start, Math.min(end, size - 1));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
