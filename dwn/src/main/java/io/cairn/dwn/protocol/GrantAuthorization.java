package io.cairn.dwn.protocol;

import com.fasterxml.jackson.databind.JsonNode;
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
 * The checks every grant-authorized message passes (dwn-sdk-js's {@code GrantAuthorization.performBaseValidation}):
 * the grant is to the author and from the tenant, active at the message's timestamp (granted, not expired,
 * not revoked by then), and scoped to the message's interface and method.
 */
public final class GrantAuthorization {
    private GrantAuthorization() {}

    public static void performBaseValidation(JsonNode incomingMessage, String expectedGrantor, String expectedGrantee,
            PermissionGrant grant, MessageStore store) {
        if (!java.util.Objects.equals(expectedGrantee, grant.grantee())) {
            throw new DwnError("GrantAuthorizationNotGrantedToAuthor", "Permission grant is granted to "
                    + text(grant.grantee()) + ", but need to be granted to " + text(expectedGrantee));
        }
        if (!java.util.Objects.equals(expectedGrantor, grant.grantor())) {
            throw new DwnError("GrantAuthorizationNotGrantedForTenant", "Permission grant is granted by "
                    + text(grant.grantor()) + ", but need to be granted by " + text(expectedGrantor));
        }
        JsonNode descriptor = incomingMessage.path("descriptor");
        verifyGrantActive(expectedGrantor, descriptor.path("messageTimestamp").asText(), grant, store);
        JsonNode scope = grant.scope();
        if (!descriptor.path("interface").equals(scope == null ? null : scope.get("interface"))) {
            throw new DwnError("GrantAuthorizationInterfaceMismatch",
                    "DWN Interface of incoming message is outside the scope of permission grant with ID " + grant.id());
        }
        if (!descriptor.path("method").equals(scope.get("method"))) {
            throw new DwnError("GrantAuthorizationMethodMismatch",
                    "DWN Method of incoming message is outside the scope of permission grant with ID " + grant.id());
        }
    }

    private static void verifyGrantActive(String grantedFor, String timestamp, PermissionGrant grant, MessageStore store) {
        if (grant.dateGranted() != null && timestamp.compareTo(grant.dateGranted()) < 0) {
            throw new DwnError("GrantAuthorizationGrantNotYetActive",
                    "The message has a timestamp before the associated permission grant becomes active");
        }
        if (grant.dateExpires() != null && timestamp.compareTo(grant.dateExpires()) >= 0) {
            throw new DwnError("GrantAuthorizationGrantExpired",
                    "The message has timestamp after the expiry of the associated permission grant");
        }
        Filter revocations = new Filter(Map.of(
                "parentId", new FilterValue.Equal(grant.id()),
                "protocolPath", new FilterValue.Equal(PermissionsProtocol.REVOCATION_PATH),
                "isLatestBaseState", new FilterValue.Equal(true)));
        List<ObjectNode> revokes = store.query(grantedFor, List.of(revocations), null, null).messages();
        ObjectNode oldest = null;
        for (ObjectNode revoke : revokes) {
            if (oldest == null || Messages.isOlder(revoke, oldest)) {
                oldest = revoke;
            }
        }
        if (oldest != null && oldest.path("descriptor").path("messageTimestamp").asText().compareTo(timestamp) <= 0) {
            throw new DwnError("GrantAuthorizationGrantRevoked", "Permission grant with CID " + grant.id() + " has been revoked");
        }
    }

    private static String text(String value) {
        return value == null ? "undefined" : value;
    }
}
