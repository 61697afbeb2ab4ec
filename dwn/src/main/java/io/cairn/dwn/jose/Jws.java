package io.cairn.dwn.jose;

import io.cairn.dwn.DwnError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.nio.charset.StandardCharsets;

/**
 * The SDK's {@code Jws} helpers over a General JWS held as JSON. A {@code kid} that is not a string
 * fails the way the SDK's {@code kid.split('#')} fails, with JavaScript's TypeError text.
 */
public final class Jws {
    private Jws() {
    }

    /**
     * The {@code kid} of the protected header of a signature entry; {@link MissingNode} when absent.
     * @throws io.cairn.dwn.DwnError when the header is not base64url JSON, with the SDK's text
     */
    public static JsonNode getKid(JsonNode signatureEntry) {
        JsonNode header = JsJson.parse(Base64Url.decode(jsString(signatureEntry.get("protected"))));
        if (header.isNull()) {
            throw DwnError.uncoded("Cannot destructure property 'kid' of 'Encoder.base64UrlToObject(...)' as it is null.");
        }
        JsonNode kid = header.isObject() ? header.get("kid") : null;
        return kid == null ? MissingNode.getInstance() : kid;
    }

    /** The signer DID of a signature entry: its {@code kid} up to the first {@code '#'}. */
    public static String getSignerDid(JsonNode signatureEntry) {
        return extractDid(getKid(signatureEntry));
    }

    /** {@code kid.split('#')[0]}, with the SDK's TypeError when {@code kid} is not a string. */
    public static String extractDid(JsonNode kid) {
        if (kid == null || kid.isMissingNode()) throw DwnError.uncoded("Cannot read properties of undefined (reading 'split')");
        if (kid.isNull()) throw DwnError.uncoded("Cannot read properties of null (reading 'split')");
        if (!kid.isTextual()) throw DwnError.uncoded("kid.split is not a function or its return value is not iterable");
        return extractDid(kid.textValue());
    }

    public static String extractDid(String kid) {
        int hash = kid.indexOf('#');
        return hash < 0 ? kid : kid.substring(0, hash);
    }

    /**
     * Verifies one signature entry over {@code protected + "." + payload} with a public key, as the SDK's
     * {@code Jws.verifySignature}: the algorithm is chosen by the key's {@code crv}.
     */
    public static boolean verifySignature(String base64UrlPayload, JsonNode signatureEntry, PublicJwk publicJwk) {
        SignatureAlgorithm algorithm = SignatureAlgorithms.forCurve(publicJwk.crv());
        if (algorithm == null) {
            throw new io.cairn.dwn.DwnError("JwsVerifySignatureUnsupportedCrv",
                    "unsupported crv. crv must be one of " + SignatureAlgorithms.curveList());
        }
        byte[] signingInput = (jsString(signatureEntry.get("protected")) + "." + base64UrlPayload).getBytes(StandardCharsets.UTF_8);
        byte[] signature = Base64Url.decode(jsString(signatureEntry.get("signature")));
        return algorithm.verify(signingInput, signature, publicJwk);
    }

    /** A member the message schema has already checked to be a string. */
    static String jsString(JsonNode node) {
        if (node == null || node.isMissingNode()) throw DwnError.uncoded("Cannot read properties of undefined (reading 'length')");
        return node.isTextual() ? node.textValue() : node.toString();
    }
}
