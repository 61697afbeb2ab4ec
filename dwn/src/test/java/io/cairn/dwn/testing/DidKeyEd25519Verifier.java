package io.cairn.dwn.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.dwn.DwnError;
import io.cairn.dwn.handler.SignatureVerifier;
import io.cairn.dwn.message.Jws;
import io.cairn.multiformats.Multibase;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;

/**
 * Verifies General JWS signatures of did:key Ed25519 signers (the SDK's test personas) with the JDK:
 * the key is the multibase value of the DID itself. A test fixture until the DID resolution and JOSE
 * layer serve the DWN.
 */
public final class DidKeyEd25519Verifier implements SignatureVerifier {
    private static final byte[] ED25519_SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    @Override
    public void verifySignatures(JsonNode jws) {
        String payload = jws.path("payload").asText();
        for (JsonNode entry : jws.path("signatures")) {
            String kid = Jws.kid(entry);
            if (!entry.has("signature")) {
                throw io.cairn.dwn.message.JsErrors.cannotReadUndefined("length");
            }
            String did = kid.split("#", 2)[0];
            byte[] input = (entry.path("protected").asText() + "." + payload).getBytes(StandardCharsets.US_ASCII);
            boolean valid;
            try {
                Signature verifier = Signature.getInstance("Ed25519");
                verifier.initVerify(publicKey(did));
                verifier.update(input);
                valid = verifier.verify(Jws.base64UrlToBytes(entry.path("signature").asText()));
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                valid = false;
            }
            if (!valid) {
                throw new DwnError("GeneralJwsVerifierInvalidSignature", "Signature verification failed for " + did);
            }
        }
    }

    private static PublicKey publicKey(String did) throws GeneralSecurityException {
        if (!did.startsWith("did:key:z6Mk")) {
            throw new GeneralSecurityException("not an Ed25519 did:key: " + did);
        }
        byte[] multicodec = Multibase.decode(did.substring("did:key:".length()));
        byte[] spki = new byte[ED25519_SPKI_PREFIX.length + 32];
        System.arraycopy(ED25519_SPKI_PREFIX, 0, spki, 0, ED25519_SPKI_PREFIX.length);
        System.arraycopy(multicodec, 2, spki, ED25519_SPKI_PREFIX.length, 32);
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
    }
}
