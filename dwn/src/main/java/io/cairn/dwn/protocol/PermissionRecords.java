package io.cairn.dwn.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.handler.CoreRecords;
import io.cairn.dwn.store.MessageStore;

/**
 * The extra rules for RecordsWrites of the permissions protocol: data that matches the request, grant or
 * revocation schema, and a revocation whose protocol tag is its grant's protocol. (The SDK's after-store
 * step for revocations queries an index no message has, {@code permissionGrantId}, so it deletes nothing;
 * Cairn does nothing there either.)
 */
public final class PermissionRecords implements CoreRecords {
    private final MessageStore store;

    public PermissionRecords(MessageStore store) {
        this.store = store;
    }

    @Override
    public void beforeStore(String tenant, ObjectNode recordsWrite) {
        if (isPermissionRecord(recordsWrite)
                && PermissionsProtocol.REVOCATION_PATH.equals(recordsWrite.path("descriptor").path("protocolPath").asText())) {
            PermissionsProtocol.validateRevocationProtocolTag(tenant, store, recordsWrite);
        }
    }

    @Override
    public void validateData(ObjectNode recordsWrite, byte[] data) {
        if (isPermissionRecord(recordsWrite)) {
            PermissionsProtocol.validateSchema(recordsWrite, data);
        }
    }

    @Override
    public void afterStore(String tenant, ObjectNode recordsWrite) {}

    private static boolean isPermissionRecord(ObjectNode recordsWrite) {
        return PermissionsProtocol.URI.equals(recordsWrite.path("descriptor").path("protocol").asText(null));
    }
}
