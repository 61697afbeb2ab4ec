package io.cairn.dwn.crypto;

import io.cairn.dwn.DwnError;
import io.cairn.dwn.jose.Base64Url;
import io.cairn.dwn.jose.JwkKeyPair;
import io.cairn.dwn.jose.PrivateJwk;
import io.cairn.dwn.jose.PublicJwk;
import io.cairn.dwn.jose.SignatureAlgorithm;
import org.bouncycastle.math.ec.ECPoint;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * ES256 (P-256) with the SDK's rules ({@code Secp256r1} on @noble/curves 1.4.2): RFC 6979 signatures
 * without low-S normalisation; verification takes a compact 64-byte signature or, at any other length,
 * DER, and throws noble's errors for out-of-range or malformed signatures and for keys off the curve.
 */
public final class Secp256r1 implements SignatureAlgorithm {
    public static final Secp256r1 INSTANCE = new Secp256r1();
    public static final String KEY_NOT_VALID = "Secp256r1KeyNotValid";

    private Secp256r1() {
    }

    @Override
    public String curve() {
        return "P-256";
    }

    @Override
    public String jwsAlgorithm() {
        return "ES256";
    }

    private static void validateKey(String kty, String crv) {
        if (!"EC".equals(kty) || !"P-256".equals(crv)) {
            throw new DwnError(KEY_NOT_VALID, "Invalid SECP256R1 JWK: `kty` MUST be `EC`. `crv` MUST be `P-256`");
        }
    }

    @Override
    public byte[] sign(byte[] content, PrivateJwk privateJwk) {
        validateKey(privateJwk.kty(), privateJwk.crv());
        return Ecdsa.P256.sign(content, Base64Url.decode(privateJwk.d()), false);
    }

    @Override
    public boolean verify(byte[] content, byte[] signature, PublicJwk publicJwk) {
        validateKey(publicJwk.kty(), publicJwk.crv());
        BigInteger[] rs = signature.length == 64 ? Ecdsa.splitCompact(signature) : parseDer(signature);
        checkInOrder(rs[0], "r");
        checkInOrder(rs[1], "s");
        BigInteger x = Secp256k1.coordinate(publicJwk.x());
        BigInteger y = Secp256k1.coordinate(publicJwk.y());
        BigInteger p = Ecdsa.P256.p;
        if (x.compareTo(p) >= 0 || y.compareTo(p) >= 0) throw DwnError.uncoded("invalid affine point");
        if (x.signum() == 0 && y.signum() == 0) throw DwnError.uncoded("bad point: ZERO");
        ECPoint point;
        try {
            point = Ecdsa.P256.domain.getCurve().createPoint(x, y);
        } catch (IllegalArgumentException e) {
            throw DwnError.uncoded("bad point: equation left != right");
        }
        if (!point.isValid()) throw DwnError.uncoded("bad point: equation left != right");
        return Ecdsa.P256.verify(content, rs[0], rs[1], point);
    }

    private static void checkInOrder(BigInteger v, String name) {
        if (v.signum() <= 0 || v.compareTo(Ecdsa.P256.n) >= 0) throw DwnError.uncoded(name + " must be 0 < " + name + " < CURVE.n");
    }

    /** noble's {@code DER.toSig}, with its error texts. */
    private static BigInteger[] parseDer(byte[] data) {
        int l = data.length;
        if (l < 2 || (data[0] & 0xff) != 0x30) throw DwnError.uncoded("Invalid signature tag");
        if ((data[1] & 0xff) != l - 2) throw DwnError.uncoded("Invalid signature: incorrect length");
        byte[] rest = Arrays.copyOfRange(data, 2, l);
        Object[] r = parseInt(rest);
        Object[] s = parseInt((byte[]) r[1]);
        if (((byte[]) s[1]).length != 0) throw DwnError.uncoded("Invalid signature: left bytes after parsing");
        return new BigInteger[] {(BigInteger) r[0], (BigInteger) s[0]};
    }

    private static Object[] parseInt(byte[] data) {
        if (data.length < 2 || (data[0] & 0xff) != 0x02) throw DwnError.uncoded("Invalid signature integer tag");
        int len = data[1] & 0xff;
        byte[] res = Arrays.copyOfRange(data, 2, Math.min(data.length, len + 2));
        if (len == 0 || res.length != len) throw DwnError.uncoded("Invalid signature integer: wrong length");
        if ((res[0] & 0x80) != 0) throw DwnError.uncoded("Invalid signature integer: negative");
        if (res[0] == 0 && (res.length < 2 || (res[1] & 0x80) == 0)) {
            throw DwnError.uncoded("Invalid signature integer: unnecessary leading zero");
        }
        return new Object[] {new BigInteger(1, res), Arrays.copyOfRange(data, Math.min(data.length, len + 2), data.length)};
    }

    @Override
    public JwkKeyPair generateKeyPair() {
        byte[] privateKey = Ecdsa.P256.randomPrivateKey();
        PublicJwk publicJwk = publicKeyToJwk(Ecdsa.P256.publicPoint(privateKey).getEncoded(false));
        return new JwkKeyPair(publicJwk, PrivateJwk.of(publicJwk, Base64Url.encode(privateKey)));
    }

    @Override
    public PublicJwk publicKeyToJwk(byte[] publicKeyBytes) {
        ECPoint point = Ecdsa.P256.decodePoint(publicKeyBytes);
        if (point == null) throw DwnError.uncoded("bad point: equation left != right");
        return PublicJwk.ec("ES256", "P-256", Base64Url.encode(Ecdsa.bytes32(point.getAffineXCoord().toBigInteger())),
                Base64Url.encode(Ecdsa.bytes32(point.getAffineYCoord().toBigInteger())));
    }

    /** The affine coordinates (32 bytes each) of a SEC1 P-256 public key; null if not a valid point. */
    public static byte[][] coordinates(byte[] publicKeyBytes) {
        ECPoint point = Ecdsa.P256.decodePoint(publicKeyBytes);
        if (point == null) return null;
        return new byte[][] {Ecdsa.bytes32(point.getAffineXCoord().toBigInteger()), Ecdsa.bytes32(point.getAffineYCoord().toBigInteger())};
    }
}
