package io.cairn.dwn.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.jose.Signer;

/** A RecordsRead as dwn-sdk-js's {@code RecordsRead.create}: a filter that selects one record. */
public final class RecordsReadBuilder extends MessageBuilder<RecordsReadBuilder> {
    private final ObjectNode filter;

    public RecordsReadBuilder(ObjectNode filter) {
        this.filter = filter.deepCopy();
    }

    @Override
    public ObjectNode sign(Signer signer) {
        ObjectNode descriptor = descriptor("Records", "Read");
        descriptor.set("filter", RecordsFilters.normalize(filter));
        descriptor.put("messageTimestamp", timestampOrNow());
        return message(descriptor, Authorizations.create(descriptor, signer, delegatedGrant, permissionGrantId, protocolRole));
    }
}
