package io.cairn.dwn.crypto;

import io.cairn.dwn.DwnError;
import io.cairn.dwn.jose.Base64Url;
import io.cairn.dwn.jose.JwkKeyPair;
import io.cairn.dwn.jose.PrivateJwk;
import io.cairn.dwn.jose.PublicJwk;
import io.cairn.dwn.jose.SignatureAlgorithm;
import org.bouncycastle.math.ec.ECPoint;

import java.math.BigInteger;

/**
 * ES256K with the SDK's rules ({@code Secp256k1} on @noble/secp256k1 2.0.0): ECDSA over sha256(content),
 * RFC 6979 nonces, low-S signatures written, but high-S signatures accepted on verification
 * ({@code lowS: false}). The public key used is the curve point with the JWK's x and the parity of its y,
 * because the SDK compresses the JWK before verifying.
 */
public final class Secp256k1 implements SignatureAlgorithm {
    public static final Secp256k1 INSTANCE = new Secp256k1();
    public static final String KEY_NOT_VALID = "Secp256k1KeyNotValid";
    private static final BigInteger TWO_256 = BigInteger.TWO.pow(256);

    private Secp256k1() {
    }

    @Override
    public String curve() {
        return "secp256k1";
    }

    @Override
    public String jwsAlgorithm() {
        return "ES256K";
    }

    private static void validateKey(String kty, String crv) {
        if (!"EC".equals(kty) || !"secp256k1".equals(crv)) {
            throw new DwnError(KEY_NOT_VALID, "Invalid SECP256K1 JWK: `kty` MUST be `EC`. `crv` MUST be `secp256k1`");
        }
    }

    @Override
    public byte[] sign(byte[] content, PrivateJwk privateJwk) {
        validateKey(privateJwk.kty(), privateJwk.crv());
        return Ecdsa.SECP256K1.sign(content, Base64Url.decode(privateJwk.d()), true);
    }

    @Override
    public boolean verify(byte[] content, byte[] signature, PublicJwk publicJwk) {
        validateKey(publicJwk.kty(), publicJwk.crv());
        BigInteger x = coordinate(publicJwk.x());
        BigInteger y = coordinate(publicJwk.y());
        if (x.compareTo(TWO_256) >= 0) throw DwnError.uncoded("bigint expected");
        if (signature.length != 64) throw DwnError.uncoded("signature must be 64 bytes");
        BigInteger[] rs = Ecdsa.splitCompact(signature);
        if (!inOrder(rs[0]) || !inOrder(rs[1])) return false;
        ECPoint point = Ecdsa.SECP256K1.decompress(x, y.testBit(0));
        return point != null && Ecdsa.SECP256K1.verify(content, rs[0], rs[1], point);
    }

    private static boolean inOrder(BigInteger v) {
        return v.signum() > 0 && v.compareTo(Ecdsa.SECP256K1.n) < 0;
    }

    static BigInteger coordinate(String base64url) {
        if (base64url == null) throw DwnError.uncoded("Cannot read properties of undefined (reading 'length')");
        return new BigInteger(1, Base64Url.decode(base64url));
    }

    @Override
    public JwkKeyPair generateKeyPair() {
        byte[] privateKey = Ecdsa.SECP256K1.randomPrivateKey();
        PublicJwk publicJwk = publicKeyToJwk(Ecdsa.SECP256K1.publicPoint(privateKey).getEncoded(false));
        return new JwkKeyPair(publicJwk, PrivateJwk.of(publicJwk, Base64Url.encode(privateKey)));
    }

    /** A JWK from a SEC1 public key, compressed (33 bytes) or not (65 bytes). */
    @Override
    public PublicJwk publicKeyToJwk(byte[] publicKeyBytes) {
        ECPoint point = Ecdsa.SECP256K1.decodePoint(publicKeyBytes);
        if (point == null) throw DwnError.uncoded("Point is not on curve");
        return PublicJwk.ec("ES256K", "secp256k1", Base64Url.encode(Ecdsa.bytes32(point.getAffineXCoord().toBigInteger())),
                Base64Url.encode(Ecdsa.bytes32(point.getAffineYCoord().toBigInteger())));
    }

    /** The compressed SEC1 point of a public key given as a compressed or uncompressed key; null if not on the curve. */
    public static byte[] compress(byte[] publicKeyBytes) {
        ECPoint point = Ecdsa.SECP256K1.decodePoint(publicKeyBytes);
        return point == null ? null : point.getEncoded(true);
    }

    /** The affine coordinates (32 bytes each) of a SEC1 public key; null if not a valid point. */
    public static byte[][] coordinates(byte[] publicKeyBytes) {
        ECPoint point = Ecdsa.SECP256K1.decodePoint(publicKeyBytes);
        if (point == null) return null;
        return new byte[][] {Ecdsa.bytes32(point.getAffineXCoord().toBigInteger()), Ecdsa.bytes32(point.getAffineYCoord().toBigInteger())};
    }

    /** The compressed public key of a 32-byte private key. */
    public static byte[] publicKeyOf(byte[] privateKey) {
        return Ecdsa.SECP256K1.publicPoint(privateKey).getEncoded(true);
    }
}
