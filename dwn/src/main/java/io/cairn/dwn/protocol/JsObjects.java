package io.cairn.dwn.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * JavaScript's property order for a parsed JSON object ({@code for…in}, {@code Object.keys}): keys that are
 * array indexes first, ascending, then the others in insertion order. The SDK's checks run in that order,
 * so the first rule broken, and hence the error reported, depends on it.
 */
public final class JsObjects {
    private JsObjects() {}

    public static List<String> keys(JsonNode object) {
        List<String> indexes = new ArrayList<>();
        List<String> others = new ArrayList<>();
        object.fieldNames().forEachRemaining(key -> (isArrayIndex(key) ? indexes : others).add(key));
        indexes.sort(Comparator.comparingLong(Long::parseLong));
        indexes.addAll(others);
        return indexes;
    }

    private static boolean isArrayIndex(String key) {
        if (key.isEmpty() || key.length() > 10 || (key.length() > 1 && key.charAt(0) == '0')) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            if (key.charAt(i) < '0' || key.charAt(i) > '9') {
                return false;
            }
        }
        return Long.parseLong(key) < 4294967295L;
    }
}
