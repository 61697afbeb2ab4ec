package io.cairn.dwn.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.DwnError;
import io.cairn.dwn.message.JsText;
import io.cairn.dwn.handler.GrantAuthorizer;
import io.cairn.dwn.message.PermissionGrant;
import io.cairn.dwn.message.Timestamps;
import io.cairn.dwn.schema.SchemaValidator;
import io.cairn.dwn.store.MessageStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The DWN's first-class permissions protocol: permission requests, grants and their revocations are
 * records of {@value #URI}, whose definition is built in (it is never configured). As dwn-sdk-js's
 * {@code PermissionsProtocol}.
 */
public final class PermissionsProtocol {
    public static final String URI = "https://tbd.website/dwn/permissions";
    public static final String REQUEST_PATH = "request";
    public static final String GRANT_PATH = "grant";
    public static final String REVOCATION_PATH = "grant/revocation";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectNode DEFINITION = loadDefinition();

    private PermissionsProtocol() {}

    /** The built-in definition (a copy). */
    public static ObjectNode definition() {
        return DEFINITION.deepCopy();
    }

    static ObjectNode definitionShared() {
        return DEFINITION;
    }

    /**
     * The grant with record ID {@code permissionGrantId}: its latest RecordsWrite at the {@code grant} path.
     *
     * @throws DwnError GrantAuthorizationGrantMissing when there is none
     */
    public static PermissionGrant fetchGrant(String tenant, MessageStore store, String permissionGrantId) {
        return GrantAuthorizer.fetchGrant(store, tenant, permissionGrantId);
    }

    /** Whether a scope names a protocol ({@code 'protocol' in scope && scope.protocol !== undefined}). */
    public static boolean hasProtocolScope(JsonNode scope) {
        return scope != null && scope.has("protocol") && !scope.get("protocol").isNull();
    }

    /**
     * Validates the data of a request, grant or revocation record against its JSON schema and the rules
     * the schema cannot express.
     */
    public static void validateSchema(ObjectNode recordsWrite, byte[] data) {
        JsonNode dataObject;
        try {
            dataObject = JSON.readTree(new String(data, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw DwnError.uncoded("permission record data is not JSON: " + e.getOriginalMessage());
        }
        String protocolPath = recordsWrite.path("descriptor").path("protocolPath").asText(null);
        if (REQUEST_PATH.equals(protocolPath)) {
            SchemaValidator.sdk().validate("PermissionRequestData", dataObject);
            validateScopeAndTags(dataObject.get("scope"), recordsWrite);
        } else if (GRANT_PATH.equals(protocolPath)) {
            SchemaValidator.sdk().validate("PermissionGrantData", dataObject);
            validateScopeAndTags(dataObject.get("scope"), recordsWrite);
            Timestamps.validate(dataObject.get("dateExpires").asText());
        } else if (REVOCATION_PATH.equals(protocolPath)) {
            SchemaValidator.sdk().validate("PermissionRevocationData", dataObject);
        } else {
            throw new DwnError("PermissionsProtocolValidateSchemaUnexpectedRecord", "Unexpected permission record: " + protocolPath);
        }
    }

    /**
     * Before a revocation is stored: its {@code protocol} tag must equal the protocol of the grant it revokes
     * (both may be absent).
     */
    public static void validateRevocationProtocolTag(String tenant, MessageStore store, ObjectNode revocation) {
        JsonNode descriptor = revocation.path("descriptor");
        PermissionGrant grant = fetchGrant(tenant, store, descriptor.path("parentId").asText(null));
        JsonNode tagProtocol = descriptor.path("tags").get("protocol");
        JsonNode grantProtocol = grant.scope() == null ? null : grant.scope().get("protocol");
        if (!java.util.Objects.equals(tagProtocol, grantProtocol)) {
            throw new DwnError("PermissionsProtocolValidateRevocationProtocolTagMismatch",
                    "Revocation protocol " + JsText.of(tagProtocol) + " does not match grant protocol " + JsText.of(grantProtocol));
        }
    }

    /**
     * The scope of a permission record; for a revocation, the scope of the grant it revokes.
     */
    public static JsonNode scopeOfPermissionRecord(String tenant, MessageStore store, ObjectNode record) {
        JsonNode descriptor = record.path("descriptor");
        if (!URI.equals(descriptor.path("protocol").asText(null))) {
            throw new DwnError("PermissionsProtocolGetScopeInvalidProtocol",
                    "Unexpected permission record: " + JsText.of(descriptor.get("protocol")));
        }
        String protocolPath = descriptor.path("protocolPath").asText(null);
        if (REVOCATION_PATH.equals(protocolPath)) {
            return fetchGrant(tenant, store, descriptor.path("parentId").asText(null)).scope();
        }
        return PermissionGrant.parse(record).scope();
    }

    private static void validateScopeAndTags(JsonNode scope, ObjectNode requestOrGrant) {
        if (hasProtocolScope(scope)) {
            String scopedProtocol = scope.get("protocol").asText();
            ProtocolUrls.validateProtocolNormalized(scopedProtocol);
            JsonNode tags = requestOrGrant.path("descriptor").get("tags");
            if (tags == null || !tags.has("protocol")) {
                throw new DwnError("PermissionsProtocolValidateScopeMissingProtocolTag",
                        "Permission grants must have a `tags` property that contains a protocol tag");
            }
            if (!tags.get("protocol").equals(scope.get("protocol"))) {
                throw new DwnError("PermissionsProtocolValidateScopeProtocolMismatch",
                        "Permission grants must have a scope with a protocol that matches the tagged protocol: " + JsText.of(tags.get("protocol")));
            }
        }
        if (!"Records".equals(scope.path("interface").asText(null))) {
            return;
        }
        if (scope.has("contextId") && scope.has("protocolPath")) {
            throw new DwnError("PermissionsProtocolValidateScopeContextIdProhibitedProperties",
                    "Permission grants cannot have both `contextId` and `protocolPath` present");
        }
    }

    private static ObjectNode loadDefinition() {
        try (InputStream in = PermissionsProtocol.class.getResourceAsStream("permissions-protocol.json")) {
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("the permissions protocol definition resource is missing", e);
        }
    }
}
