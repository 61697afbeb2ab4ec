package io.cairn.dwn.crypto;

import io.cairn.dwn.DwnError;
import org.bouncycastle.math.ec.rfc7748.X25519Field;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The Ed25519 verification of @noble/ed25519 2.0.0 (ZIP-215): encodings decoded leniently (any y below
 * 2^255, x = 0 with the sign bit set), re-encoded as noble does for the hash (canonically, the identity as
 * 32 zero bytes), and the cofactored equation [8](R + [k]A - [S]B) = 0, with the errors noble throws on the
 * way. Also noble-curves' strict decoding, which @web5/crypto validates did:key keys with.
 * Variable-time field arithmetic on BouncyCastle's {@link X25519Field}: every input is public.
 */
final class Ed25519Zip215 {
    private static final int A_WINDOW = 5;
    private static final int B_WINDOW = 7;

    private Ed25519Zip215() {
    }

    /** Odd multiples B, 3B, …, 63B of the base point, for {@link #B_WINDOW}-bit digits. */
    private static final class BaseTable {
        static final EdwardsPoint.Cached[] ODD_MULTIPLES = oddMultiples(
                decode(HexFormat.of().parseHex("5866666666666666666666666666666666666666666666666666666666666666")).point(), B_WINDOW);
    }

    /** A decoded point and noble's re-encoding of it. */
    private record Decoded(EdwardsPoint point, byte[] nobleEncoding, boolean xIsZero, boolean isIdentity) {
    }

    /** noble's {@code _verify} + {@code finish}: throws its errors, else the cofactored check. */
    static boolean verify(byte[] signature, byte[] message, byte[] publicKey) {
        Decoded a = decodeOrThrow(publicKey);
        Decoded r = decodeOrThrow(java.util.Arrays.copyOfRange(signature, 0, 32));
        if (!Ed25519Scalars.isBelowOrder(signature, 32)) throw DwnError.uncoded("invalid scalar, must be < L");
        byte[] s = java.util.Arrays.copyOfRange(signature, 32, 64);
        byte[] k = Ed25519Scalars.reduceWide(sha512(r.nobleEncoding(), a.nobleEncoding(), message));
        EdwardsPoint check = baseMinusPoint(s, k, a.point());
        check.add(r.point().cached(), true);
        for (int i = 0; i < 3; i++) check.twice(false);
        return check.isIdentity();
    }

    /** noble-curves' strict {@code ExtendedPoint.fromHex} then {@code assertValidity}. */
    static boolean decodesStrictly(byte[] encoded) {
        if (!yIsCanonical(encoded)) return false;
        Decoded decoded = decode(encoded);
        if (decoded == null) return false;
        boolean signBit = (encoded[31] & 0x80) != 0;
        if (decoded.xIsZero() && signBit) return false;
        return !decoded.isIdentity();
    }

    /** [s]B - [k]A by interleaved sliding windows (Straus). */
    private static EdwardsPoint baseMinusPoint(byte[] s, byte[] k, EdwardsPoint a) {
        byte[] sDigits = Ed25519Scalars.slidingDigits(s, B_WINDOW);
        byte[] kDigits = Ed25519Scalars.slidingDigits(k, A_WINDOW);
        EdwardsPoint.Cached[] aTable = oddMultiples(a, A_WINDOW);
        EdwardsPoint.Cached[] bTable = BaseTable.ODD_MULTIPLES;
        EdwardsPoint acc = EdwardsPoint.identity();
        int top = 255;
        while (top >= 0 && sDigits[top] == 0 && kDigits[top] == 0) top--;
        for (int i = top; i >= 0; i--) {
            int sd = sDigits[i];
            int kd = kDigits[i];
            acc.twice(sd != 0 || kd != 0 || i == 0);
            if (sd != 0) acc.add(bTable[Math.abs(sd) >> 1], sd < 0);
            if (kd != 0) acc.add(aTable[Math.abs(kd) >> 1], kd > 0);
        }
        return acc;
    }

    /** P, 3P, 5P, … up to 2^(width-1) - 1 times P. */
    private static EdwardsPoint.Cached[] oddMultiples(EdwardsPoint p, int width) {
        EdwardsPoint.Cached[] table = new EdwardsPoint.Cached[1 << (width - 2)];
        EdwardsPoint twice = p.copy();
        twice.twice();
        EdwardsPoint.Cached twiceCached = twice.cached();
        EdwardsPoint current = p.copy();
        table[0] = current.cached();
        for (int i = 1; i < table.length; i++) {
            current.add(twiceCached, false);
            table[i] = current.cached();
        }
        return table;
    }

    private static Decoded decodeOrThrow(byte[] encoded) {
        Decoded decoded = decode(encoded);
        if (decoded == null) throw DwnError.uncoded("bad y coordinate 3");
        return decoded;
    }

    /**
     * noble's lenient {@code Point.fromHex(bytes, false)}: y is the low 255 bits taken as they are (also
     * p ≤ y < 2^255), x the root of (y²-1)/(dy²+1) whose parity is the sign bit; null when there is none.
     */
    private static Decoded decode(byte[] encoded) {
        int[] y = X25519Field.create();
        X25519Field.decode(encoded, 0, y); // drops bit 255
        int[] u = X25519Field.create();
        int[] v = X25519Field.create();
        X25519Field.sqr(y, u);
        X25519Field.mul(EdwardsPoint.D, u, v);
        X25519Field.subOne(u);
        X25519Field.addOne(v);
        int[] root = X25519Field.create();
        if (!X25519Field.sqrtRatioVar(u, v, root)) return null;
        int[] x = EdwardsPoint.canonical(root);
        int signBit = (encoded[31] >>> 7) & 1;
        if ((x[0] & 1) != signBit) x = EdwardsPoint.negateCanonical(x);
        y = EdwardsPoint.canonical(y);
        boolean xIsZero = X25519Field.isZeroVar(x);
        boolean isIdentity = xIsZero && X25519Field.isOneVar(y);
        byte[] nobleEncoding = new byte[32];
        if (!isIdentity) {
            X25519Field.encode(y, nobleEncoding, 0);
            nobleEncoding[31] |= (byte) ((x[0] & 1) << 7);
        }
        return new Decoded(EdwardsPoint.affine(x, y), nobleEncoding, xIsZero, isIdentity);
    }

    /** The low 255 bits are below p = 2^255 - 19. */
    private static boolean yIsCanonical(byte[] encoded) {
        if ((encoded[31] & 0x7f) != 0x7f) return true;
        for (int i = 30; i >= 1; i--) if ((encoded[i] & 0xff) != 0xff) return true;
        return (encoded[0] & 0xff) < 0xed;
    }

    private static byte[] sha512(byte[]... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-512");
            for (byte[] part : parts) digest.update(part);
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
