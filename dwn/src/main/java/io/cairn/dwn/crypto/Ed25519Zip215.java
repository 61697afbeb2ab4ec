package io.cairn.dwn.crypto;

import io.cairn.dwn.DwnError;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The Edwards25519 arithmetic of @noble/ed25519 2.0.0, in plain BigInteger: ZIP-215 verification
 * (encodings decoded leniently, re-encoded canonically for the hash, cofactored equation) and the
 * errors noble throws on the way. Slow on purpose-free paths only: {@link Ed25519} calls it for
 * signatures the fast strict check refused, and for did:key point validation.
 */
final class Ed25519Zip215 {
    private static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));
    private static final BigInteger L = BigInteger.TWO.pow(252).add(new BigInteger("27742317777372353535851937790883648493"));
    private static final BigInteger D = BigInteger.valueOf(-121665).multiply(BigInteger.valueOf(121666).modInverse(P)).mod(P);
    private static final BigInteger SQRT_M1 = BigInteger.TWO.modPow(P.subtract(BigInteger.ONE).shiftRight(2), P);
    private static final Point G = new Point(
            new BigInteger("15112221349535400772501151409588531511454012693041857206046113283949847762202"),
            new BigInteger("46316835694926478169428394003475163141307993866256225615783033603165251855960"),
            BigInteger.ONE,
            new BigInteger("15112221349535400772501151409588531511454012693041857206046113283949847762202")
                    .multiply(new BigInteger("46316835694926478169428394003475163141307993866256225615783033603165251855960")).mod(P));
    private static final Point IDENTITY = new Point(BigInteger.ZERO, BigInteger.ONE, BigInteger.ONE, BigInteger.ZERO);

    private Ed25519Zip215() {
    }

    /** Extended coordinates (X:Y:Z:T), x = X/Z, y = Y/Z, xy = T/Z. */
    private record Point(BigInteger x, BigInteger y, BigInteger z, BigInteger t) {
        Point add(Point o) {
            BigInteger a = x.multiply(o.x).mod(P);
            BigInteger b = y.multiply(o.y).mod(P);
            BigInteger c = t.multiply(D).multiply(o.t).mod(P);
            BigInteger d = z.multiply(o.z).mod(P);
            BigInteger e = x.add(y).multiply(o.x.add(o.y)).subtract(a).subtract(b).mod(P);
            BigInteger f = d.subtract(c).mod(P);
            BigInteger g = d.add(c).mod(P);
            BigInteger h = b.add(a).mod(P); // a = -1: B - aA
            return new Point(e.multiply(f).mod(P), g.multiply(h).mod(P), f.multiply(g).mod(P), e.multiply(h).mod(P));
        }

        /** dbl-2008-hwcd with a = -1. */
        Point twice() {
            BigInteger a = x.multiply(x).mod(P);
            BigInteger b = y.multiply(y).mod(P);
            BigInteger c = z.multiply(z).shiftLeft(1).mod(P);
            BigInteger d = a.negate();
            BigInteger xy = x.add(y);
            BigInteger e = xy.multiply(xy).subtract(a).subtract(b).mod(P);
            BigInteger g = d.add(b).mod(P);
            BigInteger f = g.subtract(c).mod(P);
            BigInteger h = d.subtract(b).mod(P);
            return new Point(e.multiply(f).mod(P), g.multiply(h).mod(P), f.multiply(g).mod(P), e.multiply(h).mod(P));
        }

        Point negate() {
            return new Point(x.negate().mod(P), y, z, t.negate().mod(P));
        }

        Point multiply(BigInteger n) {
            Point result = IDENTITY;
            for (int i = n.bitLength() - 1; i >= 0; i--) {
                result = result.twice();
                if (n.testBit(i)) result = result.add(this);
            }
            return result;
        }

        boolean isIdentity() {
            return x.mod(P).signum() == 0 && y.subtract(z).mod(P).signum() == 0;
        }

        byte[] encode() {
            BigInteger zi = z.modInverse(P);
            BigInteger ax = x.multiply(zi).mod(P);
            BigInteger ay = y.multiply(zi).mod(P);
            byte[] out = toLittleEndian(ay);
            if (ax.testBit(0)) out[31] |= (byte) 0x80;
            return out;
        }
    }

    /** noble's {@code _verify} + {@code finish}: throws its errors, else the cofactored check. */
    static boolean verify(byte[] signature, byte[] message, byte[] publicKey) {
        Point a = decode(publicKey);
        byte[] rBytes = java.util.Arrays.copyOfRange(signature, 0, 32);
        Point r = decode(rBytes);
        BigInteger s = fromLittleEndian(java.util.Arrays.copyOfRange(signature, 32, 64));
        if (s.signum() != 0 && s.compareTo(L) >= 0) throw DwnError.uncoded("invalid scalar, must be < L");
        Point sb = baseMultiple(s);
        BigInteger k = fromLittleEndian(sha512(r.encode(), a.encode(), message)).mod(L);
        Point check = r.add(a.multiply(k)).add(sb.negate());
        for (int i = 0; i < 3; i++) check = check.twice();
        return check.isIdentity();
    }

    /** 2^i·G for every bit of a scalar below 2^256, so [s]G costs only additions. */
    private static final class BaseTable {
        static final Point[] POWERS = new Point[256];

        static {
            Point p = G;
            for (int i = 0; i < 256; i++) {
                POWERS[i] = p;
                p = p.twice();
            }
        }
    }

    private static Point baseMultiple(BigInteger s) {
        Point result = IDENTITY;
        for (int i = 0; i < s.bitLength(); i++) if (s.testBit(i)) result = result.add(BaseTable.POWERS[i]);
        return result;
    }

    /** noble's lenient {@code Point.fromHex(bytes, false)}: any y below 2^255, x recovered from the sign bit. */
    private static Point decode(byte[] encoded) {
        BigInteger[] xy = recover(encoded);
        if (xy == null) throw DwnError.uncoded("bad y coordinate 3");
        return new Point(xy[0], xy[1], BigInteger.ONE, xy[0].multiply(xy[1]).mod(P));
    }

    /** noble-curves' strict {@code ExtendedPoint.fromHex} then {@code assertValidity} (what @web5/crypto validates did:key keys with). */
    static boolean decodesStrictly(byte[] encoded) {
        byte[] normed = encoded.clone();
        normed[31] &= 0x7f;
        BigInteger y = fromLittleEndian(normed);
        if (y.compareTo(P) >= 0) return false;
        BigInteger[] xy = recover(encoded);
        if (xy == null) return false;
        boolean signBit = (encoded[31] & 0x80) != 0;
        if (xy[0].signum() == 0 && signBit) return false;
        return !(xy[0].signum() == 0 && xy[1].equals(BigInteger.ONE));
    }

    /** x and y (y reduced mod p) of an encoded point, or null when (y²-1)/(dy²+1) has no square root. */
    private static BigInteger[] recover(byte[] encoded) {
        byte[] normed = encoded.clone();
        normed[31] &= 0x7f;
        BigInteger y = fromLittleEndian(normed).mod(P);
        BigInteger y2 = y.multiply(y).mod(P);
        BigInteger u = y2.subtract(BigInteger.ONE).mod(P);
        BigInteger v = D.multiply(y2).add(BigInteger.ONE).mod(P);
        // candidate root: (u v^3)(u v^7)^((p-5)/8)
        BigInteger v3 = v.modPow(BigInteger.valueOf(3), P);
        BigInteger v7 = v3.multiply(v3).multiply(v).mod(P);
        BigInteger x = u.multiply(v3).multiply(u.multiply(v7).modPow(P.subtract(BigInteger.valueOf(5)).shiftRight(3), P)).mod(P);
        BigInteger vx2 = v.multiply(x).multiply(x).mod(P);
        if (vx2.equals(u)) {
            // x is a root
        } else if (vx2.equals(u.negate().mod(P))) {
            x = x.multiply(SQRT_M1).mod(P);
        } else {
            return null;
        }
        boolean signBit = (encoded[31] & 0x80) != 0;
        if (x.testBit(0) != signBit) x = x.negate().mod(P);
        return new BigInteger[] {x, y};
    }

    private static BigInteger fromLittleEndian(byte[] bytes) {
        byte[] be = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) be[i] = bytes[bytes.length - 1 - i];
        return new BigInteger(1, be);
    }

    private static byte[] toLittleEndian(BigInteger n) {
        byte[] out = new byte[32];
        byte[] be = n.toByteArray();
        for (int i = 0; i < be.length && i < 32; i++) out[i] = be[be.length - 1 - i];
        return out;
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
