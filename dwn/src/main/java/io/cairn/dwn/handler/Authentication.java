package io.cairn.dwn.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.DwnError;
import io.cairn.dwn.message.RecordsWrite;

/** The SDK's {@code authenticate(authorization)}: every signature of the authorization property is verified. */
public final class Authentication {
    private final SignatureVerifier verifier;

    public Authentication(SignatureVerifier verifier) {
        this.verifier = verifier;
    }

    public void authenticate(JsonNode authorization) {
        if (authorization == null || authorization.isMissingNode()) {
            throw new DwnError("AuthenticateJwsMissing", "Missing JWS.");
        }
        verifier.verifySignatures(authorization.get("signature"));
        if (authorization.has("ownerSignature")) {
            verifier.verifySignatures(authorization.get("ownerSignature"));
        }
        for (String grant : new String[] {"authorDelegatedGrant", "ownerDelegatedGrant"}) {
            if (authorization.has(grant)) {
                RecordsWrite delegatedGrant = RecordsWrite.parse((ObjectNode) authorization.get(grant));
                verifier.verifySignatures(delegatedGrant.message().path("authorization").get("signature"));
            }
        }
    }
}
