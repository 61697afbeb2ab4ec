package io.cairn.dwn.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.DwnError;
import io.cairn.dwn.message.JsText;
import io.cairn.dwn.message.Messages;
import io.cairn.dwn.message.PermissionGrant;
import io.cairn.dwn.store.MessageStore;
import java.util.function.BiFunction;

/** Grant-based authorization of MessagesRead, MessagesQuery and MessagesSubscribe (dwn-sdk-js's {@code MessagesGrantAuthorization}). */
public final class MessagesGrantAuthorization {
    private MessagesGrantAuthorization() {}

    /**
     * @param newestRecordsWrite the newest RecordsWrite of a record ID in the tenant's store (the SDK's
     *     {@code RecordsWrite.fetchNewestRecordsWrite}), used when the message read is a RecordsDelete
     */
    public static void authorizeRead(JsonNode messagesRead, JsonNode messageToRead, String expectedGrantor,
            String expectedGrantee, PermissionGrant grant, MessageStore store,
            BiFunction<String, String, ObjectNode> newestRecordsWrite) {
        GrantAuthorization.performBaseValidation(messagesRead, expectedGrantor, expectedGrantee, grant, store);
        verifyScope(expectedGrantor, messageToRead, grant.scope(), store, newestRecordsWrite);
    }

    /** A grant scoped to a protocol admits only queries whose every filter names that protocol. */
    public static void authorizeQueryOrSubscribe(JsonNode incoming, String expectedGrantor, String expectedGrantee,
            PermissionGrant grant, MessageStore store) {
        GrantAuthorization.performBaseValidation(incoming, expectedGrantor, expectedGrantee, grant, store);
        if (PermissionsProtocol.hasProtocolScope(grant.scope())) {
            JsonNode scoped = grant.scope().get("protocol");
            for (JsonNode filter : incoming.path("descriptor").path("filters")) {
                if (!scoped.equals(filter.get("protocol"))) {
                    // the SDK's enum member MessagesGrantAuthorizationMismatchedProtocol carries this older code
                    throw new DwnError("EventsGrantAuthorizationMismatchedProtocol", "The protocol "
                            + JsText.of(filter.get("protocol")) + " does not match the scoped protocol " + JsText.of(scoped));
                }
            }
        }
    }

    private static void verifyScope(String tenant, JsonNode messageToRead, JsonNode scope, MessageStore store,
            BiFunction<String, String, ObjectNode> newestRecordsWrite) {
        JsonNode scopedProtocol = scope.get("protocol");
        if (scopedProtocol == null) {
            return;
        }
        JsonNode descriptor = messageToRead.path("descriptor");
        String dwnInterface = descriptor.path("interface").asText();
        if ("Records".equals(dwnInterface)) {
            JsonNode recordsWrite = Messages.isRecordsWrite(messageToRead)
                    ? messageToRead : newestRecordsWrite.apply(tenant, descriptor.path("recordId").asText());
            JsonNode recordProtocol = recordsWrite.path("descriptor").get("protocol");
            if (scopedProtocol.equals(recordProtocol)) {
                return;
            }
            if (recordProtocol != null && PermissionsProtocol.URI.equals(recordProtocol.asText())) {
                JsonNode permissionScope = PermissionsProtocol.scopeOfPermissionRecord(tenant, store, (ObjectNode) recordsWrite);
                if (PermissionsProtocol.hasProtocolScope(permissionScope) && scopedProtocol.equals(permissionScope.get("protocol"))) {
                    return;
                }
            }
        } else if ("Protocols".equals(dwnInterface)
                && scopedProtocol.equals(descriptor.path("definition").get("protocol"))) {
            return;
        }
        throw new DwnError("MessagesReadVerifyScopeFailed", "record message failed scope authorization");
    }
}
