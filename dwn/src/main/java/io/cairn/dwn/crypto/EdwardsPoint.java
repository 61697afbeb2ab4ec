package io.cairn.dwn.crypto;

import org.bouncycastle.math.ec.rfc7748.X25519Field;

import java.math.BigInteger;

/**
 * A mutable Edwards25519 point in extended coordinates (X:Y:Z:T; x = X/Z, y = Y/Z, xy = T/Z) over
 * BouncyCastle's 10-limb field elements, with the complete RFC 8032 formulas (a = -1), so small-order
 * and mixed-order points need no special case. Variable-time: it only ever sees public data.
 */
final class EdwardsPoint {
    static final int[] D = fieldElement(new BigInteger("37095705934669439343138083508754565189542113879843219016388785533085940283555"));
    private static final int[] D2 = fieldElement(new BigInteger("37095705934669439343138083508754565189542113879843219016388785533085940283555")
            .shiftLeft(1).mod(BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19))));

    final int[] x = X25519Field.create();
    final int[] y = X25519Field.create();
    final int[] z = X25519Field.create();
    final int[] t = X25519Field.create();

    // scratch for the in-place formulas
    private final int[] a = X25519Field.create();
    private final int[] b = X25519Field.create();
    private final int[] c = X25519Field.create();
    private final int[] d = X25519Field.create();
    private final int[] e = X25519Field.create();
    private final int[] f = X25519Field.create();
    private final int[] g = X25519Field.create();
    private final int[] h = X25519Field.create();

    /** The neutral element (0, 1). */
    static EdwardsPoint identity() {
        EdwardsPoint p = new EdwardsPoint();
        X25519Field.one(p.y);
        X25519Field.one(p.z);
        return p;
    }

    /** The affine point (x, y); both canonical. */
    static EdwardsPoint affine(int[] x, int[] y) {
        EdwardsPoint p = new EdwardsPoint();
        X25519Field.copy(x, 0, p.x, 0);
        X25519Field.copy(y, 0, p.y, 0);
        X25519Field.one(p.z);
        X25519Field.mul(x, y, p.t);
        return p;
    }

    EdwardsPoint copy() {
        EdwardsPoint p = new EdwardsPoint();
        X25519Field.copy(x, 0, p.x, 0);
        X25519Field.copy(y, 0, p.y, 0);
        X25519Field.copy(z, 0, p.z, 0);
        X25519Field.copy(t, 0, p.t, 0);
        return p;
    }

    /** this = 2·this (RFC 8032 5.1.4 doubling). */
    void twice() {
        twice(true);
    }

    /** this = 2·this; without {@code withT}, T is left stale (fine when only doublings or the identity test follow). */
    void twice(boolean withT) {
        X25519Field.sqr(x, a);
        X25519Field.sqr(y, b);
        X25519Field.sqr(z, c);
        X25519Field.add(c, c, c);
        X25519Field.add(a, b, h);
        X25519Field.add(x, y, e);
        X25519Field.sqr(e, e);
        X25519Field.sub(h, e, e);
        X25519Field.carry(e);
        X25519Field.sub(a, b, g);
        X25519Field.add(c, g, f);
        X25519Field.carry(f);
        X25519Field.mul(e, f, x);
        X25519Field.mul(g, h, y);
        if (withT) X25519Field.mul(e, h, t);
        X25519Field.mul(f, g, z);
    }

    /** this = this + q, or this - q when {@code subtract} (RFC 8032 5.1.4 addition, complete). */
    void add(Cached q, boolean subtract) {
        X25519Field.sub(y, x, a);
        X25519Field.add(y, x, b);
        X25519Field.mul(a, subtract ? q.yPlusX : q.yMinusX, a);
        X25519Field.mul(b, subtract ? q.yMinusX : q.yPlusX, b);
        X25519Field.mul(t, q.t2d, c);
        if (subtract) X25519Field.negate(c, c);
        X25519Field.mul(z, q.z2, d);
        X25519Field.sub(b, a, e);
        X25519Field.sub(d, c, f);
        X25519Field.add(d, c, g);
        X25519Field.add(b, a, h);
        multiplyOut();
    }

    private void multiplyOut() {
        X25519Field.mul(e, f, x);
        X25519Field.mul(g, h, y);
        X25519Field.mul(e, h, t);
        X25519Field.mul(f, g, z);
    }

    /** Whether this is the neutral element: X ≡ 0 and Y ≡ Z. */
    boolean isIdentity() {
        int[] px = canonical(x);
        if (!X25519Field.isZeroVar(px)) return false;
        int[] diff = X25519Field.create();
        X25519Field.sub(canonical(y), canonical(z), diff);
        X25519Field.normalize(diff);
        return X25519Field.isZeroVar(diff);
    }

    Cached cached() {
        return new Cached(this);
    }

    /** A point prepared for addition: Y+X, Y-X, 2Z, 2dT. */
    static final class Cached {
        final int[] yPlusX = X25519Field.create();
        final int[] yMinusX = X25519Field.create();
        final int[] z2 = X25519Field.create();
        final int[] t2d = X25519Field.create();

        private Cached(EdwardsPoint p) {
            X25519Field.add(p.y, p.x, yPlusX);
            X25519Field.carry(yPlusX);
            X25519Field.sub(p.y, p.x, yMinusX);
            X25519Field.carry(yMinusX);
            X25519Field.add(p.z, p.z, z2);
            X25519Field.carry(z2);
            X25519Field.mul(p.t, D2, t2d);
        }
    }

    /** A fully reduced copy (limbs of the value in [0, p)). */
    static int[] canonical(int[] value) {
        int[] out = X25519Field.create();
        X25519Field.copy(value, 0, out, 0);
        X25519Field.carry(out);
        X25519Field.normalize(out);
        return out;
    }

    /** p - v for a canonical v, canonical (0 stays 0). */
    static int[] negateCanonical(int[] v) {
        int[] out = X25519Field.create();
        X25519Field.sub(out, v, out);
        X25519Field.normalize(out);
        return out;
    }

    private static int[] fieldElement(BigInteger value) {
        byte[] be = value.toByteArray();
        byte[] le = new byte[32];
        for (int i = 0; i < be.length && i < 32; i++) le[i] = be[be.length - 1 - i];
        int[] out = X25519Field.create();
        X25519Field.decode(le, 0, out);
        return out;
    }
}
