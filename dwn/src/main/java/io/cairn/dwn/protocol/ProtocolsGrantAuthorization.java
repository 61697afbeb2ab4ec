package io.cairn.dwn.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.dwn.DwnError;
import io.cairn.dwn.message.JsText;
import io.cairn.dwn.message.PermissionGrant;
import io.cairn.dwn.store.MessageStore;

/** Grant-based authorization of ProtocolsConfigure and ProtocolsQuery (dwn-sdk-js's {@code ProtocolsGrantAuthorization}). */
public final class ProtocolsGrantAuthorization {
    public static final String QUERY_PROTOCOL_SCOPE_MISMATCH = "ProtocolsGrantAuthorizationQueryProtocolScopeMismatch";

    private ProtocolsGrantAuthorization() {}

    public static void authorizeConfigure(JsonNode protocolsConfigure, String expectedGrantor, String expectedGrantee,
            PermissionGrant grant, MessageStore store) {
        GrantAuthorization.performBaseValidation(protocolsConfigure, expectedGrantor, expectedGrantee, grant, store);
        JsonNode scopedProtocol = grant.scope().get("protocol");
        if (scopedProtocol != null
                && !scopedProtocol.equals(protocolsConfigure.path("descriptor").path("definition").get("protocol"))) {
            throw new DwnError("ProtocolsGrantAuthorizationScopeProtocolMismatch",
                    "Grant scope specifies different protocol than what appears in the configure message.");
        }
    }

    public static void authorizeQuery(JsonNode protocolsQuery, String expectedGrantor, String expectedGrantee,
            PermissionGrant grant, MessageStore store) {
        GrantAuthorization.performBaseValidation(protocolsQuery, expectedGrantor, expectedGrantee, grant, store);
        JsonNode protocolInGrant = grant.scope().get("protocol");
        JsonNode protocolInMessage = protocolsQuery.path("descriptor").path("filter").get("protocol");
        if (protocolInGrant != null && !protocolInGrant.equals(protocolInMessage)) {
            throw new DwnError(QUERY_PROTOCOL_SCOPE_MISMATCH, "Grant protocol scope " + JsText.of(protocolInGrant)
                    + " does not match protocol in message " + JsText.of(protocolInMessage));
        }
    }
}
