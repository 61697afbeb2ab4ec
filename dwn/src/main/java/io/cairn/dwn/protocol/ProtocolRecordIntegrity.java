package io.cairn.dwn.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.DwnError;
import io.cairn.dwn.message.JsText;
import io.cairn.dwn.message.Records;
import io.cairn.dwn.protocol.tags.TagsRule;
import io.cairn.dwn.store.MessageStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a RecordsWrite of a protocol must satisfy whoever writes it (dwn-sdk-js's
 * {@code ProtocolAuthorization.validateReferentialIntegrity}), checked in the SDK's order: a declared type
 * with its schema and data format, a protocol path and context ID that continue the parent's, a recipient
 * given at most one role record per context, the {@code $size} limits and the {@code $tags} rules.
 */
public final class ProtocolRecordIntegrity {
    private ProtocolRecordIntegrity() {}

    /** @throws DwnError the first rule the write breaks */
    public static void validate(String tenant, ObjectNode recordsWrite, MessageStore store) {
        JsonNode descriptor = recordsWrite.path("descriptor");
        JsonNode definition = ProtocolDefinitions.fetch(tenant, descriptor.path("protocol").asText(), store);
        verifyType(descriptor, definition.path("types"));
        verifyProtocolPathAndContextId(tenant, recordsWrite, store);
        JsonNode ruleSet = ProtocolDefinitions.ruleSet(descriptor.path("protocolPath").asText(), definition);
        verifyAsRoleRecordIfNeeded(tenant, recordsWrite, ruleSet, store);
        verifySize(descriptor, ruleSet);
        JsonNode tagsRule = ruleSet.get("$tags");
        if (tagsRule != null && !tagsRule.isNull()) {
            TagsRule.validate(tagsRule, descriptor.get("tags"),
                    descriptor.path("protocol").asText() + "/" + descriptor.path("protocolPath").asText() + "/$tags");
        }
    }

    private static void verifyType(JsonNode descriptor, JsonNode types) {
        String typeName = ProtocolDefinitions.typeName(descriptor.path("protocolPath").asText());
        JsonNode type = types.get(typeName);
        if (type == null) {
            throw new DwnError("ProtocolAuthorizationInvalidType", "record with type " + typeName + " not allowed in protocol");
        }
        JsonNode schema = type.get("schema");
        if (schema != null && !schema.equals(descriptor.get("schema"))) {
            // the SDK's message is a template literal continued over two lines: it keeps the indentation
            throw new DwnError("ProtocolAuthorizationInvalidSchema", "type '" + typeName + "' must have schema '"
                    + JsText.of(schema) + "',         instead has '" + JsText.of(descriptor.get("schema")) + "'");
        }
        JsonNode dataFormats = type.get("dataFormats");
        if (dataFormats != null && !contains(dataFormats, descriptor.get("dataFormat"))) {
            throw new DwnError("ProtocolAuthorizationIncorrectDataFormat", "type '" + typeName + "' must have data format in ("
                    + JsText.of(dataFormats) + "),         instead has '" + JsText.of(descriptor.get("dataFormat")) + "'");
        }
    }

    private static void verifyProtocolPathAndContextId(String tenant, ObjectNode recordsWrite, MessageStore store) {
        JsonNode descriptor = recordsWrite.path("descriptor");
        String declaredPath = descriptor.path("protocolPath").asText();
        String typeName = ProtocolDefinitions.typeName(declaredPath);
        JsonNode parentId = descriptor.get("parentId");
        if (parentId == null) {
            if (!declaredPath.equals(typeName)) {
                throw new DwnError("ProtocolAuthorizationParentlessIncorrectProtocolPath",
                        "Declared protocol path '" + declaredPath + "' is not valid for records with no parent'.");
            }
            return;
        }
        List<ObjectNode> parents = StoreQueries.query(store, tenant, Map.of("isLatestBaseState", true, "interface", "Records",
                "method", "Write", "protocol", descriptor.path("protocol").asText(), "recordId", parentId.asText()));
        ObjectNode parent = parents.isEmpty() ? null : parents.get(0);
        String parentPath = parent == null ? "undefined" : JsText.of(parent.path("descriptor").get("protocolPath"));
        if (!(parentPath + "/" + typeName).equals(declaredPath)) {
            throw new DwnError("ProtocolAuthorizationIncorrectProtocolPath",
                    "Could not find matching parent record to verify declared protocol path '" + declaredPath + "'.");
        }
        if (parent == null) {
            // a declared path of "undefined/…" passes the SDK's comparison, which then reads the missing parent
            throw DwnError.uncoded("Cannot read properties of undefined (reading 'contextId')");
        }
        String expectedContextId = JsText.of(parent.get("contextId")) + "/" + JsText.of(recordsWrite.get("recordId"));
        String actualContextId = JsText.of(recordsWrite.get("contextId"));
        if (!expectedContextId.equals(actualContextId)) {
            throw new DwnError("ProtocolAuthorizationIncorrectContextId",
                    "Declared contextId '" + actualContextId + "' is not the same as expected: '" + expectedContextId + "'.");
        }
    }

    private static void verifyAsRoleRecordIfNeeded(String tenant, ObjectNode recordsWrite, JsonNode ruleSet, MessageStore store) {
        if (!ruleSet.path("$role").asBoolean(false)) {
            return;
        }
        JsonNode descriptor = recordsWrite.path("descriptor");
        JsonNode recipient = descriptor.get("recipient");
        if (recipient == null) {
            throw new DwnError("ProtocolAuthorizationRoleMissingRecipient", "Role records must have a recipient");
        }
        String protocolPath = descriptor.path("protocolPath").asText();
        Map<String, Object> filter = new HashMap<>(Map.of("interface", "Records", "method", "Write", "isLatestBaseState", true,
                "protocol", descriptor.path("protocol").asText(), "protocolPath", protocolPath, "recipient", recipient.asText()));
        String contextId = recordsWrite.path("contextId").asText("");
        String parentContextId = contextId.lastIndexOf('/') < 0 ? "" : contextId.substring(0, contextId.lastIndexOf('/'));
        if (!parentContextId.isEmpty()) {
            filter.put("contextId", Records.prefixRange(parentContextId));
        }
        String recordId = recordsWrite.path("recordId").asText();
        for (ObjectNode match : StoreQueries.query(store, tenant, filter)) {
            if (!recordId.equals(match.path("recordId").asText())) {
                throw new DwnError("ProtocolAuthorizationDuplicateRoleRecipient", "DID '" + recipient.asText()
                        + "' is already recipient of a role record at protocol path '" + protocolPath
                        + " under the parent context " + parentContextId + ".");
            }
        }
    }

    private static void verifySize(JsonNode descriptor, JsonNode ruleSet) {
        JsonNode size = ruleSet.path("$size");
        double dataSize = descriptor.path("dataSize").doubleValue();
        double min = size.has("min") ? size.get("min").doubleValue() : 0;
        if (dataSize < min) {
            throw new DwnError("ProtocolAuthorizationMinSizeInvalid", "data size " + JsText.of(descriptor.get("dataSize"))
                    + " is less than allowed " + (size.has("min") ? JsText.of(size.get("min")) : "0"));
        }
        if (size.has("max") && dataSize > size.get("max").doubleValue()) {
            throw new DwnError("ProtocolAuthorizationMaxSizeInvalid", "data size " + JsText.of(descriptor.get("dataSize"))
                    + " is more than allowed " + JsText.of(size.get("max")));
        }
    }

    private static boolean contains(JsonNode array, JsonNode value) {
        for (JsonNode element : array) {
            if (element.equals(value)) {
                return true;
            }
        }
        return false;
    }
}
