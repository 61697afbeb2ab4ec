package io.cairn.dwn.client;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.jose.Signer;

/**
 * A MessagesSubscribe as dwn-sdk-js's {@code MessagesSubscribe.create}. Unlike MessagesQuery, the SDK does
 * not normalize these filters, so neither does this builder: a protocol must already be normalized.
 */
public final class MessagesSubscribeBuilder extends MessageBuilder<MessagesSubscribeBuilder> {
    private final ArrayNode filters = JsonNodeFactory.instance.arrayNode();

    public MessagesSubscribeBuilder filter(ObjectNode filter) {
        filters.add(filter.deepCopy());
        return this;
    }

    @Override
    public ObjectNode sign(Signer signer) {
        ObjectNode descriptor = descriptor("Messages", "Subscribe");
        descriptor.set("filters", filters.deepCopy());
        descriptor.put("messageTimestamp", timestampOrNow());
        return message(descriptor, Authorizations.create(descriptor, signer, null, permissionGrantId, null));
    }
}
