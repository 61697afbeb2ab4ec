package io.cairn.dwn.protocol.tags;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.cairn.dwn.DwnError;
import io.cairn.dwn.protocol.JsObjects;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A rule set's {@code $tags}: the SDK compiles {@code {type: object, properties, required: $requiredTags,
 * additionalProperties: $allowUndefinedTags}} and reports Ajv's first error. In Ajv's order that is a
 * missing required tag, then an undefined tag, then each defined tag in the order the rule declares them.
 */
public final class TagsRule {
    private static final String REQUIRED = "$requiredTags";
    private static final String ALLOW_UNDEFINED = "$allowUndefinedTags";

    private TagsRule() {}

    /**
     * Validates a RecordsWrite's tags ({@code null} when it has none).
     *
     * @throws DwnError ProtocolAuthorizationTagsInvalidSchema with Ajv's text, prefixed by {@code dataVar}
     */
    public static void validate(JsonNode tagsRule, JsonNode tags, String dataVar) {
        List<String> defined = definedTags(tagsRule);
        for (String tag : defined) {
            TagSchemaCompileCheck.check(tagsRule.get(tag));
        }
        JsonNode values = tags == null ? JsonNodeFactory.instance.objectNode() : tags;
        TagSchemaError error = firstError(tagsRule, defined, values);
        if (error != null) {
            throw new DwnError("ProtocolAuthorizationTagsInvalidSchema", "tags schema validation error: " + error.text(dataVar));
        }
    }

    /** The tags a rule declares, in JavaScript's property order. */
    public static List<String> definedTags(JsonNode tagsRule) {
        List<String> defined = new ArrayList<>(JsObjects.keys(tagsRule));
        defined.remove(REQUIRED);
        defined.remove(ALLOW_UNDEFINED);
        return defined;
    }

    private static TagSchemaError firstError(JsonNode tagsRule, List<String> defined, JsonNode values) {
        for (JsonNode required : tagsRule.path(REQUIRED)) {
            if (!values.has(required.asText())) {
                return new TagSchemaError("", "must have required property '" + required.asText() + "'");
            }
        }
        if (!tagsRule.path(ALLOW_UNDEFINED).asBoolean(false)) {
            Set<String> allowed = new HashSet<>(defined);
            for (var names = values.fieldNames(); names.hasNext(); ) {
                if (!allowed.contains(names.next())) {
                    return new TagSchemaError("", "must NOT have additional properties");
                }
            }
        }
        for (String tag : defined) {
            if (values.has(tag)) {
                TagSchemaError error = TagValueCheck.firstError(tagsRule.get(tag), values.get(tag), JsonValues.pointerSegment(tag));
                if (error != null) {
                    return error;
                }
            }
        }
        return null;
    }
}
