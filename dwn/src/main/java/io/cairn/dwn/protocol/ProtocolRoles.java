package io.cairn.dwn.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.dwn.DwnError;
import io.cairn.dwn.message.Records;
import io.cairn.dwn.store.MessageStore;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A message that invokes a protocol role ({@code protocolRole} in its signature payload) must name a
 * {@code $role} rule set, and its author must be the recipient of a live role record at that path, inside
 * the message's context for a role below the root.
 */
final class ProtocolRoles {
    private ProtocolRoles() {}

    static void verifyInvokedRole(String tenant, String protocolRole, String author, String protocolUri, String contextId,
            JsonNode definition, MessageStore store) {
        if (protocolRole == null) {
            return;
        }
        JsonNode roleRuleSet = ProtocolDefinitions.ruleSetAt(protocolRole, definition);
        if (roleRuleSet == null || !truthy(roleRuleSet.get("$role"))) {
            throw new DwnError("ProtocolAuthorizationNotARole", "Protocol path " + protocolRole + " does not match role record type.");
        }
        Map<String, Object> filter = new HashMap<>(Map.of("interface", "Records", "method", "Write", "protocol", protocolUri,
                "protocolPath", protocolRole, "isLatestBaseState", true));
        if (author != null) {
            filter.put("recipient", author);
        }
        int ancestorSegments = protocolRole.split("/", -1).length - 1;
        if (contextId == null && ancestorSegments > 0) {
            throw new DwnError("ProtocolAuthorizationMissingContextId", "Could not verify role because contextId is missing.");
        }
        if (ancestorSegments > 0) {
            String[] segments = contextId.split("/", -1);
            String prefix = String.join("/", Arrays.copyOfRange(segments, 0, Math.min(ancestorSegments, segments.length)));
            filter.put("contextId", Records.prefixRange(prefix));
        }
        if (StoreQueries.query(store, tenant, filter).isEmpty()) {
            throw new DwnError("ProtocolAuthorizationMatchingRoleRecordNotFound",
                    "No matching role record found for protocol path " + protocolRole);
        }
    }

    private static boolean truthy(JsonNode value) {
        if (value == null || value.isNull()) {
            return false;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isNumber()) {
            return value.doubleValue() != 0;
        }
        if (value.isTextual()) {
            return !value.textValue().isEmpty();
        }
        return true;
    }
}
