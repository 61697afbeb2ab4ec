package io.cairn.dwn.did;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.jose.JsJson;

/**
 * A DID resolution result as @web5/dids returns it. The document is kept as JSON (any JSON value, as a
 * did:web server may serve anything), or null when resolution failed.
 */
public record DidResolutionResult(ObjectNode didResolutionMetadata, JsonNode didDocument, ObjectNode didDocumentMetadata) {
    public static final String CONTEXT = "https://w3id.org/did-resolution/v1";

    public static DidResolutionResult of(JsonNode didDocument) {
        return new DidResolutionResult(JsJson.MAPPER.createObjectNode(), didDocument, JsJson.MAPPER.createObjectNode());
    }

    public static DidResolutionResult of(JsonNode didDocument, ObjectNode didDocumentMetadata) {
        return new DidResolutionResult(JsJson.MAPPER.createObjectNode(), didDocument, didDocumentMetadata);
    }

    /** An error result; a null message leaves {@code errorMessage} out, as the SDK does for some methods. */
    public static DidResolutionResult error(String error, String errorMessage) {
        ObjectNode metadata = JsJson.MAPPER.createObjectNode();
        metadata.put("error", error);
        if (errorMessage != null && !errorMessage.isEmpty()) metadata.put("errorMessage", errorMessage);
        return new DidResolutionResult(metadata, null, JsJson.MAPPER.createObjectNode());
    }

    /** The {@code error} code, or null on success. */
    public String error() {
        JsonNode error = didResolutionMetadata.get("error");
        return error == null || error.isNull() ? null : error.asText();
    }

    public boolean isSuccess() {
        return error() == null;
    }

    /** The whole result, {@code @context} first, as the JS resolver returns it. */
    public ObjectNode toJson() {
        ObjectNode json = JsJson.MAPPER.createObjectNode();
        json.put("@context", CONTEXT);
        json.set("didResolutionMetadata", didResolutionMetadata.deepCopy());
        json.set("didDocument", didDocument == null ? NullNode.instance : didDocument.deepCopy());
        json.set("didDocumentMetadata", didDocumentMetadata.deepCopy());
        return json;
    }
}
