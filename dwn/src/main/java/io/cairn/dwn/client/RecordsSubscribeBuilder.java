package io.cairn.dwn.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.jose.Signer;

/** A RecordsSubscribe as dwn-sdk-js's {@code RecordsSubscribe.create}. */
public final class RecordsSubscribeBuilder extends MessageBuilder<RecordsSubscribeBuilder> {
    private final ObjectNode filter;

    public RecordsSubscribeBuilder(ObjectNode filter) {
        this.filter = filter.deepCopy();
    }

    @Override
    public ObjectNode sign(Signer signer) {
        ObjectNode descriptor = descriptor("Records", "Subscribe");
        descriptor.put("messageTimestamp", timestampOrNow());
        descriptor.set("filter", RecordsFilters.normalize(filter));
        return message(descriptor, Authorizations.create(descriptor, signer, delegatedGrant, null, protocolRole));
    }
}
