package io.cairn.dwn.store;

import java.util.Map;

/**
 * The indexes of one message, as dwn-sdk-js's {@code KeyValues}: property name to a value that is a
 * {@link String}, a {@link Number} ({@code Long} or {@code Double}), a {@link Boolean}, or a
 * {@code List} of strings or numbers (a tag with several values). Iteration order is not significant.
 */
public record KeyValues(Map<String, Object> values) {
    public KeyValues {
        values = Map.copyOf(values);
    }

    public Object get(String key) {
        return values.get(key);
    }
}
