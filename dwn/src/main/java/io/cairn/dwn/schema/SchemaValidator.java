package io.cairn.dwn.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.dwn.DwnError;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * dwn-sdk-js's {@code validateJsonSchema(schemaName, payload)}: the SDK's schemas (resources under
 * {@code io/cairn/dwn/schema/json-schemas}, see the README there) evaluated as its Ajv-compiled validators
 * do, and the first error turned into the same {@link DwnError} code and text.
 */
public final class SchemaValidator {
    /** The SDK's schema names ({@code build/compile-validators.js}) and their files. */
    private static final Map<String, String> FILES = Map.ofEntries(
        Map.entry("Authorization", "authorization.json"),
        Map.entry("AuthorizationDelegatedGrant", "authorization-delegated-grant.json"),
        Map.entry("AuthorizationOwner", "authorization-owner.json"),
        Map.entry("Definitions", "definitions.json"),
        Map.entry("GeneralJwk", "jwk/general-jwk.json"),
        Map.entry("GeneralJws", "general-jws.json"),
        Map.entry("GenericSignaturePayload", "signature-payloads/generic-signature-payload.json"),
        Map.entry("JwkVerificationMethod", "jwk-verification-method.json"),
        Map.entry("MessagesFilter", "interface-methods/messages-filter.json"),
        Map.entry("MessagesQuery", "interface-methods/messages-query.json"),
        Map.entry("MessagesRead", "interface-methods/messages-read.json"),
        Map.entry("MessagesSubscribe", "interface-methods/messages-subscribe.json"),
        Map.entry("NumberRangeFilter", "interface-methods/number-range-filter.json"),
        Map.entry("PaginationCursor", "interface-methods/pagination-cursor.json"),
        Map.entry("PermissionGrantData", "permissions/permission-grant-data.json"),
        Map.entry("PermissionRequestData", "permissions/permission-request-data.json"),
        Map.entry("PermissionRevocationData", "permissions/permission-revocation-data.json"),
        Map.entry("PermissionsDefinitions", "permissions/permissions-definitions.json"),
        Map.entry("PermissionsScopes", "permissions/scopes.json"),
        Map.entry("ProtocolDefinition", "interface-methods/protocol-definition.json"),
        Map.entry("ProtocolRuleSet", "interface-methods/protocol-rule-set.json"),
        Map.entry("ProtocolsConfigure", "interface-methods/protocols-configure.json"),
        Map.entry("ProtocolsQuery", "interface-methods/protocols-query.json"),
        Map.entry("PublicJwk", "jwk/public-jwk.json"),
        Map.entry("RecordsDelete", "interface-methods/records-delete.json"),
        Map.entry("RecordsFilter", "interface-methods/records-filter.json"),
        Map.entry("RecordsQuery", "interface-methods/records-query.json"),
        Map.entry("RecordsRead", "interface-methods/records-read.json"),
        Map.entry("RecordsSubscribe", "interface-methods/records-subscribe.json"),
        Map.entry("RecordsWrite", "interface-methods/records-write.json"),
        Map.entry("RecordsWriteDataEncoded", "interface-methods/records-write-data-encoded.json"),
        Map.entry("RecordsWriteSignaturePayload", "signature-payloads/records-write-signature-payload.json"),
        Map.entry("RecordsWriteUnidentified", "interface-methods/records-write-unidentified.json"),
        Map.entry("StringRangeFilter", "interface-methods/string-range-filter.json")
    );
    private static final String RESOURCE_ROOT = "/io/cairn/dwn/schema/json-schemas/";
    private static final SchemaValidator SDK = load();

    private final Map<String, JsonNode> byName;
    private final AjvInterpreter interpreter;

    private SchemaValidator(Map<String, JsonNode> byName, Map<String, JsonNode> byId) {
        this.byName = Map.copyOf(byName);
        this.interpreter = new AjvInterpreter(byId);
    }

    /** The validator holding dwn-sdk-js 0.5.2's schemas. */
    public static SchemaValidator sdk() {
        return SDK;
    }

    /** Throws the SDK's {@code SchemaValidator*} error for the first violation; returns when valid. */
    public void validate(String schemaName, JsonNode payload) {
        List<SchemaError> errors = errors(schemaName, payload);
        if (errors.isEmpty()) {
            return;
        }
        SchemaError first = errors.get(0);
        String path = first.instancePath().isEmpty() ? schemaName : first.instancePath();
        switch (first.keyword()) {
            case "additionalProperties" -> throw new DwnError("SchemaValidatorAdditionalPropertyNotAllowed",
                first.message() + ": " + path + ": " + first.property());
            case "unevaluatedProperties" -> throw new DwnError("SchemaValidatorUnevaluatedPropertyNotAllowed",
                first.message() + ": " + path + ": " + first.property());
            default -> throw new DwnError("SchemaValidatorFailure", path + ": " + first.message());
        }
    }

    /** Every error Ajv would list, in its order (empty when valid). */
    public List<SchemaError> errors(String schemaName, JsonNode payload) {
        JsonNode schema = byName.get(schemaName);
        if (schema == null) {
            throw new DwnError("SchemaValidatorSchemaNotFound", "schema for " + schemaName + " not found.");
        }
        return interpreter.validate(schema, payload);
    }

    private static SchemaValidator load() {
        ObjectMapper mapper = new ObjectMapper();
        Map<String, JsonNode> byName = new HashMap<>();
        Map<String, JsonNode> byId = new HashMap<>();
        for (Map.Entry<String, String> file : FILES.entrySet()) {
            try (InputStream in = SchemaValidator.class.getResourceAsStream(RESOURCE_ROOT + file.getValue())) {
                if (in == null) {
                    throw new IllegalStateException("missing schema resource " + file.getValue());
                }
                JsonNode schema = mapper.readTree(in);
                byName.put(file.getKey(), schema);
                byId.put(schema.get("$id").asText(), schema);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new SchemaValidator(byName, byId);
    }
}
