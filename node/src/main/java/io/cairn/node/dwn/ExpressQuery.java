package io.cairn.node.dwn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.cairn.codec.StrictUtf8;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A query string as dwn-server's GET routes see it: Express's {@code req.query} (qs: {@code &}-separated,
 * {@code +} as space, a repeated key collects its values into an array, a value that does not
 * percent-decode is kept as sent), then folded into nested options by splitting each key on dots
 * ({@code filter.protocolPath=x} → {@code {filter: {protocolPath: "x"}}}), assigning in key order as
 * {@code obj[key] = obj[key] || {}} does. qs's bracket syntax ({@code a[b]=c}) is not mirrored: such a
 * key is taken literally.
 */
final class ExpressQuery {
    private ExpressQuery() {}

    /**
     * Where dwn-server's folding assigns a property on a string (strict-mode JavaScript throws a
     * TypeError, which its handlers answer with 400), or on an array (not mirrored; refused the same way).
     */
    static final class NotAnObject extends RuntimeException {
        NotAnObject(String key) {
            super("cannot set a property of query parameter " + key + ": it is not an object", null, false, false);
        }
    }

    /** {@code req.query}: each key once, in the order of first appearance, with one value or an array of them. */
    static Map<String, JsonNode> parse(String rawQuery) {
        Map<String, JsonNode> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) return params;
        for (String part : rawQuery.split("&")) {
            if (part.isEmpty()) continue;
            int eq = part.indexOf('=');
            String key = decode(eq < 0 ? part : part.substring(0, eq));
            String value = eq < 0 ? "" : decode(part.substring(eq + 1));
            if (key.isEmpty()) continue;
            JsonNode previous = params.get(key);
            if (previous == null) {
                params.put(key, TextNode.valueOf(value));
            } else if (previous.isArray()) {
                ((ArrayNode) previous).add(value);
            } else {
                params.put(key, JsonNodeFactory.instance.arrayNode().add(previous).add(value));
            }
        }
        return params;
    }

    /** The dot-split fold of dwn-server's routes, into {@code root} (modified and returned). */
    static ObjectNode fold(Map<String, JsonNode> params, ObjectNode root) {
        for (Map.Entry<String, JsonNode> param : params.entrySet()) {
            List<String> keys = Arrays.asList(param.getKey().split("\\.", -1));
            JsonNode level = root;
            for (String key : keys.subList(0, keys.size() - 1)) {
                ObjectNode object = asObject(level, param.getKey());
                JsonNode child = object.get(key);
                if (!isTruthy(child)) {
                    child = JsonNodeFactory.instance.objectNode();
                }
                object.set(key, child);
                level = child;
            }
            asObject(level, param.getKey()).set(keys.get(keys.size() - 1), param.getValue());
        }
        return root;
    }

    private static ObjectNode asObject(JsonNode level, String key) {
        if (level instanceof ObjectNode object) return object;
        throw new NotAnObject(key);
    }

    /** Values here are strings, arrays of strings or objects: only the empty string is falsy. */
    private static boolean isTruthy(JsonNode value) {
        return value != null && !(value.isTextual() && value.textValue().isEmpty());
    }

    /** qs's decoder: {@code +} is a space, then decodeURIComponent, or the text unchanged where that throws. */
    private static String decode(String text) {
        String spaced = text.replace('+', ' ');
        String decoded = decodeUriComponent(spaced);
        return decoded == null ? spaced : decoded;
    }

    /** JavaScript's {@code decodeURIComponent}; null where it throws a URIError (a bad escape or bad UTF-8). */
    static String decodeUriComponent(String text) {
        if (text.indexOf('%') < 0) return text;
        StringBuilder out = new StringBuilder(text.length());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '%') {
                out.append(c);
                i++;
                continue;
            }
            bytes.reset();
            while (i < text.length() && text.charAt(i) == '%') {
                if (i + 2 >= text.length()) return null;
                int hi = asciiHexDigit(text.charAt(i + 1));
                int lo = asciiHexDigit(text.charAt(i + 2));
                if (hi < 0 || lo < 0) return null;
                bytes.write(hi << 4 | lo);
                i += 3;
            }
            String run = StrictUtf8.decodeOrNull(bytes.toByteArray());
            if (run == null) return null;
            out.append(run);
        }
        return out.toString();
    }

    private static int asciiHexDigit(char c) {
        return c < 128 ? Character.digit(c, 16) : -1;
    }
}
