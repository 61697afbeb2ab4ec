package io.cairn.dwn.rocks;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Key building: UTF-8 segments joined by 0x00, as the SDK's IndexLevel joins its key segments. */
final class Bytes {
    static final byte SEPARATOR = 0;

    private Bytes() {}

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String string(byte[] bytes, int from, int to) {
        return new String(bytes, from, to - from, StandardCharsets.UTF_8);
    }

    /** The segments, each followed by 0x00. */
    static byte[] joinTerminated(String... segments) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        for (String segment : segments) {
            out.writeBytes(utf8(segment));
            out.write(SEPARATOR);
        }
        return out.toByteArray();
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] result = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, result, a.length, b.length);
        return result;
    }

    /** The smallest key greater than every key starting with {@code prefix}. */
    static byte[] prefixEnd(byte[] prefix) {
        byte[] end = prefix.clone();
        for (int i = end.length - 1; i >= 0; i--) {
            if (end[i] != (byte) 0xff) {
                end[i]++;
                return Arrays.copyOf(end, i + 1);
            }
        }
        return Arrays.copyOf(prefix, prefix.length + 16);
    }

    /** {@code key} followed by one 0x00: the smallest key after it. */
    static byte[] successor(byte[] key) {
        return Arrays.copyOf(key, key.length + 1);
    }
}
