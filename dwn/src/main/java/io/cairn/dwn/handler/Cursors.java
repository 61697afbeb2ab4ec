package io.cairn.dwn.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.store.PaginationCursor;

/** A {@link PaginationCursor} on the wire: {@code {messageCid, value}}, the value a string or a number. */
public final class Cursors {
    private Cursors() {}

    public static ObjectNode toJson(PaginationCursor cursor) {
        ObjectNode json = JsonNodeFactory.instance.objectNode().put("messageCid", cursor.messageCid());
        switch (cursor.value()) {
            case Long l -> json.put("value", l);
            case Integer i -> json.put("value", i);
            case Double d -> json.put("value", d);
            case Number n -> json.put("value", n.doubleValue());
            case Object other -> json.put("value", other.toString());
        }
        return json;
    }

    /** From a message's schema-checked cursor. */
    public static PaginationCursor fromJson(JsonNode cursor) {
        JsonNode value = cursor.get("value");
        Object decoded = value.isIntegralNumber() ? (Object) value.asLong() : value.isNumber() ? (Object) value.asDouble() : value.asText();
        return new PaginationCursor(cursor.get("messageCid").asText(), decoded);
    }
}
