package io.cairn.dwn.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.jose.Signer;

/** A MessagesRead as dwn-sdk-js's {@code MessagesRead.create}: one message by its CID. */
public final class MessagesReadBuilder extends MessageBuilder<MessagesReadBuilder> {
    private final String messageCid;

    public MessagesReadBuilder(String messageCid) {
        this.messageCid = messageCid;
    }

    @Override
    public ObjectNode sign(Signer signer) {
        ObjectNode descriptor = descriptor("Messages", "Read");
        descriptor.put("messageCid", messageCid);
        descriptor.put("messageTimestamp", timestampOrNow());
        return message(descriptor, Authorizations.create(descriptor, signer, null, permissionGrantId, null));
    }
}
