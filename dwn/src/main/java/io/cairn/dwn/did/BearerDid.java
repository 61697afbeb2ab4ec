package io.cairn.dwn.did;

import io.cairn.dwn.jose.PrivateJwk;
import io.cairn.dwn.jose.PrivateKeySigner;
import io.cairn.dwn.jose.Signer;

/**
 * A DID together with the private key of one of its verification methods (@web5/dids' {@code BearerDid},
 * reduced to one key): what a client needs to sign DWN messages as that DID. {@code keyId} is the full
 * DID URL of the method, written as the JWS {@code kid}.
 */
public record BearerDid(String uri, String keyId, PrivateJwk privateJwk) {

    public BearerDid {
        if (!keyId.startsWith(uri + "#")) throw new IllegalArgumentException("the key ID " + keyId + " is not a method of " + uri);
    }

    /** A signer whose {@code kid} is {@link #keyId()} and {@code alg} the key's (EdDSA, ES256K, ES256). */
    public Signer signer() {
        return new PrivateKeySigner(privateJwk, keyId);
    }

    @Override
    public String toString() {
        return "BearerDid[" + keyId + "]";
    }
}
