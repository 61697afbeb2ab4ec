package io.cairn.dwn.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.DwnError;
import io.cairn.dwn.store.MessageStore;
import java.util.List;
import java.util.Map;

/** A tenant's protocol definitions and the rule sets inside them. */
public final class ProtocolDefinitions {
    private ProtocolDefinitions() {}

    /**
     * The definition of {@code protocolUri} configured by the tenant, or the built-in permissions protocol.
     *
     * @throws DwnError ProtocolAuthorizationProtocolNotFound
     */
    public static JsonNode fetch(String tenant, String protocolUri, MessageStore store) {
        if (PermissionsProtocol.URI.equals(protocolUri)) {
            return PermissionsProtocol.definitionShared();
        }
        List<ObjectNode> configures = StoreQueries.query(store, tenant,
                Map.of("interface", "Protocols", "method", "Configure", "protocol", protocolUri));
        if (configures.isEmpty()) {
            throw new DwnError("ProtocolAuthorizationProtocolNotFound", "unable to find protocol definition for " + protocolUri);
        }
        return configures.get(0).path("descriptor").path("definition");
    }

    /** The rule set at a protocol path ({@code "thread/participant"}), or null when the structure has none. */
    public static JsonNode ruleSetAt(String protocolPath, JsonNode definition) {
        JsonNode current = definition.path("structure");
        for (String typeName : protocolPath.split("/", -1)) {
            JsonNode next = current.get(typeName);
            if (next == null) {
                return null;
            }
            current = next;
        }
        return current;
    }

    /** @throws DwnError ProtocolAuthorizationMissingRuleSet when the structure has no rule set at the path */
    public static JsonNode ruleSet(String protocolPath, JsonNode definition) {
        JsonNode ruleSet = ruleSetAt(protocolPath, definition);
        if (ruleSet == null) {
            throw new DwnError("ProtocolAuthorizationMissingRuleSet", "No rule set defined for protocolPath " + protocolPath);
        }
        return ruleSet;
    }

    static String typeName(String protocolPath) {
        return protocolPath.substring(protocolPath.lastIndexOf('/') + 1);
    }
}
