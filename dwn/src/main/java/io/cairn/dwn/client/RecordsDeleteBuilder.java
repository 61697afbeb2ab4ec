package io.cairn.dwn.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.jose.Signer;

/** A RecordsDelete as dwn-sdk-js's {@code RecordsDelete.create}; {@code prune} also deletes descendants. */
public final class RecordsDeleteBuilder extends MessageBuilder<RecordsDeleteBuilder> {
    private final String recordId;
    private boolean prune;

    public RecordsDeleteBuilder(String recordId) {
        this.recordId = recordId;
    }

    public RecordsDeleteBuilder prune(boolean prune) {
        this.prune = prune;
        return this;
    }

    @Override
    public ObjectNode sign(Signer signer) {
        ObjectNode descriptor = descriptor("Records", "Delete");
        descriptor.put("messageTimestamp", timestampOrNow());
        descriptor.put("recordId", recordId);
        descriptor.put("prune", prune);
        return message(descriptor, Authorizations.create(descriptor, signer, delegatedGrant, null, protocolRole));
    }
}
