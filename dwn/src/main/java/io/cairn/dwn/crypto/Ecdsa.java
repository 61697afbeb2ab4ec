package io.cairn.dwn.crypto;

import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECPoint;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * ECDSA over SHA-256 on a short Weierstrass curve, with RFC 6979 nonces (what noble computes, so
 * signatures are byte-identical to the SDK's) and compact 64-byte r||s signatures.
 */
final class Ecdsa {
    static final Ecdsa SECP256K1 = new Ecdsa("secp256k1");
    static final Ecdsa P256 = new Ecdsa("secp256r1");

    private static final SecureRandom RANDOM = new SecureRandom();

    final ECDomainParameters domain;
    final BigInteger n;
    final BigInteger p;

    private Ecdsa(String name) {
        X9ECParameters params = CustomNamedCurves.getByName(name);
        this.domain = new ECDomainParameters(params.getCurve(), params.getG(), params.getN(), params.getH());
        this.n = params.getN();
        this.p = params.getCurve().getField().getCharacteristic();
    }

    /** Signs sha256(content); with {@code lowS} the s half is normalised to at most n/2, as noble's secp256k1 does. */
    byte[] sign(byte[] content, byte[] privateKey, boolean lowS) {
        BigInteger d = new BigInteger(1, privateKey);
        if (privateKey.length != 32 || d.signum() == 0 || d.compareTo(n) >= 0) {
            throw io.cairn.dwn.DwnError.uncoded("private key must be 32 bytes, hex or bigint, not Uint8Array");
        }
        ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
        signer.init(true, new ECPrivateKeyParameters(d, domain));
        BigInteger[] rs = signer.generateSignature(sha256(content));
        BigInteger s = rs[1];
        if (lowS && s.compareTo(n.shiftRight(1)) > 0) s = n.subtract(s);
        byte[] out = new byte[64];
        put32(rs[0], out, 0);
        put32(s, out, 32);
        return out;
    }

    /** Plain ECDSA check of sha256(content); r and s outside [1, n-1] verify false, high s is accepted. */
    boolean verify(byte[] content, BigInteger r, BigInteger s, ECPoint publicKey) {
        ECDSASigner verifier = new ECDSASigner();
        verifier.init(false, new ECPublicKeyParameters(publicKey, domain));
        return verifier.verifySignature(sha256(content), r, s);
    }

    /** The point with this x and the given parity of y, or null when x is not on the curve (noble's fromHex refusing it). */
    ECPoint decompress(BigInteger x, boolean yOdd) {
        if (x.signum() <= 0 || x.compareTo(p) >= 0) return null;
        byte[] encoded = new byte[33];
        encoded[0] = (byte) (yOdd ? 3 : 2);
        put32(x, encoded, 1);
        try {
            return domain.getCurve().decodePoint(encoded);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Decodes a SEC1 point (33 or 65 bytes); null when it is not a valid point. */
    ECPoint decodePoint(byte[] encoded) {
        try {
            ECPoint point = domain.getCurve().decodePoint(encoded);
            return point.isInfinity() || !point.isValid() ? null : point.normalize();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    ECPoint publicPoint(byte[] privateKey) {
        return domain.getG().multiply(new BigInteger(1, privateKey)).normalize();
    }

    byte[] randomPrivateKey() {
        while (true) {
            byte[] candidate = new byte[32];
            RANDOM.nextBytes(candidate);
            BigInteger d = new BigInteger(1, candidate);
            if (d.signum() > 0 && d.compareTo(n) < 0) return candidate;
        }
    }

    static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void put32(BigInteger value, byte[] out, int offset) {
        byte[] be = value.toByteArray();
        int len = Math.min(be.length, 32);
        System.arraycopy(be, be.length - len, out, offset + 32 - len, len);
    }

    static byte[] bytes32(BigInteger value) {
        byte[] out = new byte[32];
        put32(value, out, 0);
        return out;
    }

    static BigInteger[] splitCompact(byte[] signature) {
        return new BigInteger[] {new BigInteger(1, Arrays.copyOfRange(signature, 0, 32)), new BigInteger(1, Arrays.copyOfRange(signature, 32, 64))};
    }
}
