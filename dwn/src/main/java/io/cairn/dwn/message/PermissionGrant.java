package io.cairn.dwn.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A permission grant record as the SDK's {@code PermissionGrant.parse} reads it: the RecordsWrite's
 * recordId, signer (grantor), recipient (grantee) and creation date, and the grant data carried in its
 * {@code encodedData}.
 */
public record PermissionGrant(String id, String grantor, String grantee, String dateGranted, JsonNode data, ObjectNode message) {

    public static PermissionGrant parse(ObjectNode dataEncodedRecordsWrite) {
        JsonNode encoded = dataEncodedRecordsWrite.get("encodedData");
        if (encoded == null || !encoded.isTextual()) {
            throw JsErrors.cannotReadUndefined("length");
        }
        JsonNode data = io.cairn.dwn.jose.JsJson.parse(Jws.base64UrlToBytes(encoded.textValue()));
        JsonNode descriptor = dataEncodedRecordsWrite.path("descriptor");
        return new PermissionGrant(
            Messages.textOrNull(dataEncodedRecordsWrite.get("recordId")),
            Messages.signer(dataEncodedRecordsWrite),
            Messages.textOrNull(descriptor.get("recipient")),
            Messages.textOrNull(descriptor.get("dateCreated")),
            data, dataEncodedRecordsWrite);
    }

    /** The grant's {@code delegated} flag is exactly {@code true}. */
    public boolean delegated() {
        return data.path("delegated").isBoolean() && data.path("delegated").booleanValue();
    }

    public String dateExpires() {
        return Messages.textOrNull(data.get("dateExpires"));
    }

    public JsonNode scope() {
        return data.get("scope");
    }

    public JsonNode conditions() {
        return data.get("conditions");
    }
}
