package io.cairn.dwn.protocol.tags;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Ajv's {@code validateSchema} of a tag schema against the draft 2020-12 meta-schema, limited to the
 * keywords a protocol's {@code $tags} may hold: the subschemas ({@code items}, {@code contains}) first,
 * then the validation keywords in the meta-schema's order; the first error only.
 */
public final class TagSchemaMetaCheck {
    private static final String[] NUMBERS = {"maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum"};
    private static final String[] NON_NEGATIVE_INTEGERS_BEFORE_PATTERN = {"maxLength", "minLength"};
    private static final String[] NON_NEGATIVE_INTEGERS_AFTER_PATTERN = {"maxItems", "minItems"};

    private TagSchemaMetaCheck() {}

    public static TagSchemaError firstError(JsonNode schema) {
        return firstError(schema, "");
    }

    private static TagSchemaError firstError(JsonNode schema, String path) {
        if (!schema.isObject() && !schema.isBoolean()) {
            return new TagSchemaError(path, "must be object,boolean");
        }
        for (String sub : new String[] {"items", "contains"}) {
            if (schema.has(sub)) {
                TagSchemaError error = firstError(schema.get(sub), path + "/" + sub);
                if (error != null) {
                    return error;
                }
            }
        }
        if (schema.has("enum") && !schema.get("enum").isArray()) {
            return new TagSchemaError(path + "/enum", "must be array");
        }
        if (schema.has("multipleOf")) {
            JsonNode multipleOf = schema.get("multipleOf");
            if (!multipleOf.isNumber()) {
                return new TagSchemaError(path + "/multipleOf", "must be number");
            }
            if (multipleOf.doubleValue() <= 0) {
                return new TagSchemaError(path + "/multipleOf", "must be > 0");
            }
        }
        for (String keyword : NUMBERS) {
            if (schema.has(keyword) && !schema.get(keyword).isNumber()) {
                return new TagSchemaError(path + "/" + keyword, "must be number");
            }
        }
        TagSchemaError error = nonNegativeIntegers(schema, path, NON_NEGATIVE_INTEGERS_BEFORE_PATTERN);
        if (error != null) {
            return error;
        }
        if (schema.has("pattern") && !schema.get("pattern").isTextual()) {
            return new TagSchemaError(path + "/pattern", "must be string");
        }
        error = nonNegativeIntegers(schema, path, NON_NEGATIVE_INTEGERS_AFTER_PATTERN);
        if (error != null) {
            return error;
        }
        if (schema.has("uniqueItems") && !schema.get("uniqueItems").isBoolean()) {
            return new TagSchemaError(path + "/uniqueItems", "must be boolean");
        }
        return nonNegativeIntegers(schema, path, new String[] {"maxContains", "minContains"});
    }

    private static TagSchemaError nonNegativeIntegers(JsonNode schema, String path, String[] keywords) {
        for (String keyword : keywords) {
            JsonNode value = schema.get(keyword);
            if (value == null) {
                continue;
            }
            if (!JsonValues.isInteger(value)) {
                return new TagSchemaError(path + "/" + keyword, "must be integer");
            }
            if (value.doubleValue() < 0) {
                return new TagSchemaError(path + "/" + keyword, "must be >= 0");
            }
        }
        return null;
    }
}
