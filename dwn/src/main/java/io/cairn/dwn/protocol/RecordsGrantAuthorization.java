package io.cairn.dwn.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.dwn.DwnError;
import io.cairn.dwn.message.JsText;
import io.cairn.dwn.message.PermissionGrant;
import io.cairn.dwn.store.MessageStore;
import java.util.Objects;

/** Grant-based authorization of Records messages (dwn-sdk-js's {@code RecordsGrantAuthorization}). */
public final class RecordsGrantAuthorization {
    private RecordsGrantAuthorization() {}

    public static void authorizeWrite(JsonNode recordsWrite, String expectedGrantor, String expectedGrantee,
            PermissionGrant grant, MessageStore store) {
        GrantAuthorization.performBaseValidation(recordsWrite, expectedGrantor, expectedGrantee, grant, store);
        verifyScope(recordsWrite, grant.scope());
        verifyConditions(recordsWrite, grant.conditions());
    }

    public static void authorizeRead(JsonNode recordsRead, JsonNode recordsWriteToBeRead, String expectedGrantor,
            String expectedGrantee, PermissionGrant grant, MessageStore store) {
        GrantAuthorization.performBaseValidation(recordsRead, expectedGrantor, expectedGrantee, grant, store);
        verifyScope(recordsWriteToBeRead, grant.scope());
    }

    /** For RecordsQuery and RecordsSubscribe: a grant scoped to a protocol admits only filters on that protocol. */
    public static void authorizeQueryOrSubscribe(JsonNode incoming, String expectedGrantor, String expectedGrantee,
            PermissionGrant grant, MessageStore store) {
        GrantAuthorization.performBaseValidation(incoming, expectedGrantor, expectedGrantee, grant, store);
        JsonNode protocolInGrant = grant.scope().get("protocol");
        JsonNode protocolInMessage = incoming.path("descriptor").path("filter").get("protocol");
        if (protocolInGrant != null && !protocolInGrant.equals(protocolInMessage)) {
            throw new DwnError("RecordsGrantAuthorizationQueryOrSubscribeProtocolScopeMismatch", "Grant protocol scope "
                    + JsText.of(protocolInGrant) + " does not match protocol in message " + JsText.of(protocolInMessage));
        }
    }

    public static void authorizeDelete(JsonNode recordsDelete, JsonNode recordsWriteToDelete, String expectedGrantor,
            String expectedGrantee, PermissionGrant grant, MessageStore store) {
        GrantAuthorization.performBaseValidation(recordsDelete, expectedGrantor, expectedGrantee, grant, store);
        JsonNode protocolInGrant = grant.scope().get("protocol");
        JsonNode protocolOfRecord = recordsWriteToDelete.path("descriptor").get("protocol");
        if (protocolInGrant != null && !protocolInGrant.equals(protocolOfRecord)) {
            throw new DwnError("RecordsGrantAuthorizationDeleteProtocolScopeMismatch", "Grant protocol scope "
                    + JsText.of(protocolInGrant) + " does not match protocol in record to delete " + JsText.of(protocolOfRecord));
        }
    }

    private static void verifyScope(JsonNode recordsWrite, JsonNode scope) {
        JsonNode descriptor = recordsWrite.path("descriptor");
        if (!Objects.equals(scope.get("protocol"), descriptor.get("protocol"))) {
            throw new DwnError("RecordsGrantAuthorizationScopeProtocolMismatch",
                    "Grant scope specifies different protocol than what appears in the record");
        }
        JsonNode contextId = scope.get("contextId");
        if (contextId != null) {
            JsonNode recordContextId = recordsWrite.get("contextId");
            if (recordContextId == null || !recordContextId.asText().startsWith(contextId.asText())) {
                throw new DwnError("RecordsGrantAuthorizationScopeContextIdMismatch",
                        "Grant scope specifies different contextId than what appears in the record");
            }
        }
        JsonNode protocolPath = scope.get("protocolPath");
        if (protocolPath != null && !protocolPath.equals(descriptor.get("protocolPath"))) {
            throw new DwnError("RecordsGrantAuthorizationScopeProtocolPathMismatch",
                    "Grant scope specifies different protocolPath than what appears in the record");
        }
    }

    private static void verifyConditions(JsonNode recordsWrite, JsonNode conditions) {
        String publication = conditions == null ? null : conditions.path("publication").asText(null);
        boolean published = recordsWrite.path("descriptor").path("published").asBoolean(false);
        if ("Required".equals(publication) && !published) {
            throw new DwnError("RecordsGrantAuthorizationConditionPublicationRequired", "Permission grant requires message to be published");
        }
        if ("Prohibited".equals(publication) && published) {
            throw new DwnError("RecordsGrantAuthorizationConditionPublicationProhibited", "Permission grant prohibits message from being published");
        }
    }
}
