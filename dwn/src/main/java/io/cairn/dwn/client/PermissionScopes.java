package io.cairn.dwn.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.DwnError;
import io.cairn.dwn.protocol.ProtocolUrls;
import java.nio.charset.StandardCharsets;

/** What the permission builders share with dwn-sdk-js's {@code PermissionsProtocol}. */
final class PermissionScopes {
    static final String URI = "https://tbd.website/dwn/permissions";

    private PermissionScopes() {}

    /** {@code normalizePermissionScope}: the scope's protocol URL normalized in place of the original. */
    static ObjectNode normalize(ObjectNode scope) {
        ObjectNode copy = scope.deepCopy();
        if (copy.hasNonNull("protocol")) copy.put("protocol", ProtocolUrls.normalize(copy.get("protocol").asText()));
        return copy;
    }

    /** A Records scope must name its protocol; {@code code} is the SDK's code for the grant or the request. */
    static void requireProtocolForRecords(ObjectNode scope, String code, String text) {
        if ("Records".equals(scope.path("interface").asText(null)) && !scope.hasNonNull("protocol")) {
            throw new DwnError(code, text);
        }
    }

    /** {@code tags: {protocol}} when the scope names a protocol (null otherwise). */
    static ObjectNode protocolTag(ObjectNode scope) {
        if (!scope.hasNonNull("protocol")) return null;
        ObjectNode tags = scope.objectNode();
        tags.put("protocol", ProtocolUrls.normalize(scope.get("protocol").asText()));
        return tags;
    }

    /** {@code Encoder.objectToBytes}: JSON.stringify as UTF-8. */
    static byte[] bytes(ObjectNode data) {
        return data.toString().getBytes(StandardCharsets.UTF_8);
    }
}
