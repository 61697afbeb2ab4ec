package io.cairn.dwn.jose;

/**
 * One signature scheme, keyed by the JWK {@code crv} as in the SDK's {@code signatureAlgorithms} table.
 * {@code verify} returns false for a signature that does not verify, and throws what the SDK throws for
 * input its libraries refuse outright (a {@link io.cairn.dwn.DwnError} for a wrong key type, a
 * {@link io.cairn.dwn.DwnError#uncoded uncoded DwnError} for e.g. a signature of the wrong length).
 */
public interface SignatureAlgorithm {
    /** The JWK {@code crv} this algorithm is registered under. */
    String curve();

    /** The JWS {@code alg} name written into generated keys. */
    String jwsAlgorithm();

    byte[] sign(byte[] content, PrivateJwk privateJwk);

    boolean verify(byte[] content, byte[] signature, PublicJwk publicJwk);

    JwkKeyPair generateKeyPair();

    PublicJwk publicKeyToJwk(byte[] publicKeyBytes);
}
