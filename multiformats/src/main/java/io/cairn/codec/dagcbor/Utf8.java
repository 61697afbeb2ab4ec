package io.cairn.codec.dagcbor;

/**
 * Strict UTF-8 (RFC 3629) checks and encoding on byte-array ranges, without the allocations of a
 * CharsetDecoder: the codec validates every string it reads, so this sits on the decode path.
 */
final class Utf8 {
    private Utf8() {}

    /** True when {@code b[from, to)} is well-formed UTF-8: no overlongs, surrogates or code points above U+10FFFF. */
    static boolean isValid(byte[] b, int from, int to) {
        int i = from;
        while (i < to) {
            int c = b[i] & 0xFF;
            if (c < 0x80) {
                i++;
            } else if (c < 0xC2) {
                return false; // a continuation byte first, or an overlong two-byte form
            } else if (c < 0xE0) {
                if (i + 1 >= to || !continuation(b[i + 1])) return false;
                i += 2;
            } else if (c < 0xF0) {
                if (i + 2 >= to) return false;
                int c1 = b[i + 1] & 0xFF;
                if (!continuation(c1) || !continuation(b[i + 2])) return false;
                if (c == 0xE0 && c1 < 0xA0) return false; // overlong
                if (c == 0xED && c1 >= 0xA0) return false; // UTF-16 surrogate
                i += 3;
            } else if (c < 0xF5) {
                if (i + 3 >= to) return false;
                int c1 = b[i + 1] & 0xFF;
                if (!continuation(c1) || !continuation(b[i + 2]) || !continuation(b[i + 3])) return false;
                if (c == 0xF0 && c1 < 0x90) return false; // overlong
                if (c == 0xF4 && c1 >= 0x90) return false; // above U+10FFFF
                i += 4;
            } else {
                return false;
            }
        }
        return true;
    }

    private static boolean continuation(int b) {
        return (b & 0xC0) == 0x80;
    }

    /** The UTF-8 length of {@code s}, or -1 if it holds an unpaired surrogate (which UTF-8 cannot carry). */
    static int encodedLength(String s) {
        int n = s.length();
        int len = n;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) continue;
            if (c < 0x800) {
                len += 1;
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 >= n || !Character.isLowSurrogate(s.charAt(i + 1))) return -1;
                len += 2; // four bytes for two chars
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return -1;
            } else {
                len += 2;
            }
        }
        return len;
    }

    /** Encodes a string already checked by {@link #encodedLength}; returns the index after the last byte. */
    static int encode(String s, byte[] out, int at) {
        int p = at;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                out[p++] = (byte) c;
            } else if (c < 0x800) {
                out[p++] = (byte) (0xC0 | (c >>> 6));
                out[p++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c)) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                out[p++] = (byte) (0xF0 | (cp >>> 18));
                out[p++] = (byte) (0x80 | ((cp >>> 12) & 0x3F));
                out[p++] = (byte) (0x80 | ((cp >>> 6) & 0x3F));
                out[p++] = (byte) (0x80 | (cp & 0x3F));
            } else {
                out[p++] = (byte) (0xE0 | (c >>> 12));
                out[p++] = (byte) (0x80 | ((c >>> 6) & 0x3F));
                out[p++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        return p;
    }

    /**
     * Compares two valid strings in the order of their UTF-8 bytes, which is code point order. It differs
     * from {@link String#compareTo} (UTF-16 order) only where a supplementary character meets U+E000..U+FFFF.
     */
    static int compare(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char ca = a.charAt(i);
            char cb = b.charAt(i);
            if (ca == cb) continue;
            boolean sa = Character.isSurrogate(ca);
            boolean sb = Character.isSurrogate(cb);
            if (sa != sb) return sa ? 1 : -1; // the surrogate starts a code point above U+FFFF
            return Character.compare(ca, cb);
        }
        return Integer.compare(a.length(), b.length());
    }
}
