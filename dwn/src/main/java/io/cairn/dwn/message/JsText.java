package io.cairn.dwn.message;

import com.fasterxml.jackson.databind.JsonNode;

/** Values interpolated into a reply detail the way a JavaScript template literal prints them. */
public final class JsText {
    private JsText() {}

    /** {@code `${value}`}: "undefined" for an absent value, a number without a trailing ".0". */
    public static String of(Object value) {
        if (value == null) {
            return "undefined";
        }
        if (value instanceof JsonNode node) {
            if (node.isMissingNode()) {
                return "undefined";
            }
            if (node.isNull()) {
                return "null";
            }
            if (node.isTextual()) {
                return node.textValue();
            }
            if (node.isNumber()) {
                return io.cairn.dwn.schema.JsValues.numberText(node);
            }
            if (node.isObject()) {
                return "[object Object]";
            }
            if (node.isArray()) {
                StringBuilder out = new StringBuilder();
                for (int i = 0; i < node.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    JsonNode item = node.get(i);
                    out.append(item.isNull() ? "" : of(item));
                }
                return out.toString();
            }
            return node.asText();
        }
        return value.toString();
    }
}
