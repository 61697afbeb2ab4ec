package io.cairn.dwn.jose;

/**
 * Signs bytes for a JWS, as the SDK's {@code Signer}: {@link #keyId()} is the fully qualified DID URL
 * written as the {@code kid} (the author DID is read from it), {@link #algorithm()} the {@code alg}.
 */
public interface Signer {
    String keyId();

    String algorithm();

    byte[] sign(byte[] content);
}
