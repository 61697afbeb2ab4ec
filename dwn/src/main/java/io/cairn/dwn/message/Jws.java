package io.cairn.dwn.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.DwnError;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Reading a General JWS as the SDK's {@code Jws} utilities do: signer DIDs from {@code kid}s, the payload object. */
public final class Jws {
    static final ObjectMapper JSON = new ObjectMapper();

    private Jws() {}

    /** The {@code kid} of a signature entry's protected header. */
    public static String kid(JsonNode signatureEntry) {
        JsonNode protectedHeader = signatureEntry.get("protected");
        if (protectedHeader == null) {
            throw JsErrors.cannotReadUndefined("length");
        }
        JsonNode header = base64UrlToJson(protectedHeader.asText());
        JsonNode kid = header == null ? null : header.get("kid");
        return kid == null || kid.isNull() ? null : kid.asText();
    }

    /** The DID part of the entry's {@code kid} (before {@code #}). */
    public static String signerDid(JsonNode signatureEntry) {
        String kid = kid(signatureEntry);
        if (kid == null) {
            throw new DwnError("JwsDecodePlainObjectPayloadInvalid", "protected header has no kid");
        }
        int hash = kid.indexOf('#');
        return hash < 0 ? kid : kid.substring(0, hash);
    }

    /** The payload as a JSON object, or the SDK's {@code JwsDecodePlainObjectPayloadInvalid}. */
    public static ObjectNode decodePlainObjectPayload(JsonNode jws) {
        JsonNode payload;
        try {
            payload = base64UrlToJson(jws.get("payload").asText());
        } catch (RuntimeException e) {
            throw new DwnError("JwsDecodePlainObjectPayloadInvalid", "payload is not a JSON object");
        }
        if (!(payload instanceof ObjectNode object)) {
            throw new DwnError("JwsDecodePlainObjectPayloadInvalid", "signed payload must be a plain object");
        }
        return object;
    }

    public static byte[] base64UrlToBytes(String text) {
        return Base64.getUrlDecoder().decode(text);
    }

    public static String bytesToBase64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** {@code Encoder.base64UrlToObject}: fails, as JSON.parse does, on empty or malformed text. */
    private static JsonNode base64UrlToJson(String text) {
        try {
            JsonNode parsed = JSON.readTree(new String(base64UrlToBytes(text), StandardCharsets.UTF_8));
            if (parsed == null || parsed.isMissingNode()) {
                throw new IllegalArgumentException("not JSON: empty text");
            }
            return parsed;
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not JSON", e);
        }
    }
}
