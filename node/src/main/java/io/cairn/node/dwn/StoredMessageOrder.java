package io.cairn.node.dwn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The key order of the messages in dwn-sdk-js's replies, for bodies that must match dwn-server's byte for
 * byte: its message store keeps each message as DAG-CBOR, so a message read back has its keys, at every
 * depth, in DAG-CBOR's order (shorter UTF-8 first, then bytewise); what a handler attaches after reading
 * ({@code initialWrite}) comes last. The reply around the messages keeps the handler's order.
 */
final class StoredMessageOrder {
    private static final Comparator<String> DAG_CBOR = Comparator.<String>comparingInt(k -> utf8(k).length)
            .thenComparing((a, b) -> Arrays.compareUnsigned(utf8(a), utf8(b)));

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
        if (node instanceof ObjectNode object) {
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
            object.fields().forEachRemaining(fields::add);
            fields.sort(Map.Entry.comparingByKey(DAG_CBOR));
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> field : fields) out.set(field.getKey(), canonical(field.getValue()));
            return out;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode(array.size());
            for (JsonNode item : array) out.add(canonical(item));
            return out;
        }
        return node;
    }

    private static JsonNode storedWithAttachments(JsonNode entry) {
        if (!(entry instanceof ObjectNode object) || !object.has("initialWrite")) return canonical(entry);
        ObjectNode stored = object.deepCopy();
        JsonNode initialWrite = stored.remove("initialWrite");
        ObjectNode out = (ObjectNode) canonical(stored);
        out.set("initialWrite", canonical(initialWrite));
        return out;
    }

    private static byte[] utf8(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }
}
