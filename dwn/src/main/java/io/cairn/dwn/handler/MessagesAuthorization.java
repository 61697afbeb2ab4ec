package io.cairn.dwn.handler;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.DwnError;
import io.cairn.dwn.message.AuthoredMessage;
import io.cairn.dwn.message.Messages;
import io.cairn.dwn.message.PermissionGrant;
import io.cairn.dwn.protocol.MessagesGrantAuthorization;
import io.cairn.dwn.protocol.PermissionsProtocol;
import io.cairn.dwn.store.Filter;
import io.cairn.dwn.store.FilterValue;
import io.cairn.dwn.store.MessageStore;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Who may use the Messages interface (the {@code authorizeMessages*} steps of dwn-sdk-js's Messages
 * handlers): the tenant, or an author who names a permission grant from the tenant, which the
 * protocols module's {@link MessagesGrantAuthorization} then checks.
 */
final class MessagesAuthorization {
    private MessagesAuthorization() {}

    /** MessagesQuery and MessagesSubscribe; {@code failureCode} is the handler's own "failed authorization" code. */
    static void authorizeQueryOrSubscribe(String tenant, AuthoredMessage incoming, MessageStore store, String failureCode) {
        if (Objects.equals(incoming.author(), tenant)) return;
        String grantId = incoming.payloadText("permissionGrantId");
        if (incoming.author() == null || grantId == null) throw new DwnError(failureCode, "message failed authorization");
        PermissionGrant grant = PermissionsProtocol.fetchGrant(tenant, store, grantId);
        MessagesGrantAuthorization.authorizeQueryOrSubscribe(incoming.message(), tenant, incoming.author(), grant, store);
    }

    static void authorizeRead(String tenant, AuthoredMessage read, ObjectNode messageToRead, MessageStore store) {
        if (Objects.equals(read.author(), tenant)) return;
        String grantId = read.payloadText("permissionGrantId");
        if (read.author() == null || grantId == null) {
            throw new DwnError("MessagesReadAuthorizationFailed", "protocol message failed authorization");
        }
        PermissionGrant grant = PermissionsProtocol.fetchGrant(tenant, store, grantId);
        MessagesGrantAuthorization.authorizeRead(read.message(), messageToRead, tenant, read.author(), grant, store,
                (t, recordId) -> newestWrite(t, recordId, store));
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
