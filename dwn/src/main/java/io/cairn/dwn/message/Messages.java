package io.cairn.dwn.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.DwnError;
import io.cairn.dwn.schema.SchemaValidator;
import java.util.List;

/** The SDK's {@code Message} utilities: CIDs, signer and author, signature structure, age comparison. */
public final class Messages {
    private Messages() {}

    /** {@code Message.getCid}: the CID of the message without {@code encodedData}. */
    public static String cid(JsonNode message) {
        if (message.has("encodedData")) {
            ObjectNode copy = ((ObjectNode) message).deepCopy();
            copy.remove("encodedData");
            return Cids.computeCid(copy);
        }
        return Cids.computeCid(message);
    }

    public static String interfaceName(JsonNode message) {
        return textOrNull(message.path("descriptor").get("interface"));
    }

    public static String method(JsonNode message) {
        return textOrNull(message.path("descriptor").get("method"));
    }

    public static boolean isRecordsWrite(JsonNode message) {
        return "Records".equals(interfaceName(message)) && "Write".equals(method(message));
    }

    /** The DID that signed {@code authorization.signature}; null when unsigned. */
    public static String signer(JsonNode message) {
        JsonNode authorization = message.get("authorization");
        if (authorization == null) {
            return null;
        }
        return Jws.signerDid(authorization.path("signature").path("signatures").path(0));
    }

    /** The logical author: the grantor of an author-delegated grant, else the signer. */
    public static String author(JsonNode message) {
        JsonNode authorization = message.get("authorization");
        if (authorization == null) {
            return null;
        }
        JsonNode delegatedGrant = authorization.get("authorDelegatedGrant");
        return delegatedGrant != null ? signer(delegatedGrant) : signer(message);
    }

    public static boolean isSignedByAuthorDelegate(JsonNode message) {
        return message.path("authorization").has("authorDelegatedGrant");
    }

    public static boolean isSignedByOwnerDelegate(JsonNode message) {
        return message.path("authorization").has("ownerDelegatedGrant");
    }

    /** {@code Message.validateJsonSchema}: the schema named by interface and method. */
    public static void validateJsonSchema(JsonNode message) {
        SchemaValidator.sdk().validate(interfaceName(message) + method(message), message);
    }

    /**
     * {@code Message.validateSignatureStructure}: exactly one signature, a payload object that passes the
     * named schema, and a {@code descriptorCid} equal to the descriptor's CID. The signature itself is not verified.
     */
    public static ObjectNode validateSignatureStructure(JsonNode jws, JsonNode descriptor, String payloadSchema) {
        if (jws == null || jws.isMissingNode()) {
            throw JsErrors.cannotReadUndefined("signatures");
        }
        if (!jws.has("signatures")) {
            throw JsErrors.cannotReadUndefined("length");
        }
        if (jws.path("signatures").size() != 1) {
            throw new DwnError("AuthenticationMoreThanOneSignatureNotSupported", "expected no more than 1 signature for authorization purpose");
        }
        ObjectNode payload = Jws.decodePlainObjectPayload(jws);
        SchemaValidator.sdk().validate(payloadSchema, payload);
        String descriptorCid = textOrNull(payload.get("descriptorCid"));
        String expected = Cids.computeCid(descriptor);
        if (!expected.equals(descriptorCid)) {
            throw new DwnError("AuthenticateDescriptorCidMismatch",
                "provided descriptorCid " + JsText.of(descriptorCid) + " does not match expected CID " + expected);
        }
        return payload;
    }

    public static ObjectNode validateSignatureStructure(JsonNode jws, JsonNode descriptor) {
        return validateSignatureStructure(jws, descriptor, "GenericSignaturePayload");
    }

    /** {@code Message.compareMessageTimestamp}: by {@code messageTimestamp}, then by message CID. */
    public static int compareAge(JsonNode a, JsonNode b) {
        String ta = a.path("descriptor").path("messageTimestamp").asText();
        String tb = b.path("descriptor").path("messageTimestamp").asText();
        int byTime = ta.compareTo(tb);
        if (byTime != 0) {
            return Integer.signum(byTime);
        }
        return Integer.signum(cid(a).compareTo(cid(b)));
    }

    public static boolean isNewer(JsonNode a, JsonNode b) {
        return compareAge(a, b) > 0;
    }

    public static boolean isOlder(JsonNode a, JsonNode b) {
        return compareAge(a, b) < 0;
    }

    /** The newest message (the first of equals wins, as in the SDK); null for an empty list. */
    public static <T extends JsonNode> T newest(List<T> messages) {
        T newest = null;
        for (T message : messages) {
            if (newest == null || isNewer(message, newest)) {
                newest = message;
            }
        }
        return newest;
    }

    public static String textOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }
}
