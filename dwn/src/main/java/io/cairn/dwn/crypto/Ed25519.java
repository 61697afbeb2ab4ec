package io.cairn.dwn.crypto;

import io.cairn.dwn.DwnError;
import io.cairn.dwn.jose.Base64Url;
import io.cairn.dwn.jose.JwkKeyPair;
import io.cairn.dwn.jose.PrivateJwk;
import io.cairn.dwn.jose.PublicJwk;
import io.cairn.dwn.jose.SignatureAlgorithm;

import java.security.SecureRandom;

/**
 * EdDSA over Ed25519 with the SDK's rules (its {@code ed25519} algorithm on @noble/ed25519 2.0.0).
 * Signing is RFC 8032 (deterministic, so byte-identical to the SDK). Verification first runs
 * BouncyCastle's strict RFC 8032 check, which accepts only what noble accepts; a signature it refuses
 * is re-checked with noble's ZIP-215 rules ({@link Ed25519Zip215}), which also raise noble's errors
 * ({@code "invalid scalar, must be < L"}, {@code "bad y coordinate 3"}) that the SDK lets through as the detail.
 * The ZIP-215 path costs a little more than the strict check, so a refused signature costs about 2.5× an accepted one.
 */
public final class Ed25519 implements SignatureAlgorithm {
    public static final Ed25519 INSTANCE = new Ed25519();
    public static final String INVALID_JWK = "Ed25519InvalidJwk";

    private static final SecureRandom RANDOM = new SecureRandom();

    private Ed25519() {
    }

    @Override
    public String curve() {
        return "Ed25519";
    }

    @Override
    public String jwsAlgorithm() {
        return "EdDSA";
    }

    private static void validateKey(String kty, String crv) {
        if (!"OKP".equals(kty) || !"Ed25519".equals(crv)) {
            throw new DwnError(INVALID_JWK, "invalid jwk. kty MUST be OKP. crv MUST be Ed25519");
        }
    }

    @Override
    public byte[] sign(byte[] content, PrivateJwk privateJwk) {
        validateKey(privateJwk.kty(), privateJwk.crv());
        return signRaw(content, Base64Url.decode(privateJwk.d()));
    }

    /** RFC 8032 signature with a 32-byte private key seed. */
    public static byte[] signRaw(byte[] content, byte[] privateKey) {
        if (privateKey.length != 32) throw DwnError.uncoded("Uint8Array expected");
        byte[] signature = new byte[64];
        org.bouncycastle.math.ec.rfc8032.Ed25519.sign(privateKey, 0, content, 0, content.length, signature, 0);
        return signature;
    }

    @Override
    public boolean verify(byte[] content, byte[] signature, PublicJwk publicJwk) {
        validateKey(publicJwk.kty(), publicJwk.crv());
        if (publicJwk.x() == null) throw DwnError.uncoded("Cannot read properties of undefined (reading 'length')");
        return verifyRaw(content, signature, Base64Url.decode(publicJwk.x()));
    }

    /** noble's {@code verifyAsync(signature, content, publicKey)}. */
    public static boolean verifyRaw(byte[] content, byte[] signature, byte[] publicKey) {
        if (signature.length != 64 || publicKey.length != 32) throw DwnError.uncoded("Uint8Array expected");
        if (!isCanonicalIdentity(signature)
                && org.bouncycastle.math.ec.rfc8032.Ed25519.verify(signature, 0, publicKey, 0, content, 0, content.length)) {
            return true;
        }
        return Ed25519Zip215.verify(signature, content, publicKey);
    }

    /**
     * R = 01 00…00: noble hashes the identity as 32 zero bytes where RFC 8032 (BouncyCastle) hashes these
     * bytes, so only the ZIP-215 path may decide such a signature.
     */
    private static boolean isCanonicalIdentity(byte[] signature) {
        if (signature[0] != 1) return false;
        for (int i = 1; i < 32; i++) if (signature[i] != 0) return false;
        return true;
    }

    public static byte[] publicKeyOf(byte[] privateKey) {
        byte[] publicKey = new byte[32];
        org.bouncycastle.math.ec.rfc8032.Ed25519.generatePublicKey(privateKey, 0, publicKey, 0);
        return publicKey;
    }

    @Override
    public JwkKeyPair generateKeyPair() {
        byte[] privateKey = new byte[32];
        RANDOM.nextBytes(privateKey);
        PublicJwk publicJwk = publicKeyToJwk(publicKeyOf(privateKey));
        return new JwkKeyPair(publicJwk, PrivateJwk.of(publicJwk, Base64Url.encode(privateKey)));
    }

    @Override
    public PublicJwk publicKeyToJwk(byte[] publicKeyBytes) {
        return PublicJwk.okp("EdDSA", "Ed25519", Base64Url.encode(publicKeyBytes));
    }

    /** @web5/crypto's {@code Ed25519.validatePublicKey}: the bytes decode to a curve point (noble-curves, strict encoding). */
    public static boolean isValidPublicKey(byte[] publicKey) {
        return publicKey.length == 32 && Ed25519Zip215.decodesStrictly(publicKey);
    }
}
