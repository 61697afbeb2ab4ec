package io.cairn.dwn.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * JSON values seen the way JavaScript sees them after {@code JSON.parse}: every number is a double
 * (so {@code 1.0} is the integer 1), and an object's keys enumerate integer-like keys first, ascending,
 * then the others in insertion order ({@code for…in} and {@code Object.keys} order).
 */
public final class JsValues {
    private static final long MAX_ARRAY_INDEX = 4_294_967_294L;

    private JsValues() {}

    /** The object's keys in JavaScript enumeration order. */
    public static List<String> keys(JsonNode object) {
        List<String> indexKeys = new ArrayList<>();
        List<String> otherKeys = new ArrayList<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            (isArrayIndex(key) ? indexKeys : otherKeys).add(key);
        }
        if (indexKeys.isEmpty()) {
            return otherKeys;
        }
        indexKeys.sort((a, b) -> Long.compare(Long.parseLong(a), Long.parseLong(b)));
        indexKeys.addAll(otherKeys);
        return indexKeys;
    }

    static boolean isArrayIndex(String key) {
        int n = key.length();
        if (n == 0 || n > 10) {
            return false;
        }
        if (n > 1 && key.charAt(0) == '0') {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = key.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return Long.parseLong(key) <= MAX_ARRAY_INDEX;
    }

    /** JavaScript's {@code typeof x === 'number'} for a JSON value. */
    public static boolean isNumber(JsonNode node) {
        return node != null && node.isNumber();
    }

    /** A number with no fractional part, as JavaScript's {@code Number.isInteger} after JSON.parse. */
    public static boolean isInteger(JsonNode node) {
        if (!isNumber(node)) {
            return false;
        }
        if (node.isIntegralNumber()) {
            return true;
        }
        double d = node.asDouble();
        return !Double.isInfinite(d) && d == Math.rint(d);
    }

    /** Deep equality with numbers compared as doubles, as Ajv's {@code fast-deep-equal} on parsed JSON. */
    public static boolean deepEquals(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.asDouble() == b.asDouble();
        }
        if (a.getNodeType() != b.getNodeType()) {
            return false;
        }
        if (a.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!deepEquals(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode other = b.get(e.getKey());
                if (other == null || !deepEquals(e.getValue(), other)) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    /** A number as JavaScript's {@code String(n)} prints it (integers without a fraction). */
    public static String numberText(JsonNode number) {
        return JsNumbers.format(number.asDouble());
    }
}
