package io.cairn.dwn.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.message.Records;
import io.cairn.dwn.store.PaginationCursor;

/**
 * A {@link PaginationCursor} on the wire, {@code {messageCid, value}}, for RecordsQuery pagination and
 * MessagesQuery: the value is a string or a number, read as JavaScript holds it ({@code 1.0} is 1).
 */
public final class Cursors {
    private Cursors() {}

    public static ObjectNode toJson(PaginationCursor cursor) {
        ObjectNode json = JsonNodeFactory.instance.objectNode().put("messageCid", cursor.messageCid());
        switch (cursor.value()) {
            case String s -> json.put("value", s);
            case Long l -> json.put("value", l);
            case Integer i -> json.put("value", i);
            case Number n -> json.put("value", n.doubleValue());
            case null, default -> { }
        }
        return json;
    }

    /** From a message's schema-checked cursor; null when there is none. */
    public static PaginationCursor fromJson(JsonNode cursor) {
        if (cursor == null || cursor.isNull() || cursor.isMissingNode()) return null;
        return new PaginationCursor(cursor.path("messageCid").asText(), Records.indexValue(cursor.get("value")));
    }
}
