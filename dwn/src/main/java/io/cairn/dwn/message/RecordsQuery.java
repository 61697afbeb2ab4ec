package io.cairn.dwn.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.DwnError;
import io.cairn.dwn.protocol.ProtocolUrls;

/**
 * RecordsQuery, RecordsSubscribe and RecordsRead parsed as the SDK's {@code parse} methods do: signature
 * structure when signed, delegated-grant integrity, the role and published-sort rules of queries,
 * normalized protocol and schema filters, the timestamp.
 */
public final class RecordsQuery {
    private RecordsQuery() {}

    /** {@code RecordsQuery.parse} (and, with {@code query} false, {@code RecordsSubscribe.parse}). */
    public static AuthoredMessage parseQueryOrSubscribe(ObjectNode message, boolean query) {
        JsonNode descriptor = message.path("descriptor");
        JsonNode filter = descriptor.path("filter");
        if (query && Records.isFalse(filter.get("published"))) {
            String dateSort = Messages.textOrNull(descriptor.get("dateSort"));
            if ("publishedAscending".equals(dateSort) || "publishedDescending".equals(dateSort)) {
                throw new DwnError("RecordsQueryParseFilterPublishedSortInvalid",
                    "queries must not filter for `published:false` and sort by " + dateSort);
            }
        }
        ObjectNode payload = null;
        if (message.has("authorization")) {
            payload = Messages.validateSignatureStructure(message.path("authorization").get("signature"), descriptor);
        }
        Records.validateDelegatedGrantReferentialIntegrity(message, payload, null);
        if (payload != null && payload.has("protocolRole") && !filter.has("protocolPath")) {
            throw new DwnError(query ? "RecordsQueryFilterMissingRequiredProperties" : "RecordsSubscribeFilterMissingRequiredProperties",
                "Role-authorized " + (query ? "queries" : "subscriptions") + " must include `protocolPath` in the filter");
        }
        if (filter.has("protocol")) {
            ProtocolUrls.validateProtocolNormalized(filter.get("protocol").asText());
        }
        if (filter.has("schema")) {
            ProtocolUrls.validateSchemaNormalized(filter.get("schema").asText());
        }
        Timestamps.validate(descriptor.path("messageTimestamp").asText());
        return new AuthoredMessage(message);
    }

    /** {@code RecordsRead.parse} and {@code RecordsDelete.parse}: signature structure, delegated grant, timestamp. */
    public static AuthoredMessage parseReadOrDelete(ObjectNode message) {
        JsonNode descriptor = message.path("descriptor");
        ObjectNode payload = null;
        if (message.has("authorization")) {
            payload = Messages.validateSignatureStructure(message.path("authorization").get("signature"), descriptor);
        }
        Records.validateDelegatedGrantReferentialIntegrity(message, payload, null);
        Timestamps.validate(descriptor.path("messageTimestamp").asText());
        return new AuthoredMessage(message);
    }
}
