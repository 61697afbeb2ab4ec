package io.cairn.dwn.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.handler.GrantAuthorizer;
import io.cairn.dwn.message.PermissionGrant;
import io.cairn.dwn.store.MessageStore;

/** The Records handlers' grant hook, answered by {@link RecordsGrantAuthorization} over one message store. */
public final class PermissionGrants implements GrantAuthorizer {
    private final MessageStore store;

    public PermissionGrants(MessageStore store) {
        this.store = store;
    }

    @Override
    public void authorizeWrite(String tenant, ObjectNode recordsWrite, String expectedGrantor, String expectedGrantee, PermissionGrant grant) {
        RecordsGrantAuthorization.authorizeWrite(recordsWrite, expectedGrantor, expectedGrantee, grant, store);
    }

    @Override
    public void authorizeRead(String tenant, ObjectNode recordsRead, ObjectNode recordsWriteToBeRead, String expectedGrantor,
            String expectedGrantee, PermissionGrant grant) {
        RecordsGrantAuthorization.authorizeRead(recordsRead, recordsWriteToBeRead, expectedGrantor, expectedGrantee, grant, store);
    }

    @Override
    public void authorizeQueryOrSubscribe(String tenant, ObjectNode message, String expectedGrantor, String expectedGrantee,
            PermissionGrant grant) {
        RecordsGrantAuthorization.authorizeQueryOrSubscribe(message, expectedGrantor, expectedGrantee, grant, store);
    }

    @Override
    public void authorizeDelete(String tenant, ObjectNode recordsDelete, ObjectNode recordsWriteToDelete, String expectedGrantor,
            String expectedGrantee, PermissionGrant grant) {
        RecordsGrantAuthorization.authorizeDelete(recordsDelete, recordsWriteToDelete, expectedGrantor, expectedGrantee, grant, store);
    }
}
