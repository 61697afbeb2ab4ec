package io.cairn.dwn.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.jose.Signer;
import io.cairn.dwn.protocol.ProtocolUrls;

/** A ProtocolsQuery as dwn-sdk-js's {@code ProtocolsQuery.create}: every protocol, or one by URL. */
public final class ProtocolsQueryBuilder extends MessageBuilder<ProtocolsQueryBuilder> {
    private String protocol;

    public ProtocolsQueryBuilder protocol(String protocol) {
        this.protocol = protocol;
        return this;
    }

    @Override
    public ObjectNode sign(Signer signer) {
        ObjectNode descriptor = descriptor("Protocols", "Query");
        descriptor.put("messageTimestamp", timestampOrNow());
        if (protocol != null) descriptor.putObject("filter").put("protocol", ProtocolUrls.normalize(protocol));
        return message(descriptor, Authorizations.create(descriptor, signer, null, permissionGrantId, null));
    }
}
