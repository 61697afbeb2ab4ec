package io.cairn.multiformats;

import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;

/**
 * Multibase string encodings: a one-character prefix naming the base, then the data. Cairn writes
 * base32 (lower), base58btc, base36 and base64url, and reads those plus base16 and base64.
 */
public enum Multibase {
    BASE16('f'),
    BASE16_UPPER('F'),
    BASE32('b'),
    BASE32_UPPER('B'),
    BASE36('k'),
    BASE36_UPPER('K'),
    BASE58_BTC('z'),
    BASE64('m'),
    BASE64_URL('u');

    private static final String B32 = "abcdefghijklmnopqrstuvwxyz234567";
    private static final String B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final String B36 = "0123456789abcdefghijklmnopqrstuvwxyz";
    private static final String B36_UPPER = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String HEX = "0123456789abcdef";

    private final char prefix;

    Multibase(char prefix) {
        this.prefix = prefix;
    }

    public char prefix() {
        return prefix;
    }

    public static Multibase ofPrefix(char prefix) {
        for (Multibase b : values()) if (b.prefix == prefix) return b;
        throw MultiformatException.invalid("multibase", "unsupported prefix '" + prefix + "'");
    }

    /** Encodes with the prefix. */
    public String encode(byte[] data) {
        return prefix + encodeBare(data);
    }

    /** Encodes without the prefix. */
    public String encodeBare(byte[] data) {
        return switch (this) {
            case BASE16 -> hex(data);
            case BASE16_UPPER -> hex(data).toUpperCase(Locale.ROOT);
            case BASE32 -> base32(data);
            case BASE32_UPPER -> base32(data).toUpperCase(Locale.ROOT);
            case BASE36 -> baseX(data, B36);
            case BASE36_UPPER -> baseX(data, B36_UPPER);
            case BASE58_BTC -> baseX(data, B58);
            case BASE64 -> Base64.getEncoder().withoutPadding().encodeToString(data);
            case BASE64_URL -> Base64.getUrlEncoder().withoutPadding().encodeToString(data);
        };
    }

    /** Decodes a prefixed multibase string. */
    public static byte[] decode(String text) {
        if (text == null || text.isEmpty()) throw MultiformatException.invalid("multibase", "empty string");
        return ofPrefix(text.charAt(0)).decodeBare(text.substring(1));
    }

    /** Decodes data in this base, without the prefix. */
    public byte[] decodeBare(String s) {
        return switch (this) {
            case BASE16, BASE16_UPPER -> unhex(s, this == BASE16_UPPER);
            case BASE32 -> unbase32(s, false);
            case BASE32_UPPER -> unbase32(s, true);
            case BASE36 -> unbaseX(s, B36, "base36");
            case BASE36_UPPER -> unbaseX(s, B36_UPPER, "base36");
            case BASE58_BTC -> unbaseX(s, B58, "base58btc");
            case BASE64 -> unbase64(s, false);
            case BASE64_URL -> unbase64(s, true);
        };
    }


    static String hex(byte[] data) {
        char[] out = new char[data.length * 2];
        for (int i = 0; i < data.length; i++) {
            out[2 * i] = HEX.charAt((data[i] >> 4) & 0xF);
            out[2 * i + 1] = HEX.charAt(data[i] & 0xF);
        }
        return new String(out);
    }

    private static byte[] unhex(String s, boolean upper) {
        if (s.length() % 2 != 0) throw MultiformatException.invalid("multibase", "base16 string of odd length");
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) ((hexDigit(s.charAt(2 * i), upper) << 4) | hexDigit(s.charAt(2 * i + 1), upper));
        }
        return out;
    }

    private static int hexDigit(char c, boolean upper) {
        if (c >= '0' && c <= '9') return c - '0';
        if (!upper && c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (upper && c >= 'A' && c <= 'F') return c - 'A' + 10;
        throw MultiformatException.invalid("multibase", "invalid base16 character '" + c + "'");
    }

    private static String base32(byte[] data) {
        StringBuilder sb = new StringBuilder((data.length * 8 + 4) / 5);
        int buffer = 0, bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xFF);
            bits += 8;
            while (bits >= 5) {
                sb.append(B32.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) sb.append(B32.charAt((buffer << (5 - bits)) & 31));
        return sb.toString();
    }

    private static byte[] unbase32(String s, boolean upper) {
        int len = s.length();
        int rem = len % 8;
        if (rem == 1 || rem == 3 || rem == 6) throw MultiformatException.invalid("multibase", "base32 string of impossible length");
        byte[] out = new byte[len * 5 / 8];
        int buffer = 0, bits = 0, o = 0;
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            int v;
            if (c >= '2' && c <= '7') v = c - '2' + 26;
            else if (!upper && c >= 'a' && c <= 'z') v = c - 'a';
            else if (upper && c >= 'A' && c <= 'Z') v = c - 'A';
            else throw MultiformatException.invalid("multibase", "invalid base32 character '" + c + "'");
            buffer = (buffer << 5) | v;
            bits += 5;
            if (bits >= 8) {
                out[o++] = (byte) (buffer >> (bits - 8));
                bits -= 8;
            }
        }
        if ((buffer & ((1 << bits) - 1)) != 0) throw MultiformatException.invalid("multibase", "base32 string has non-zero trailing bits");
        return out;
    }

    private static byte[] unbase64(String s, boolean url) {
        if (s.indexOf('=') >= 0) throw MultiformatException.invalid("multibase", "padding is not allowed");
        byte[] out;
        try {
            out = (url ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(s);
        } catch (IllegalArgumentException e) {
            throw MultiformatException.invalid("multibase", "invalid base64: " + e.getMessage());
        }
        // the JDK ignores non-zero bits in the last character; the reference rejects them, so one value has one string
        if (!(url ? Base64.getUrlEncoder() : Base64.getEncoder()).withoutPadding().encodeToString(out).equals(s)) {
            throw MultiformatException.invalid("multibase", "base64 string has non-zero trailing bits");
        }
        return out;
    }

    /** Big-number base conversion, with each leading zero byte written as the alphabet's first character. */
    private static String baseX(byte[] data, String alphabet) {
        int base = alphabet.length();
        int zeros = 0;
        while (zeros < data.length && data[zeros] == 0) zeros++;
        byte[] input = Arrays.copyOfRange(data, zeros, data.length);
        char[] out = new char[input.length * 2 + 1];
        int outPos = out.length;
        int start = 0;
        while (start < input.length) {
            int rem = 0;
            for (int i = start; i < input.length; i++) {
                int acc = (rem << 8) | (input[i] & 0xFF);
                input[i] = (byte) (acc / base);
                rem = acc % base;
            }
            out[--outPos] = alphabet.charAt(rem);
            while (start < input.length && input[start] == 0) start++;
        }
        StringBuilder sb = new StringBuilder(zeros + out.length - outPos);
        for (int i = 0; i < zeros; i++) sb.append(alphabet.charAt(0));
        sb.append(out, outPos, out.length - outPos);
        return sb.toString();
    }

    private static byte[] unbaseX(String s, String alphabet, String name) {
        int base = alphabet.length();
        char zero = alphabet.charAt(0);
        int zeros = 0;
        while (zeros < s.length() && s.charAt(zeros) == zero) zeros++;
        byte[] out = new byte[s.length()];
        int outLen = 0;
        for (int i = zeros; i < s.length(); i++) {
            int digit = alphabet.indexOf(s.charAt(i));
            if (digit < 0) throw MultiformatException.invalid("multibase", "invalid " + name + " character '" + s.charAt(i) + "'");
            int carry = digit;
            for (int j = 0; j < outLen; j++) {
                int acc = (out[out.length - 1 - j] & 0xFF) * base + carry;
                out[out.length - 1 - j] = (byte) acc;
                carry = acc >>> 8;
            }
            while (carry > 0) {
                out[out.length - 1 - outLen++] = (byte) carry;
                carry >>>= 8;
            }
        }
        byte[] result = new byte[zeros + outLen];
        System.arraycopy(out, out.length - outLen, result, zeros, outLen);
        return result;
    }
}
