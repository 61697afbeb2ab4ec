package io.cairn.node.dwn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.store.CborKeyOrder;
import java.util.List;

/**
 * The key order of the messages in dwn-sdk-js's replies, for bodies that must match dwn-server's byte for
 * byte: its message store keeps each message as DAG-CBOR, so a message read back has its keys, at every
 * depth, in DAG-CBOR's order (shorter UTF-8 first, then bytewise); what a handler attaches after reading
 * ({@code initialWrite}) comes last. The reply around the messages keeps the handler's order.
 */
final class StoredMessageOrder {
    private StoredMessageOrder() {}

    /** A RecordsQuery reply: each entry a stored RecordsWrite with {@code initialWrite} attached last. */
    static ObjectNode recordsQueryReply(ObjectNode reply) {
        ObjectNode out = reply.deepCopy();
        if (out.get("entries") instanceof ArrayNode entries) {
            for (int i = 0; i < entries.size(); i++) entries.set(i, storedWithAttachments(entries.get(i)));
        }
        return out;
    }

    /** A RecordsRead reply: {@code entry.recordsWrite}, {@code recordsDelete}, {@code initialWrite} each a stored message. */
    static ObjectNode recordsReadReply(ObjectNode reply) {
        ObjectNode out = reply.deepCopy();
        if (out.get("entry") instanceof ObjectNode entry) {
            for (String message : List.of("recordsWrite", "recordsDelete", "initialWrite")) {
                if (entry.has(message)) entry.set(message, canonical(entry.get(message)));
            }
        }
        return out;
    }

    /** A stored message (or a list of them), keys in DAG-CBOR order at every depth. */
    static JsonNode canonical(JsonNode node) {
        return CborKeyOrder.copy(node);
    }

    private static JsonNode storedWithAttachments(JsonNode entry) {
        if (!(entry instanceof ObjectNode object) || !object.has("initialWrite")) return canonical(entry);
        ObjectNode stored = object.deepCopy();
        JsonNode initialWrite = stored.remove("initialWrite");
        ObjectNode out = (ObjectNode) canonical(stored);
        out.set("initialWrite", canonical(initialWrite));
        return out;
    }
}
