package io.cairn.dwn.crypto;

import java.math.BigInteger;

/**
 * Scalars modulo the Ed25519 group order L = 2^252 + c, as 32-byte little-endian strings: the range
 * check of a signature's S, the reduction of a 64-byte hash, and signed sliding-window digits for
 * multiplication. Works on 21-bit limbs in longs (21 × 12 = 252, so a limb at index i ≥ 12 folds down
 * as -c · 2^(21(i-12))).
 */
final class Ed25519Scalars {
    private static final BigInteger ORDER = BigInteger.TWO.pow(252).add(new BigInteger("27742317777372353535851937790883648493"));
    private static final int LIMB_BITS = 21;
    private static final long LIMB_MASK = (1L << LIMB_BITS) - 1;
    private static final byte[] ORDER_BYTES = littleEndian(ORDER);
    /** c = L - 2^252 in six 21-bit limbs. */
    private static final long[] C = limbs(ORDER.subtract(BigInteger.TWO.pow(252)), 6);
    /** L in twelve limbs, the top one holding 2^21. */
    private static final long[] ORDER_LIMBS = limbs(ORDER, 12);

    private Ed25519Scalars() {
    }

    /** Whether the 32 little-endian bytes at {@code offset} encode a number below L. */
    static boolean isBelowOrder(byte[] bytes, int offset) {
        for (int i = 31; i >= 0; i--) {
            int value = bytes[offset + i] & 0xff;
            int order = ORDER_BYTES[i] & 0xff;
            if (value != order) return value < order;
        }
        return false;
    }

    /** A 64-byte little-endian number modulo L, as 32 little-endian bytes. */
    static byte[] reduceWide(byte[] wide) {
        long[] s = new long[25];
        for (int i = 0; i < s.length; i++) s[i] = bitsAt(wide, i * LIMB_BITS);
        for (int i = 24; i >= 12; i--) {
            long v = s[i];
            s[i] = 0;
            for (int j = 0; j < C.length; j++) s[i - 12 + j] -= v * C[j];
            carry(s, i - 12, i - 1);
        }
        while (s[11] < 0) {
            for (int i = 0; i < 12; i++) s[i] += ORDER_LIMBS[i];
            carry(s, 0, 11);
        }
        while (atLeastOrder(s)) {
            for (int i = 0; i < 12; i++) s[i] -= ORDER_LIMBS[i];
            carry(s, 0, 11);
        }
        byte[] out = new byte[32];
        long buffer = 0;
        int bufferBits = 0;
        int position = 0;
        for (int i = 0; i < 12; i++) {
            buffer |= s[i] << bufferBits;
            bufferBits += LIMB_BITS;
            while (bufferBits >= 8 && position < 32) {
                out[position++] = (byte) buffer;
                buffer >>>= 8;
                bufferBits -= 8;
            }
        }
        while (position < 32) {
            out[position++] = (byte) buffer;
            buffer >>>= 8;
        }
        return out;
    }

    /**
     * Signed digits d[0..255] with value = Σ d[i]·2^i, each zero or odd with |d| ≤ 2^(width-1) - 1, for a
     * scalar below 2^253 (so the last carry stays inside 256 digits).
     */
    static byte[] slidingDigits(byte[] scalar, int width) {
        int max = (1 << (width - 1)) - 1;
        byte[] digits = new byte[256];
        for (int i = 0; i < 256; i++) digits[i] = (byte) ((scalar[i >> 3] >> (i & 7)) & 1);
        for (int i = 0; i < 256; i++) {
            if (digits[i] == 0) continue;
            for (int b = 1; b <= width && i + b < 256; b++) {
                if (digits[i + b] == 0) continue;
                int shifted = digits[i + b] << b;
                if (digits[i] + shifted <= max) {
                    digits[i] += (byte) shifted;
                    digits[i + b] = 0;
                } else if (digits[i] - shifted >= -max) {
                    digits[i] -= (byte) shifted;
                    for (int k = i + b; k < 256; k++) {
                        if (digits[k] == 0) {
                            digits[k] = 1;
                            break;
                        }
                        digits[k] = 0;
                    }
                } else {
                    break;
                }
            }
        }
        return digits;
    }

    private static boolean atLeastOrder(long[] s) {
        for (int i = 11; i >= 0; i--) {
            if (s[i] != ORDER_LIMBS[i]) return s[i] > ORDER_LIMBS[i];
        }
        return true;
    }

    /** Floor carries from limb {@code from} up to {@code top}, which absorbs the rest. */
    private static void carry(long[] s, int from, int top) {
        for (int i = from; i < top; i++) {
            s[i + 1] += s[i] >> LIMB_BITS;
            s[i] &= LIMB_MASK;
        }
    }

    private static long bitsAt(byte[] bytes, int bit) {
        long word = 0;
        int first = bit >> 3;
        for (int i = 0; i < 4 && first + i < bytes.length; i++) word |= (long) (bytes[first + i] & 0xff) << (8 * i);
        return (word >>> (bit & 7)) & LIMB_MASK;
    }

    private static long[] limbs(BigInteger value, int count) {
        long[] out = new long[count];
        for (int i = 0; i < count; i++) {
            out[i] = i == count - 1 ? value.shiftRight(LIMB_BITS * i).longValueExact()
                    : value.shiftRight(LIMB_BITS * i).longValue() & LIMB_MASK;
        }
        return out;
    }

    private static byte[] littleEndian(BigInteger value) {
        byte[] be = value.toByteArray();
        byte[] le = new byte[32];
        for (int i = 0; i < be.length && i < 32; i++) le[i] = be[be.length - 1 - i];
        return le;
    }
}
