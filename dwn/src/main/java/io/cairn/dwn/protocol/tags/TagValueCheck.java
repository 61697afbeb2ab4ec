package io.cairn.dwn.protocol.tags;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.dwn.schema.JsNumbers;
import io.cairn.dwn.schema.JsPatterns;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates one value against one tag schema in Ajv's order, returning the first error: the type (first,
 * unless keywords of that type are present, in which case after {@code enum}/{@code const}), then
 * {@code enum}, {@code const}, the number keywords, the string keywords, and the array keywords
 * ({@code maxItems}, {@code minItems}, {@code items}, {@code contains}, {@code uniqueItems}).
 * Call {@link TagSchemaCompileCheck#check} on the schema first, as Ajv compiles before it validates.
 */
final class TagValueCheck {
    private static final Set<String> NUMBER_KEYWORDS = Set.of("maximum", "minimum", "exclusiveMaximum", "exclusiveMinimum", "multipleOf");
    private static final Set<String> STRING_KEYWORDS = Set.of("maxLength", "minLength", "pattern");
    private static final Set<String> ARRAY_KEYWORDS =
            Set.of("maxItems", "minItems", "items", "contains", "uniqueItems", "maxContains", "minContains");

    private TagValueCheck() {}

    static TagSchemaError firstError(JsonNode schema, JsonNode value, String path) {
        String type = schema.path("type").isTextual() ? schema.get("type").asText() : null;
        boolean typeCheckedInGroup = type != null && groupApplies(schema, type);
        if (type != null && !typeCheckedInGroup && !JsonValues.hasType(value, type)) {
            return new TagSchemaError(path, "must be " + type);
        }
        TagSchemaError error = untypedKeywords(schema, value, path);
        if (error != null) {
            return error;
        }
        if (typeCheckedInGroup && !JsonValues.hasType(value, type)) {
            return new TagSchemaError(path, "must be " + type);
        }
        if (value.isNumber()) {
            error = numberKeywords(schema, value, path);
        } else if (value.isTextual()) {
            error = stringKeywords(schema, value.asText(), path);
        } else if (value.isArray()) {
            error = arrayKeywords(schema, value, path);
        }
        return error;
    }

    private static boolean groupApplies(JsonNode schema, String type) {
        Set<String> keywords = switch (type) {
            case "number" -> NUMBER_KEYWORDS;
            case "string" -> STRING_KEYWORDS;
            case "array" -> ARRAY_KEYWORDS;
            default -> Set.of();
        };
        for (String keyword : keywords) {
            if (schema.has(keyword)) {
                return true;
            }
        }
        return false;
    }

    private static TagSchemaError untypedKeywords(JsonNode schema, JsonNode value, String path) {
        JsonNode allowed = schema.get("enum");
        if (allowed != null && allowed.isArray()) {
            boolean found = false;
            for (JsonNode candidate : allowed) {
                found |= JsonValues.deepEquals(candidate, value);
            }
            if (!found) {
                return new TagSchemaError(path, "must be equal to one of the allowed values");
            }
        }
        if (schema.has("const") && !JsonValues.deepEquals(schema.get("const"), value)) {
            return new TagSchemaError(path, "must be equal to constant");
        }
        return null;
    }

    private static TagSchemaError numberKeywords(JsonNode schema, JsonNode value, String path) {
        double v = value.doubleValue();
        if (schema.has("maximum") && v > schema.get("maximum").doubleValue()) {
            return new TagSchemaError(path, "must be <= " + JsonValues.number(schema.get("maximum")));
        }
        if (schema.has("minimum") && v < schema.get("minimum").doubleValue()) {
            return new TagSchemaError(path, "must be >= " + JsonValues.number(schema.get("minimum")));
        }
        if (schema.has("exclusiveMaximum") && v >= schema.get("exclusiveMaximum").doubleValue()) {
            return new TagSchemaError(path, "must be < " + JsonValues.number(schema.get("exclusiveMaximum")));
        }
        if (schema.has("exclusiveMinimum") && v <= schema.get("exclusiveMinimum").doubleValue()) {
            return new TagSchemaError(path, "must be > " + JsonValues.number(schema.get("exclusiveMinimum")));
        }
        if (schema.has("multipleOf")) {
            double division = v / schema.get("multipleOf").doubleValue();
            if (division != Math.floor(division)) {
                return new TagSchemaError(path, "must be multiple of " + JsonValues.number(schema.get("multipleOf")));
            }
        }
        return null;
    }

    private static TagSchemaError stringKeywords(JsonNode schema, String value, String path) {
        int length = JsonValues.length(value);
        if (schema.has("maxLength") && length > schema.get("maxLength").doubleValue()) {
            return new TagSchemaError(path, "must NOT have more than " + JsonValues.number(schema.get("maxLength")) + " characters");
        }
        if (schema.has("minLength") && length < schema.get("minLength").doubleValue()) {
            return new TagSchemaError(path, "must NOT have fewer than " + JsonValues.number(schema.get("minLength")) + " characters");
        }
        if (schema.has("pattern")) {
            String pattern = schema.get("pattern").asText();
            if (!JsPatterns.compile(pattern).matcher(value).find()) {
                return new TagSchemaError(path, "must match pattern \"" + pattern + "\"");
            }
        }
        return null;
    }

    private static TagSchemaError arrayKeywords(JsonNode schema, JsonNode array, String path) {
        if (schema.has("maxItems") && array.size() > schema.get("maxItems").doubleValue()) {
            return new TagSchemaError(path, "must NOT have more than " + JsonValues.number(schema.get("maxItems")) + " items");
        }
        if (schema.has("minItems") && array.size() < schema.get("minItems").doubleValue()) {
            return new TagSchemaError(path, "must NOT have fewer than " + JsonValues.number(schema.get("minItems")) + " items");
        }
        JsonNode items = schema.get("items");
        if (items != null && items.isObject()) {
            for (int i = 0; i < array.size(); i++) {
                TagSchemaError error = firstError(items, array.get(i), path + "/" + i);
                if (error != null) {
                    return error;
                }
            }
        }
        TagSchemaError error = contains(schema, array, path);
        if (error != null) {
            return error;
        }
        if (schema.path("uniqueItems").asBoolean(false)) {
            return uniqueItems(schema, array, path);
        }
        return null;
    }

    private static TagSchemaError contains(JsonNode schema, JsonNode array, String path) {
        JsonNode contains = schema.get("contains");
        if (contains == null) {
            return null;
        }
        double min = schema.has("minContains") ? schema.get("minContains").doubleValue() : 1;
        Double max = schema.has("maxContains") ? schema.get("maxContains").doubleValue() : null;
        int count = 0;
        for (JsonNode item : array) {
            if (firstError(contains, item, path) == null) {
                count++;
            }
        }
        if (count >= min && (max == null || count <= max)) {
            return null;
        }
        String text = max == null
                ? "must contain at least " + JsNumbers.format(min) + " valid item(s)"
                : "must contain at least " + JsNumbers.format(min) + " and no more than " + JsNumbers.format(max) + " valid item(s)";
        return new TagSchemaError(path, text);
    }

    /** Ajv scans from the end; with a declared scalar item type it keeps a map of the last index per value. */
    private static TagSchemaError uniqueItems(JsonNode schema, JsonNode array, String path) {
        String itemType = schema.path("items").path("type").isTextual() ? schema.get("items").get("type").asText() : null;
        if (itemType != null && !List.of("object", "array").contains(itemType)) {
            Map<String, Integer> indices = new HashMap<>();
            for (int i = array.size() - 1; i >= 0; i--) {
                JsonNode item = array.get(i);
                if (!JsonValues.hasType(item, itemType)) {
                    continue;
                }
                Integer j = indices.get(JsonValues.propertyKey(item));
                if (j != null) {
                    return duplicate(path, i, j);
                }
                indices.put(JsonValues.propertyKey(item), i);
            }
            return null;
        }
        for (int i = array.size() - 1; i >= 0; i--) {
            for (int j = i - 1; j >= 0; j--) {
                if (JsonValues.deepEquals(array.get(i), array.get(j))) {
                    return duplicate(path, i, j);
                }
            }
        }
        return null;
    }

    private static TagSchemaError duplicate(String path, int i, int j) {
        return new TagSchemaError(path, "must NOT have duplicate items (items ## " + j + " and " + i + " are identical)");
    }
}
