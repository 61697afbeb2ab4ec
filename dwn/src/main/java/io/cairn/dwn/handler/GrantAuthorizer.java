package io.cairn.dwn.handler;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.DwnError;
import io.cairn.dwn.message.Messages;
import io.cairn.dwn.message.PermissionGrant;
import io.cairn.dwn.store.Filter;
import io.cairn.dwn.store.FilterValue;
import io.cairn.dwn.store.MessageStore;
import java.util.List;
import java.util.Map;

/**
 * Authorization by permission grants (the SDK's {@code RecordsGrantAuthorization}, grants being records
 * of the permissions protocol); the protocols module implements the scope and condition rules.
 * {@link #fetchGrant} is the SDK's {@code PermissionsProtocol.fetchGrant}.
 */
public interface GrantAuthorizer {
    String PERMISSIONS_PROTOCOL = "https://tbd.website/dwn/permissions";
    String GRANT_PATH = "grant";

    void authorizeWrite(String tenant, ObjectNode recordsWrite, String expectedGrantor, String expectedGrantee, PermissionGrant grant);

    void authorizeRead(String tenant, ObjectNode recordsRead, ObjectNode recordsWriteToBeRead, String expectedGrantor,
                       String expectedGrantee, PermissionGrant grant);

    void authorizeQueryOrSubscribe(String tenant, ObjectNode message, String expectedGrantor, String expectedGrantee, PermissionGrant grant);

    void authorizeDelete(String tenant, ObjectNode recordsDelete, ObjectNode recordsWriteToDelete, String expectedGrantor,
                         String expectedGrantee, PermissionGrant grant);

    /** The newest state of the grant record, or the SDK's {@code GrantAuthorizationGrantMissing}. */
    static PermissionGrant fetchGrant(MessageStore messageStore, String tenant, String permissionGrantId) {
        Filter query = new Filter(Map.of("recordId", new FilterValue.Equal(permissionGrantId), "isLatestBaseState", new FilterValue.Equal(true)));
        List<ObjectNode> messages = messageStore.query(tenant, List.of(query), null, null).messages();
        ObjectNode candidate = messages.isEmpty() ? null : messages.get(0);
        if (candidate == null || !Messages.isRecordsWrite(candidate)
            || !GRANT_PATH.equals(candidate.path("descriptor").path("protocolPath").asText(null))) {
            throw new DwnError("GrantAuthorizationGrantMissing", "Could not find permission grant with record ID " + permissionGrantId + ".");
        }
        return PermissionGrant.parse(candidate);
    }

    /** A DWN without grant rules installed: every grant-based authorization is refused. */
    GrantAuthorizer NONE = new GrantAuthorizer() {
        @Override
        public void authorizeWrite(String tenant, ObjectNode recordsWrite, String grantor, String grantee, PermissionGrant grant) {
            refuse();
        }

        @Override
        public void authorizeRead(String tenant, ObjectNode read, ObjectNode write, String grantor, String grantee, PermissionGrant grant) {
            refuse();
        }

        @Override
        public void authorizeQueryOrSubscribe(String tenant, ObjectNode message, String grantor, String grantee, PermissionGrant grant) {
            refuse();
        }

        @Override
        public void authorizeDelete(String tenant, ObjectNode delete, ObjectNode write, String grantor, String grantee, PermissionGrant grant) {
            refuse();
        }

        private void refuse() {
            throw new DwnError("GrantAuthorizationNotAvailable", "grant-based authorization is not installed in this DWN");
        }
    };
}
