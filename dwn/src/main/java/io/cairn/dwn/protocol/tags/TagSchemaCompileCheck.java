package io.cairn.dwn.protocol.tags;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.dwn.DwnError;
import java.util.Set;

/**
 * What Ajv's strict mode refuses while compiling a tag schema, with Ajv's message (the SDK passes that
 * plain error's message on as the reply detail), and the keywords Ajv knows but Cairn does not evaluate.
 */
final class TagSchemaCompileCheck {
    private static final Set<String> EVALUATED = Set.of("type", "enum", "const", "maximum", "minimum", "exclusiveMaximum",
            "exclusiveMinimum", "multipleOf", "maxLength", "minLength", "pattern", "maxItems", "minItems", "items",
            "contains", "uniqueItems", "maxContains", "minContains");
    private static final Set<String> ANNOTATIONS = Set.of("$comment", "title", "description", "default", "examples",
            "deprecated", "readOnly", "writeOnly", "$schema", "$id", "$anchor", "$dynamicAnchor");
    private static final Set<String> KNOWN_TO_AJV = Set.of("$ref", "$defs", "definitions", "$dynamicRef", "$vocabulary",
            "maxProperties", "minProperties", "required", "dependentRequired", "not", "anyOf", "oneOf", "allOf", "if",
            "then", "else", "propertyNames", "additionalProperties", "dependencies", "properties", "patternProperties",
            "prefixItems", "dependentSchemas", "unevaluatedItems", "unevaluatedProperties", "format",
            "contentMediaType", "contentEncoding", "contentSchema", "nullable", "discriminator", "$recursiveRef",
            "$recursiveAnchor", "additionalItems");

    private TagSchemaCompileCheck() {}

    /** Throws what compiling {@code schema} would throw. */
    static void check(JsonNode schema) {
        for (var names = schema.fieldNames(); names.hasNext(); ) {
            String keyword = names.next();
            if (KNOWN_TO_AJV.contains(keyword)) {
                throw new DwnError("ProtocolAuthorizationTagsInvalidSchema",
                        "tag schema keyword '" + keyword + "' is not supported by Cairn");
            }
            if (!EVALUATED.contains(keyword) && !ANNOTATIONS.contains(keyword)) {
                throw new IllegalStateException("strict mode: unknown keyword: \"" + keyword + "\"");
            }
        }
        for (String sub : new String[] {"items", "contains"}) {
            if (schema.path(sub).isObject()) {
                check(schema.get(sub));
            }
        }
        boolean array = !schema.has("type") || "array".equals(schema.path("type").asText());
        if (!array) {
            return;
        }
        if (schema.has("contains")) {
            double min = schema.has("minContains") ? schema.get("minContains").doubleValue() : 1;
            JsonNode max = schema.get("maxContains");
            if (max == null && min == 0) {
                throw new IllegalStateException("strict mode: \"minContains\" == 0 without \"maxContains\": \"contains\" keyword ignored");
            }
            if (max != null && min > max.doubleValue()) {
                throw new IllegalStateException("strict mode: \"minContains\" > \"maxContains\" is always invalid");
            }
        } else {
            for (String keyword : new String[] {"maxContains", "minContains"}) {
                if (schema.has(keyword)) {
                    throw new IllegalStateException("strict mode: \"" + keyword + "\" without \"contains\" is ignored");
                }
            }
        }
    }
}
