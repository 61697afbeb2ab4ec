package io.cairn.dwn.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.DwnError;
import io.cairn.dwn.message.AuthoredMessage;
import io.cairn.dwn.message.Messages;
import io.cairn.dwn.message.Timestamps;
import io.cairn.dwn.protocol.ProtocolUrls;
import io.cairn.multiformats.Cid;
import java.util.Set;

/**
 * The {@code parse} checks of dwn-sdk-js's MessagesQuery, MessagesSubscribe and MessagesRead, in the SDK's
 * order; each failure is the SDK's {@link DwnError}, which the handler answers with 400.
 */
final class MessagesMessages {
    /** dwn-sdk-js's {@code Cid.parseCid} knows these codecs (dag-pb, raw, dag-cbor) and only sha2-256. */
    private static final Set<Long> CODECS = Set.of(0x70L, 0x55L, 0x71L);
    private static final long SHA2_256 = 0x12;

    private MessagesMessages() {}

    static AuthoredMessage parseQueryOrSubscribe(ObjectNode message, boolean checkTimestamp) {
        Messages.validateJsonSchema(message);
        JsonNode descriptor = message.get("descriptor");
        Messages.validateSignatureStructure(message.path("authorization").get("signature"), descriptor);
        for (JsonNode filter : descriptor.path("filters")) {
            JsonNode protocol = filter.get("protocol");
            if (protocol != null && !protocol.isNull()) ProtocolUrls.validateProtocolNormalized(protocol.asText());
        }
        if (checkTimestamp) Timestamps.validate(descriptor.path("messageTimestamp").asText());
        return new AuthoredMessage(message);
    }

    static AuthoredMessage parseRead(ObjectNode message) {
        Messages.validateJsonSchema(message);
        JsonNode descriptor = message.get("descriptor");
        validateMessageCid(descriptor.path("messageCid").asText());
        Messages.validateSignatureStructure(message.path("authorization").get("signature"), descriptor);
        Timestamps.validate(descriptor.path("messageTimestamp").asText());
        return new AuthoredMessage(message);
    }

    private static void validateMessageCid(String messageCid) {
        boolean valid;
        try {
            // multiformats' CID.parse without a base decoder reads base58btc, base32 and base36 only
            boolean knownBase = messageCid.startsWith("Qm") || messageCid.startsWith("z")
                    || messageCid.startsWith("b") || messageCid.startsWith("k");
            Cid cid = Cid.parse(messageCid);
            valid = knownBase && CODECS.contains(cid.codecCode()) && cid.multihash().code() == SHA2_256;
        } catch (RuntimeException e) {
            valid = false;
        }
        if (!valid) throw new DwnError("MessagesReadInvalidCid", messageCid + " is not a valid CID");
    }
}
