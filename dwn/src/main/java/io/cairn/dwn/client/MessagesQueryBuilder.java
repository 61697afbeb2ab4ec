package io.cairn.dwn.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.jose.Signer;
import io.cairn.dwn.protocol.ProtocolUrls;

/** A MessagesQuery as dwn-sdk-js's {@code MessagesQuery.create}: event-log filters and a cursor to resume after. */
public final class MessagesQueryBuilder extends MessageBuilder<MessagesQueryBuilder> {
    private final ArrayNode filters = JsonNodeFactory.instance.arrayNode();
    private ObjectNode cursor;

    /** A MessagesFilter: {@code interface}, {@code method}, {@code protocol}, {@code messageTimestamp: {from?, to?}}. */
    public MessagesQueryBuilder filter(ObjectNode filter) {
        filters.add(filter.deepCopy());
        return this;
    }

    /** The {@code cursor} of a previous reply. */
    public MessagesQueryBuilder cursor(ObjectNode cursor) {
        this.cursor = cursor.deepCopy();
        return this;
    }

    @Override
    public ObjectNode sign(Signer signer) {
        ObjectNode descriptor = descriptor("Messages", "Query");
        descriptor.set("filters", normalize(filters));
        descriptor.put("messageTimestamp", timestampOrNow());
        if (cursor != null) descriptor.set("cursor", cursor);
        return message(descriptor, Authorizations.create(descriptor, signer, null, permissionGrantId, null));
    }

    /** {@code Messages.normalizeFilters}: protocol URLs normalized, empty filters dropped. */
    static ArrayNode normalize(ArrayNode filters) {
        ArrayNode normalized = JsonNodeFactory.instance.arrayNode();
        for (JsonNode filter : filters) {
            ObjectNode copy = (ObjectNode) filter.deepCopy();
            if (copy.hasNonNull("protocol")) copy.put("protocol", ProtocolUrls.normalize(copy.get("protocol").asText()));
            if (!copy.isEmpty()) normalized.add(copy);
        }
        return normalized;
    }
}
