package io.cairn.dwn.crypto;

import io.cairn.dwn.DwnError;

/**
 * The RFC 4648 bit-packing codecs as js multiformats implements them (its {@code rfc4648} base), which
 * is what dwn-sdk-js and @web5 use for base64url and z-base-32: no padding written, trailing {@code '='}
 * tolerated on decode, and the same {@code SyntaxError} texts on bad input, because those texts reach
 * the reply detail.
 */
public final class Rfc4648 {
    public static final Rfc4648 BASE64URL =
            new Rfc4648("base64url", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", 6);
    public static final Rfc4648 BASE32Z = new Rfc4648("base32z", "ybndrfg8ejkmcpqxot1uwisza345h769", 5);

    private final String name;
    private final char[] alphabet;
    private final int bitsPerChar;
    private final int[] codes = new int[128];

    private Rfc4648(String name, String alphabet, int bitsPerChar) {
        this.name = name;
        this.alphabet = alphabet.toCharArray();
        this.bitsPerChar = bitsPerChar;
        java.util.Arrays.fill(codes, -1);
        for (int i = 0; i < this.alphabet.length; i++) codes[this.alphabet[i]] = i;
    }

    public String encode(byte[] data) {
        int mask = (1 << bitsPerChar) - 1;
        StringBuilder out = new StringBuilder((data.length * 8 + bitsPerChar - 1) / bitsPerChar);
        int bits = 0;
        int buffer = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits > bitsPerChar) {
                bits -= bitsPerChar;
                out.append(alphabet[mask & (buffer >> bits)]);
            }
        }
        if (bits != 0) out.append(alphabet[mask & (buffer << (bitsPerChar - bits))]);
        return out.toString();
    }

    /** @throws io.cairn.dwn.DwnError {@code "Non-<name> character"} or {@code "Unexpected end of data"}, as multiformats' SyntaxError */
    public byte[] decode(String text) {
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == '=') end--;
        byte[] out = new byte[(int) ((long) end * bitsPerChar / 8)];
        int bits = 0;
        int buffer = 0;
        int written = 0;
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            int value = c < 128 ? codes[c] : -1;
            if (value < 0) throw DwnError.uncoded("Non-" + name + " character");
            buffer = (buffer << bitsPerChar) | value;
            bits += bitsPerChar;
            if (bits >= 8) {
                bits -= 8;
                out[written++] = (byte) (buffer >> bits);
            }
        }
        if (bits >= bitsPerChar || (0xff & (buffer << (8 - bits))) != 0) throw DwnError.uncoded("Unexpected end of data");
        return out;
    }
}
