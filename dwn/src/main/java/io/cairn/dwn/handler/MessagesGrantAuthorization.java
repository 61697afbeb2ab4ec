package io.cairn.dwn.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.DwnError;
import io.cairn.dwn.message.AuthoredMessage;
import io.cairn.dwn.message.Messages;
import io.cairn.dwn.message.PermissionGrant;
import io.cairn.dwn.protocol.GrantAuthorization;
import io.cairn.dwn.protocol.PermissionsProtocol;
import io.cairn.dwn.store.Filter;
import io.cairn.dwn.store.FilterValue;
import io.cairn.dwn.store.MessageStore;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Who may use the Messages interface (the handlers' {@code authorizeMessages*} and dwn-sdk-js's
 * {@code MessagesGrantAuthorization}): the tenant, or an author holding a permission grant from the tenant
 * for this interface and method, whose protocol scope (if any) every filter, or the message read, keeps to.
 */
final class MessagesGrantAuthorization {
    private MessagesGrantAuthorization() {}

    /** MessagesQuery and MessagesSubscribe; {@code failureCode} is the handler's own "failed authorization" code. */
    static void authorizeQueryOrSubscribe(String tenant, AuthoredMessage incoming, MessageStore store, String failureCode) {
        if (Objects.equals(incoming.author(), tenant)) return;
        String grantId = incoming.payloadText("permissionGrantId");
        if (incoming.author() == null || grantId == null) throw new DwnError(failureCode, "message failed authorization");

        PermissionGrant grant = PermissionsProtocol.fetchGrant(tenant, store, grantId);
        GrantAuthorization.performBaseValidation(incoming.message(), tenant, incoming.author(), grant, store);
        if (PermissionsProtocol.hasProtocolScope(grant.scope())) {
            String scoped = grant.scope().get("protocol").asText();
            for (JsonNode filter : incoming.descriptor().path("filters")) {
                String protocol = filter.hasNonNull("protocol") ? filter.get("protocol").asText() : null;
                if (!scoped.equals(protocol)) {
                    throw new DwnError("MessagesGrantAuthorizationMismatchedProtocol",
                            "The protocol " + (protocol == null ? "undefined" : protocol) + " does not match the scoped protocol " + scoped);
                }
            }
        }
    }

    static void authorizeRead(String tenant, AuthoredMessage read, ObjectNode messageToRead, MessageStore store) {
        if (Objects.equals(read.author(), tenant)) return;
        String grantId = read.payloadText("permissionGrantId");
        if (read.author() == null || grantId == null) {
            throw new DwnError("MessagesReadAuthorizationFailed", "protocol message failed authorization");
        }
        PermissionGrant grant = PermissionsProtocol.fetchGrant(tenant, store, grantId);
        GrantAuthorization.performBaseValidation(read.message(), tenant, read.author(), grant, store);
        verifyScope(tenant, messageToRead, grant.scope(), store);
    }

    private static void verifyScope(String tenant, ObjectNode messageToRead, JsonNode scope, MessageStore store) {
        if (!scope.hasNonNull("protocol")) return; // the grant covers every message
        String scoped = scope.get("protocol").asText();
        String messageInterface = Messages.interfaceName(messageToRead);
        if ("Records".equals(messageInterface)) {
            ObjectNode write = Messages.isRecordsWrite(messageToRead) ? messageToRead
                    : newestWrite(tenant, messageToRead.path("descriptor").path("recordId").asText(), store);
            String protocol = write.path("descriptor").path("protocol").asText(null);
            if (scoped.equals(protocol)) return;
            if (PermissionsProtocol.URI.equals(protocol)) {
                JsonNode permissionScope = PermissionsProtocol.scopeOfPermissionRecord(tenant, store, write);
                if (PermissionsProtocol.hasProtocolScope(permissionScope) && scoped.equals(permissionScope.get("protocol").asText())) return;
            }
        } else if ("Protocols".equals(messageInterface)) {
            if (scoped.equals(messageToRead.path("descriptor").path("definition").path("protocol").asText(null))) return;
        }
        throw new DwnError("MessagesReadVerifyScopeFailed", "record message failed scope authorization");
    }

    /** {@code RecordsWrite.fetchNewestRecordsWrite}. */
    private static ObjectNode newestWrite(String tenant, String recordId, MessageStore store) {
        Filter writes = new Filter(Map.of("interface", new FilterValue.Equal("Records"), "method", new FilterValue.Equal("Write"),
                "recordId", new FilterValue.Equal(recordId)));
        ObjectNode newest = Messages.newest(store.query(tenant, List.of(writes), null, null).messages());
        if (newest == null) throw new DwnError("RecordsWriteGetNewestWriteRecordNotFound", "record not found");
        return newest;
    }
}
