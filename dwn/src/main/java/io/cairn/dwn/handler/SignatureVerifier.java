package io.cairn.dwn.handler;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Verifies every signature of a General JWS against its signer's DID document, as the SDK's
 * {@code GeneralJwsVerifier.verifySignatures}; a failure is a {@link io.cairn.dwn.DwnError} with the
 * SDK's code and text (e.g. {@code GeneralJwsVerifierInvalidSignature}).
 */
@FunctionalInterface
public interface SignatureVerifier {
    void verifySignatures(JsonNode generalJws);
}
