package io.cairn.dwn.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;

/**
 * A permission grant record as the SDK's {@code PermissionGrant.parse} reads it: the RecordsWrite's
 * recordId, signer (grantor), recipient (grantee) and creation date, and the grant data carried in its
 * {@code encodedData}.
 */
public record PermissionGrant(String id, String grantor, String grantee, String dateGranted, JsonNode data, ObjectNode message) {

    public static PermissionGrant parse(ObjectNode dataEncodedRecordsWrite) {
        JsonNode data;
        try {
            byte[] bytes = Jws.base64UrlToBytes(dataEncodedRecordsWrite.path("encodedData").asText());
            data = Jws.JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new io.cairn.dwn.DwnError("PermissionGrantParseInvalidData", "grant data is not JSON: " + e.getMessage());
        }
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
