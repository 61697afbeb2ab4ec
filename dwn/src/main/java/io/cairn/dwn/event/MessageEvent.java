package io.cairn.dwn.event;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * dwn-sdk-js's {@code MessageEvent}: the message that was stored and, for a RecordsWrite that is not the
 * first of its record or a RecordsDelete, the record's initial write (null otherwise).
 */
public record MessageEvent(ObjectNode message, ObjectNode initialWrite) {
    public MessageEvent {
        Objects.requireNonNull(message, "message");
    }

    public static MessageEvent of(ObjectNode message) {
        return new MessageEvent(message, null);
    }

    /** The event as a subscription handler receives it: {@code {message, initialWrite?}}. */
    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.set("message", message);
        if (initialWrite != null) json.set("initialWrite", initialWrite);
        return json;
    }
}
