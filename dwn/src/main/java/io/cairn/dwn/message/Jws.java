package io.cairn.dwn.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.DwnError;
import io.cairn.dwn.jose.Base64Url;
import io.cairn.dwn.jose.JsJson;

/** The SDK's {@code Jws.decodePlainObjectPayload} and signer DIDs, over the JOSE layer's JavaScript-exact decoding. */
public final class Jws {
    private Jws() {}

    /** The DID part of the entry's {@code kid}, failing as the SDK's {@code Jws.getSignerDid} does. */
    public static String signerDid(JsonNode signatureEntry) {
        return io.cairn.dwn.jose.Jws.getSignerDid(signatureEntry);
    }

    /** The payload as a JSON object, or the SDK's {@code JwsDecodePlainObjectPayloadInvalid}. */
    public static ObjectNode decodePlainObjectPayload(JsonNode jws) {
        JsonNode payload;
        try {
            JsonNode text = jws.get("payload");
            if (text == null || !text.isTextual()) {
                throw new IllegalArgumentException("no payload");
            }
            payload = JsJson.parse(Base64Url.decode(text.textValue()));
        } catch (RuntimeException e) {
            throw new DwnError("JwsDecodePlainObjectPayloadInvalid", "payload is not a JSON object");
        }
        if (!(payload instanceof ObjectNode object)) {
            throw new DwnError("JwsDecodePlainObjectPayloadInvalid", "signed payload must be a plain object");
        }
        return object;
    }

    public static byte[] base64UrlToBytes(String text) {
        return Base64Url.decode(text);
    }

    public static String bytesToBase64Url(byte[] bytes) {
        return Base64Url.encode(bytes);
    }
}
