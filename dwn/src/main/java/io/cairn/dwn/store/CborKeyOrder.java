package io.cairn.dwn.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A copy of a JSON value with object keys in DAG-CBOR's canonical order (UTF-8 length, then bytes): the
 * order of a message the SDK's message store decodes from its CBOR block, which shows wherever the SDK
 * enumerates a stored message's keys.
 */
public final class CborKeyOrder {
    private CborKeyOrder() {}

    public static JsonNode copy(JsonNode node) {
        if (node.isObject()) {
            List<String> keys = new ArrayList<>();
            node.fieldNames().forEachRemaining(keys::add);
            keys.sort(CborKeyOrder::compare);
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            for (String key : keys) {
                out.set(key, copy(node.get(key)));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode(node.size());
            node.forEach(item -> out.add(copy(item)));
            return out;
        }
        return node;
    }

    private static int compare(String a, String b) {
        byte[] x = a.getBytes(StandardCharsets.UTF_8);
        byte[] y = b.getBytes(StandardCharsets.UTF_8);
        if (x.length != y.length) {
            return Integer.compare(x.length, y.length);
        }
        return Arrays.compareUnsigned(x, y);
    }
}
