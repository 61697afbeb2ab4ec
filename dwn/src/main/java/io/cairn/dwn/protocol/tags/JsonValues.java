package io.cairn.dwn.protocol.tags;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.dwn.schema.JsNumbers;
import java.util.Iterator;
import java.util.Map;

/** JSON values seen as JavaScript sees them: one number type, deep equality as {@code fast-deep-equal}. */
final class JsonValues {
    private JsonValues() {}

    static boolean isInteger(JsonNode value) {
        return value.isNumber() && (value.isIntegralNumber() || value.doubleValue() % 1 == 0);
    }

    /** Ajv's type names: "integer" is a number with no fraction. */
    static boolean hasType(JsonNode value, String type) {
        return switch (type) {
            case "string" -> value.isTextual();
            case "number" -> value.isNumber();
            case "integer" -> isInteger(value);
            case "boolean" -> value.isBoolean();
            case "array" -> value.isArray();
            case "object" -> value.isObject();
            case "null" -> value.isNull();
            default -> false;
        };
    }

    static boolean deepEquals(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.doubleValue() == b.doubleValue();
        }
        if (a.isArray() && b.isArray()) {
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
        if (a.isObject() && b.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                JsonNode other = b.get(field.getKey());
                if (other == null || !deepEquals(field.getValue(), other)) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    /** The key a JavaScript object gives this value when it is used as a property name. */
    static String propertyKey(JsonNode value) {
        return value.isNumber() ? JsNumbers.format(value.doubleValue()) : value.asText();
    }

    /** Length in code points, as Ajv's {@code ucs2length}. */
    static int length(String text) {
        return text.codePointCount(0, text.length());
    }

    static String pointerSegment(String property) {
        return "/" + property.replace("~", "~0").replace("/", "~1");
    }

    static String number(JsonNode schemaValue) {
        return JsNumbers.format(schemaValue.doubleValue());
    }
}
