package io.cairn.dwn.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.DwnError;
import io.cairn.dwn.message.AuthoredMessage;
import io.cairn.dwn.store.MessageStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Protocol-based authorization of Records messages, as dwn-sdk-js's {@code ProtocolAuthorization}: the
 * handlers call it for a message that is neither the tenant's, nor owner-retained, nor grant-authorized.
 * Each method loads the definition and the rule set of the record's protocol path, verifies an invoked role,
 * and then requires an action rule that allows the message.
 */
public final class ProtocolAuthorization {
    private ProtocolAuthorization() {}

    /** Rules every write of a protocol record must follow, whoever its author (run before authentication). */
    public static void validateReferentialIntegrity(String tenant, ObjectNode recordsWrite, MessageStore store) {
        ProtocolRecordIntegrity.validate(tenant, recordsWrite, store);
    }

    public static void authorizeWrite(String tenant, AuthoredMessage recordsWrite, MessageStore store) {
        ObjectNode message = recordsWrite.message();
        JsonNode descriptor = message.path("descriptor");
        String recordId = message.path("recordId").asText();
        List<ObjectNode> recordChain = StoreQueries.initialWrite(store, tenant, recordId) == null
                ? recordChain(tenant, descriptor.hasNonNull("parentId") ? descriptor.get("parentId").asText() : null, store)
                : recordChain(tenant, recordId, store);
        JsonNode definition = ProtocolDefinitions.fetch(tenant, descriptor.path("protocol").asText(), store);
        JsonNode ruleSet = ProtocolDefinitions.ruleSet(descriptor.path("protocolPath").asText(), definition);
        ProtocolRoles.verifyInvokedRole(tenant, recordsWrite.payloadText("protocolRole"), recordsWrite.author(),
                descriptor.path("protocol").asText(), textOrNull(message.get("contextId")), definition, store);
        ProtocolActionRules.authorize(tenant, recordsWrite, ruleSet, recordChain, store);
    }

    /** @param newestRecordsWrite the newest RecordsWrite of the record being read */
    public static void authorizeRead(String tenant, AuthoredMessage recordsRead, ObjectNode newestRecordsWrite, MessageStore store) {
        authorizeAgainstRecord(tenant, recordsRead, newestRecordsWrite, newestRecordsWrite.path("recordId").asText(), store);
    }

    /** @param recordsWrite a RecordsWrite of the record being deleted */
    public static void authorizeDelete(String tenant, AuthoredMessage recordsDelete, ObjectNode recordsWrite, MessageStore store) {
        authorizeAgainstRecord(tenant, recordsDelete, recordsWrite, recordsDelete.descriptor().path("recordId").asText(), store);
    }

    /** For a RecordsQuery or RecordsSubscribe that invokes a role, on its filter's protocol and protocol path. */
    public static void authorizeQueryOrSubscribe(String tenant, AuthoredMessage incoming, MessageStore store) {
        JsonNode filter = incoming.descriptor().path("filter");
        String protocol = filter.path("protocol").asText();
        JsonNode definition = ProtocolDefinitions.fetch(tenant, protocol, store);
        JsonNode ruleSet = ProtocolDefinitions.ruleSet(filter.path("protocolPath").asText(), definition);
        ProtocolRoles.verifyInvokedRole(tenant, incoming.payloadText("protocolRole"), incoming.author(), protocol,
                textOrNull(filter.get("contextId")), definition, store);
        ProtocolActionRules.authorize(tenant, incoming, ruleSet, List.of(), store);
    }

    private static void authorizeAgainstRecord(String tenant, AuthoredMessage incoming, ObjectNode recordsWrite,
            String chainRecordId, MessageStore store) {
        List<ObjectNode> recordChain = recordChain(tenant, chainRecordId, store);
        JsonNode descriptor = recordsWrite.path("descriptor");
        JsonNode definition = ProtocolDefinitions.fetch(tenant, descriptor.path("protocol").asText(), store);
        JsonNode ruleSet = ProtocolDefinitions.ruleSet(descriptor.path("protocolPath").asText(), definition);
        ProtocolRoles.verifyInvokedRole(tenant, incoming.payloadText("protocolRole"), incoming.author(),
                descriptor.path("protocol").asText(), textOrNull(recordsWrite.get("contextId")), definition, store);
        ProtocolActionRules.authorize(tenant, incoming, ruleSet, recordChain, store);
    }

    /**
     * The initial writes of the record and its ancestors, root first; empty for no record.
     *
     * @throws DwnError ProtocolAuthorizationParentNotFoundConstructingRecordChain when an ancestor is missing
     */
    static List<ObjectNode> recordChain(String tenant, String descendantRecordId, MessageStore store) {
        List<ObjectNode> chain = new ArrayList<>();
        String current = descendantRecordId;
        while (current != null) {
            ObjectNode initialWrite = StoreQueries.initialWrite(store, tenant, current);
            if (initialWrite == null) {
                throw new DwnError("ProtocolAuthorizationParentNotFoundConstructingRecordChain",
                        "Unexpected error that should never trigger: no parent found with ID " + current + " when constructing record chain.");
            }
            chain.add(initialWrite);
            current = textOrNull(initialWrite.path("descriptor").get("parentId"));
        }
        Collections.reverse(chain);
        return chain;
    }

    private static String textOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }
}
