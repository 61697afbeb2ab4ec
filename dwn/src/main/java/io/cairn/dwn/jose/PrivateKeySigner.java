package io.cairn.dwn.jose;

import io.cairn.dwn.DwnError;

/**
 * A {@link Signer} holding a private JWK, as the SDK's {@code PrivateKeySigner}: the key ID and algorithm
 * default to the JWK's {@code kid} and {@code alg}, and the curve must be one the DWN verifies.
 */
public final class PrivateKeySigner implements Signer {
    private final String keyId;
    private final String algorithm;
    private final PrivateJwk privateJwk;
    private final SignatureAlgorithm signatureAlgorithm;

    public PrivateKeySigner(PrivateJwk privateJwk, String keyId, String algorithm) {
        if (keyId == null && privateJwk.kid() == null) {
            throw new DwnError("PrivateKeySignerUnableToDeduceKeyId", "Unable to deduce the key ID");
        }
        if (algorithm == null && privateJwk.alg() == null) {
            throw new DwnError("PrivateKeySignerUnableToDeduceAlgorithm", "Unable to deduce the signature algorithm");
        }
        this.keyId = keyId != null ? keyId : privateJwk.kid();
        this.algorithm = algorithm != null ? algorithm : privateJwk.alg();
        this.privateJwk = privateJwk;
        this.signatureAlgorithm = SignatureAlgorithms.forCurve(privateJwk.crv());
        if (signatureAlgorithm == null) {
            throw new DwnError("PrivateKeySignerUnsupportedCurve",
                    "Unsupported crv " + privateJwk.crv() + ", crv must be one of " + SignatureAlgorithms.curveList());
        }
    }

    public PrivateKeySigner(PrivateJwk privateJwk, String keyId) {
        this(privateJwk, keyId, null);
    }

    @Override
    public String keyId() {
        return keyId;
    }

    @Override
    public String algorithm() {
        return algorithm;
    }

    @Override
    public byte[] sign(byte[] content) {
        return signatureAlgorithm.sign(content, privateJwk);
    }

    @Override
    public String toString() {
        return "PrivateKeySigner[" + keyId + ", " + algorithm + "]";
    }
}
