package io.cairn.dwn.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.dwn.DwnError;
import io.cairn.dwn.protocol.tags.TagSchemaError;
import io.cairn.dwn.protocol.tags.TagSchemaMetaCheck;
import io.cairn.dwn.protocol.tags.TagsRule;
import io.cairn.dwn.schema.JsValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The checks dwn-sdk-js's {@code ProtocolsConfigure.validateProtocolDefinition} makes beyond the JSON schema,
 * in its order and with its errors: normalized protocol and schema URIs, record nesting of at most 10 levels,
 * {@code $size}, {@code $tags} schemas, each action rule, and nested rule sets declared as types.
 */
public final class ProtocolDefinitionRules {
    private static final int MAX_NESTING_DEPTH = 10;
    private static final List<String> READ_ACTIONS = List.of("read", "query", "subscribe");
    private static final Set<String> RECIPIENT_WITHOUT_OF_ACTIONS = Set.of("co-update", "co-delete", "co-prune");

    private ProtocolDefinitionRules() {}

    /** @throws DwnError the first rule the definition breaks */
    public static void validate(JsonNode definition) {
        ProtocolUrls.validateProtocolNormalized(definition.path("protocol").asText());
        JsonNode types = definition.path("types");
        for (String typeName : JsObjects.keys(types)) {
            JsonNode schema = types.get(typeName).get("schema");
            if (schema != null) {
                ProtocolUrls.validateSchemaNormalized(schema.asText());
            }
        }
        List<String> recordTypes = JsObjects.keys(types);
        JsonNode structure = definition.path("structure");
        List<String> roles = rolePaths("", structure, new ArrayList<>());
        validateRuleSet(structure, "", recordTypes, roles);
    }

    private static List<String> rolePaths(String path, JsonNode ruleSet, List<String> roles) {
        if (path.split("/", -1).length > MAX_NESTING_DEPTH) {
            throw new DwnError("ProtocolsConfigureRecordNestingDepthExceeded", "Record nesting depth exceeded 10 levels.");
        }
        for (String recordType : JsObjects.keys(ruleSet)) {
            if (recordType.startsWith("$")) {
                continue;
            }
            JsonNode child = ruleSet.get(recordType);
            String childPath = path.isEmpty() ? recordType : path + "/" + recordType;
            if (child.path("$role").asBoolean(false)) {
                roles.add(childPath);
            } else {
                rolePaths(childPath, child, roles);
            }
        }
        return roles;
    }

    private static void validateRuleSet(JsonNode ruleSet, String path, List<String> recordTypes, List<String> roles) {
        validateSize(ruleSet.get("$size"), path);
        validateTagSchemas(ruleSet.get("$tags"), path);
        JsonNode actions = ruleSet.path("$actions");
        for (int i = 0; i < actions.size(); i++) {
            validateActionRule(actions.get(i), path, roles);
            for (int j = i + 1; j < actions.size(); j++) {
                rejectDuplicate(actions.get(i), actions.get(j));
            }
        }
        for (String recordType : JsObjects.keys(ruleSet)) {
            if (recordType.startsWith("$")) {
                continue;
            }
            if (!recordTypes.contains(recordType)) {
                throw new DwnError("ProtocolsConfigureInvalidRuleSetRecordType",
                        "Rule set " + recordType + " is not declared as an allowed type in the protocol definition.");
            }
            String childPath = path.isEmpty() ? recordType : path + "/" + recordType;
            validateRuleSet(ruleSet.get(recordType), childPath, recordTypes, roles);
        }
    }

    private static void validateSize(JsonNode size, String path) {
        if (size == null) {
            return;
        }
        double min = size.has("min") ? size.get("min").doubleValue() : 0;
        if (size.has("max") && size.get("max").doubleValue() < min) {
            throw new DwnError("ProtocolsConfigureInvalidSize", "Invalid size range found: max limit "
                    + JsValues.numberText(size.get("max")) + " less than min limit " + (size.has("min") ? JsValues.numberText(size.get("min")) : "0")
                    + " at protocol path '" + path + "'");
        }
    }

    private static void validateTagSchemas(JsonNode tags, String path) {
        if (tags == null) {
            return;
        }
        for (String tag : TagsRule.definedTags(tags)) {
            TagSchemaError error = TagSchemaMetaCheck.firstError(tags.get(tag));
            if (error != null) {
                throw new DwnError("ProtocolsConfigureInvalidTagSchema",
                        "tags schema validation error: " + error.text(path + "/$tags/" + tag));
            }
        }
    }

    private static void validateActionRule(JsonNode rule, String path, List<String> roles) {
        JsonNode can = rule.path("can");
        if (rule.has("role")) {
            if (!roles.contains(rule.get("role").asText())) {
                throw new DwnError("ProtocolsConfigureRoleDoesNotExistAtGivenPath",
                        "Role in action " + rule + " for rule set " + path + " does not exist.");
            }
            boolean anyRead = READ_ACTIONS.stream().anyMatch(action -> contains(can, action));
            boolean allRead = READ_ACTIONS.stream().allMatch(action -> contains(can, action));
            if (anyRead && !allRead) {
                throw new DwnError("ProtocolsConfigureRoleReadActionMissing", "Role in action " + rule + " for rule set " + path
                        + " must contain all read actions (" + String.join(", ", READ_ACTIONS) + ").");
            }
        }
        String who = rule.has("who") ? rule.get("who").asText() : null;
        String of = rule.has("of") ? rule.get("of").asText() : null;
        if (ProtocolActor.ANYONE.equals(who) && of != null && !of.isEmpty()) {
            throw new DwnError("ProtocolsConfigureInvalidActionOfNotAllowed",
                    "'of' is not allowed at rule set protocol path (" + path + ")");
        }
        if (ProtocolActor.RECIPIENT.equals(who) && of == null) {
            for (JsonNode action : can) {
                if (!RECIPIENT_WITHOUT_OF_ACTIONS.contains(action.asText())) {
                    throw new DwnError("ProtocolsConfigureInvalidRecipientOfAction", "Rules for `recipient` without `of` property "
                            + "must have `can` containing only `co-update`, `co-delete`, and `co-prune`.");
                }
            }
        }
        if (ProtocolActor.AUTHOR.equals(who) && (of == null || of.isEmpty())) {
            throw new DwnError("ProtocolsConfigureInvalidActionMissingOf", "'of' is required when 'author' is specified as 'who'");
        }
        if (contains(can, "update") && !contains(can, "create")) {
            throw new DwnError("ProtocolsConfigureInvalidActionUpdateWithoutCreate",
                    "Action rule " + rule + " contains 'update' action but missing the required 'create' action.");
        }
        if (contains(can, "delete") && !contains(can, "create")) {
            throw new DwnError("ProtocolsConfigureInvalidActionDeleteWithoutCreate",
                    "Action rule " + rule + " contains 'delete' action but missing the required 'create' action.");
        }
    }

    private static void rejectDuplicate(JsonNode rule, JsonNode other) {
        if (rule.has("who")) {
            if (rule.get("who").equals(other.get("who")) && java.util.Objects.equals(rule.get("of"), other.get("of"))) {
                String of = rule.has("of") ? rule.get("of").asText() : "undefined";
                throw new DwnError("ProtocolsConfigureDuplicateActorInRuleSet", "More than one action rule per actor "
                        + rule.get("who").asText() + " of " + of + " not allowed within a rule set: " + rule);
            }
        } else if (java.util.Objects.equals(rule.get("role"), other.get("role"))) {
            String role = rule.has("role") ? rule.get("role").asText() : "undefined";
            throw new DwnError("ProtocolsConfigureDuplicateRoleInRuleSet",
                    "More than one action rule per role " + role + " not allowed within a rule set: " + rule);
        }
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode element : array) {
            if (element.asText().equals(value)) {
                return true;
            }
        }
        return false;
    }
}
