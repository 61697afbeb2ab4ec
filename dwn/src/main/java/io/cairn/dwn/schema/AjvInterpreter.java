package io.cairn.dwn.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Evaluates a draft 2020-12 schema the way Ajv 8's generated code does with {@code allErrors: false}:
 * keywords run in Ajv's rule-group order (keywords for any type, then number, string, array and object
 * keywords, each group in vocabulary order), a schema stops at its first failing keyword, and the
 * composite keywords ({@code anyOf}, {@code oneOf}, {@code contains}) report the errors of their failed
 * branches before their own. The first error of the list is the one the SDK turns into its reply.
 */
final class AjvInterpreter {
    private static final List<String> ANY_TYPE_KEYWORDS = List.of("$ref", "const", "enum", "not", "anyOf", "oneOf", "allOf");
    private static final List<String> NUMBER_KEYWORDS = List.of("maximum", "minimum", "exclusiveMaximum", "exclusiveMinimum", "multipleOf");
    private static final List<String> STRING_KEYWORDS = List.of("maxLength", "minLength", "pattern");
    private static final List<String> ARRAY_KEYWORDS = List.of("maxItems", "minItems", "uniqueItems", "items", "contains");
    private static final List<String> OBJECT_KEYWORDS = List.of("maxProperties", "minProperties", "required", "additionalProperties",
        "dependencies", "properties", "patternProperties", "unevaluatedProperties");
    private static final List<Group> GROUPS = List.of(
        new Group(null, ANY_TYPE_KEYWORDS), new Group("number", NUMBER_KEYWORDS), new Group("string", STRING_KEYWORDS),
        new Group("array", ARRAY_KEYWORDS), new Group("object", OBJECT_KEYWORDS));
    private static final Set<String> UNSUPPORTED = Set.of("if", "then", "else", "prefixItems", "propertyNames", "format",
        "dependentRequired", "dependentSchemas", "unevaluatedItems", "$dynamicRef", "minContains", "maxContains");

    private final Map<String, JsonNode> schemasById;
    private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

    AjvInterpreter(Map<String, JsonNode> schemasById) {
        this.schemasById = Map.copyOf(schemasById);
        for (JsonNode schema : schemasById.values()) {
            rejectUnsupported(schema);
        }
    }

    private record Group(String type, List<String> keywords) {}

    /** The properties a schema evaluated (for {@code unevaluatedProperties}): all of them, or a set of names. */
    private static final class Evaluated {
        boolean all;
        final Set<String> names = new HashSet<>();

        void add(Evaluated other) {
            all |= other.all;
            names.addAll(other.names);
        }

        boolean contains(String name) {
            return all || names.contains(name);
        }
    }

    private record Outcome(List<SchemaError> errors, Evaluated evaluated) {
        boolean valid() {
            return errors.isEmpty();
        }
    }

    List<SchemaError> validate(JsonNode schema, JsonNode data) {
        return evaluate(schema, data, "").errors();
    }

    private Outcome evaluate(JsonNode schema, JsonNode data, String path) {
        Evaluated evaluated = new Evaluated();
        if (schema.isBoolean()) {
            return schema.asBoolean() ? new Outcome(List.of(), evaluated)
                : failed(one(path, "false schema", "boolean schema is false"));
        }
        if (schema.has("$ref") && !hasRulesBesidesRef(schema)) {
            return evaluateRef(schema.get("$ref").asText(), data, path);
        }
        List<String> types = types(schema);
        boolean typeCheckedInGroup = types.size() == 1 && groupHasRules(schema, types.get(0));
        if (!types.isEmpty() && !typeCheckedInGroup && !matchesAnyType(data, types)) {
            return failed(typeError(schema, path));
        }
        for (Group group : GROUPS) {
            if (!usesGroup(schema, group)) {
                continue;
            }
            if (group.type() != null && !isOfGroupType(data, group.type())) {
                if (typeCheckedInGroup && types.get(0).equals(group.type())) {
                    return failed(typeError(schema, path));
                }
                continue;
            }
            for (String keyword : group.keywords()) {
                if (!schema.has(keyword)) {
                    continue;
                }
                List<SchemaError> errors = applyKeyword(keyword, schema, data, path, evaluated);
                if (!errors.isEmpty()) {
                    return new Outcome(errors, evaluated);
                }
            }
        }
        return new Outcome(List.of(), evaluated);
    }

    private List<SchemaError> applyKeyword(String keyword, JsonNode schema, JsonNode data, String path, Evaluated evaluated) {
        JsonNode value = schema.get(keyword);
        switch (keyword) {
            case "$ref" -> {
                Outcome ref = evaluateRef(value.asText(), data, path);
                if (ref.valid()) {
                    evaluated.add(ref.evaluated());
                }
                return ref.errors();
            }
            case "const" -> {
                return JsValues.deepEquals(value, data) ? List.of() : one(path, keyword, "must be equal to constant");
            }
            case "enum" -> {
                for (JsonNode allowed : value) {
                    if (JsValues.deepEquals(allowed, data)) {
                        return List.of();
                    }
                }
                return one(path, keyword, "must be equal to one of the allowed values");
            }
            case "not" -> {
                return evaluate(value, data, path).valid() ? one(path, keyword, "must NOT be valid") : List.of();
            }
            case "anyOf" -> {
                List<SchemaError> branchErrors = new ArrayList<>();
                boolean anyValid = false;
                for (JsonNode branch : value) {
                    Outcome outcome = evaluate(branch, data, path);
                    if (outcome.valid()) {
                        anyValid = true;
                        evaluated.add(outcome.evaluated());
                    } else {
                        branchErrors.addAll(outcome.errors());
                    }
                }
                if (anyValid) {
                    return List.of();
                }
                branchErrors.add(error(path, keyword, "must match a schema in anyOf"));
                return branchErrors;
            }
            case "oneOf" -> {
                List<SchemaError> branchErrors = new ArrayList<>();
                int passing = 0;
                Evaluated passed = null;
                for (JsonNode branch : value) {
                    Outcome outcome = evaluate(branch, data, path);
                    if (outcome.valid()) {
                        passing++;
                        passed = outcome.evaluated();
                    } else {
                        branchErrors.addAll(outcome.errors());
                    }
                }
                if (passing == 1) {
                    evaluated.add(passed);
                    return List.of();
                }
                branchErrors.add(error(path, keyword, "must match exactly one schema in oneOf"));
                return branchErrors;
            }
            case "allOf" -> {
                for (JsonNode branch : value) {
                    Outcome outcome = evaluate(branch, data, path);
                    if (!outcome.valid()) {
                        return outcome.errors();
                    }
                    evaluated.add(outcome.evaluated());
                }
                return List.of();
            }
            case "maximum" -> {
                return data.asDouble() <= value.asDouble() ? List.of() : one(path, keyword, "must be <= " + JsValues.numberText(value));
            }
            case "minimum" -> {
                return data.asDouble() >= value.asDouble() ? List.of() : one(path, keyword, "must be >= " + JsValues.numberText(value));
            }
            case "exclusiveMaximum" -> {
                return data.asDouble() < value.asDouble() ? List.of() : one(path, keyword, "must be < " + JsValues.numberText(value));
            }
            case "exclusiveMinimum" -> {
                return data.asDouble() > value.asDouble() ? List.of() : one(path, keyword, "must be > " + JsValues.numberText(value));
            }
            case "multipleOf" -> {
                double quotient = data.asDouble() / value.asDouble();
                return quotient == Math.rint(quotient) ? List.of() : one(path, keyword, "must be multiple of " + JsValues.numberText(value));
            }
            case "maxLength", "minLength" -> {
                String text = data.asText();
                int length = text.codePointCount(0, text.length());
                boolean max = keyword.equals("maxLength");
                boolean ok = max ? length <= value.asInt() : length >= value.asInt();
                return ok ? List.of() : one(path, keyword, "must NOT have " + (max ? "more" : "fewer") + " than " + value.asInt() + " characters");
            }
            case "pattern" -> {
                return pattern(value.asText()).matcher(data.asText()).find() ? List.of()
                    : one(path, keyword, "must match pattern \"" + value.asText() + "\"");
            }
            case "maxItems", "minItems" -> {
                boolean max = keyword.equals("maxItems");
                boolean ok = max ? data.size() <= value.asInt() : data.size() >= value.asInt();
                return ok ? List.of() : one(path, keyword, "must NOT have " + (max ? "more" : "fewer") + " than " + value.asInt() + " items");
            }
            case "uniqueItems" -> {
                if (!value.asBoolean()) {
                    return List.of();
                }
                for (int i = data.size() - 1; i > 0; i--) {
                    for (int j = i - 1; j >= 0; j--) {
                        if (JsValues.deepEquals(data.get(i), data.get(j))) {
                            return one(path, keyword, "must NOT have duplicate items (items ## " + j + " and " + i + " are identical)");
                        }
                    }
                }
                return List.of();
            }
            case "items" -> {
                for (int i = 0; i < data.size(); i++) {
                    Outcome outcome = evaluate(value, data.get(i), path + "/" + i);
                    if (!outcome.valid()) {
                        return outcome.errors();
                    }
                }
                return List.of();
            }
            case "contains" -> {
                List<SchemaError> itemErrors = new ArrayList<>();
                for (int i = 0; i < data.size(); i++) {
                    Outcome outcome = evaluate(value, data.get(i), path + "/" + i);
                    if (outcome.valid()) {
                        return List.of();
                    }
                    itemErrors.addAll(outcome.errors());
                }
                itemErrors.add(error(path, keyword, "must contain at least 1 valid item(s)"));
                return itemErrors;
            }
            case "maxProperties", "minProperties" -> {
                boolean max = keyword.equals("maxProperties");
                boolean ok = max ? data.size() <= value.asInt() : data.size() >= value.asInt();
                return ok ? List.of() : one(path, keyword, "must NOT have " + (max ? "more" : "fewer") + " than " + value.asInt() + " properties");
            }
            case "required" -> {
                for (JsonNode name : value) {
                    if (!data.has(name.asText())) {
                        return one(path, keyword, "must have required property '" + name.asText() + "'");
                    }
                }
                return List.of();
            }
            case "additionalProperties" -> {
                evaluated.all = true;
                for (String key : JsValues.keys(data)) {
                    if (isDeclared(schema, key)) {
                        continue;
                    }
                    if (value.isBoolean() && !value.asBoolean()) {
                        return List.of(new SchemaError(path, keyword, "must NOT have additional properties", key));
                    }
                    Outcome outcome = evaluate(value, data.get(key), path + "/" + pointerEscape(key));
                    if (!outcome.valid()) {
                        return outcome.errors();
                    }
                }
                return List.of();
            }
            case "dependencies" -> {
                return dependencies(value, data, path, evaluated);
            }
            case "properties" -> {
                for (String name : iterable(value.fieldNames())) {
                    evaluated.names.add(name);
                }
                for (String name : iterable(value.fieldNames())) {
                    JsonNode property = data.get(name);
                    if (property == null) {
                        continue;
                    }
                    Outcome outcome = evaluate(value.get(name), property, path + "/" + pointerEscape(name));
                    if (!outcome.valid()) {
                        return outcome.errors();
                    }
                }
                return List.of();
            }
            case "patternProperties" -> {
                for (String regex : iterable(value.fieldNames())) {
                    Pattern compiled = pattern(regex);
                    for (String key : JsValues.keys(data)) {
                        if (!compiled.matcher(key).find()) {
                            continue;
                        }
                        evaluated.names.add(key);
                        Outcome outcome = evaluate(value.get(regex), data.get(key), path + "/" + pointerEscape(key));
                        if (!outcome.valid()) {
                            return outcome.errors();
                        }
                    }
                }
                return List.of();
            }
            case "unevaluatedProperties" -> {
                for (String key : JsValues.keys(data)) {
                    if (evaluated.contains(key)) {
                        continue;
                    }
                    if (value.isBoolean() && !value.asBoolean()) {
                        return List.of(new SchemaError(path, keyword, "must NOT have unevaluated properties", key));
                    }
                    Outcome outcome = evaluate(value, data.get(key), path + "/" + pointerEscape(key));
                    if (!outcome.valid()) {
                        return outcome.errors();
                    }
                }
                evaluated.all = true;
                return List.of();
            }
            default -> throw new IllegalStateException("keyword without an implementation: " + keyword);
        }
    }

    private List<SchemaError> dependencies(JsonNode dependencies, JsonNode data, String path, Evaluated evaluated) {
        for (String property : iterable(dependencies.fieldNames())) {
            JsonNode required = dependencies.get(property);
            if (!required.isArray() || required.isEmpty() || !data.has(property)) {
                continue;
            }
            for (JsonNode dependency : required) {
                if (!data.has(dependency.asText())) {
                    List<String> names = new ArrayList<>();
                    required.forEach(n -> names.add(n.asText()));
                    String noun = names.size() == 1 ? "property" : "properties";
                    return one(path, "dependencies",
                        "must have " + noun + " " + String.join(", ", names) + " when property " + property + " is present");
                }
            }
        }
        for (String property : iterable(dependencies.fieldNames())) {
            JsonNode subschema = dependencies.get(property);
            if (subschema.isArray() || !data.has(property)) {
                continue;
            }
            Outcome outcome = evaluate(subschema, data, path);
            if (!outcome.valid()) {
                return outcome.errors();
            }
            evaluated.add(outcome.evaluated());
        }
        return List.of();
    }

    private Outcome evaluateRef(String ref, JsonNode data, String path) {
        return evaluate(resolve(ref), data, path);
    }

    private JsonNode resolve(String ref) {
        int hash = ref.indexOf('#');
        String id = hash < 0 ? ref : ref.substring(0, hash);
        JsonNode root = schemasById.get(id);
        if (root == null) {
            throw new IllegalStateException("unknown schema " + id);
        }
        if (hash < 0 || hash == ref.length() - 1) {
            return root;
        }
        JsonNode target = root.at(ref.substring(hash + 1));
        if (target.isMissingNode()) {
            throw new IllegalStateException("unresolvable $ref " + ref);
        }
        return target;
    }

    private static boolean hasRulesBesidesRef(JsonNode schema) {
        for (String key : iterable(schema.fieldNames())) {
            if (!key.equals("$ref") && isRuleKeyword(key)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isRuleKeyword(String key) {
        if (key.equals("type")) {
            return true;
        }
        for (Group group : GROUPS) {
            if (group.keywords().contains(key)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> types(JsonNode schema) {
        JsonNode type = schema.get("type");
        if (type == null) {
            return List.of();
        }
        if (type.isArray()) {
            List<String> types = new ArrayList<>();
            type.forEach(t -> types.add(t.asText()));
            return types;
        }
        return List.of(type.asText());
    }

    private static boolean groupHasRules(JsonNode schema, String type) {
        for (Group group : GROUPS) {
            if (type.equals(group.type())) {
                return usesGroup(schema, group);
            }
        }
        return false;
    }

    private static boolean usesGroup(JsonNode schema, Group group) {
        for (String keyword : group.keywords()) {
            if (schema.has(keyword)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isOfGroupType(JsonNode data, String type) {
        return switch (type) {
            case "number" -> data.isNumber();
            case "string" -> data.isTextual();
            case "array" -> data.isArray();
            case "object" -> data.isObject();
            default -> false;
        };
    }

    private static boolean matchesAnyType(JsonNode data, List<String> types) {
        for (String type : types) {
            boolean matches = switch (type) {
                case "integer" -> JsValues.isInteger(data);
                case "number" -> data.isNumber();
                case "string" -> data.isTextual();
                case "boolean" -> data.isBoolean();
                case "null" -> data.isNull();
                case "array" -> data.isArray();
                case "object" -> data.isObject();
                default -> false;
            };
            if (matches) {
                return true;
            }
        }
        return false;
    }

    private static List<SchemaError> typeError(JsonNode schema, String path) {
        return one(path, "type", "must be " + String.join(",", types(schema)));
    }

    private static boolean isDeclared(JsonNode schema, String key) {
        JsonNode properties = schema.get("properties");
        if (properties != null && properties.has(key)) {
            return true;
        }
        JsonNode patternProperties = schema.get("patternProperties");
        if (patternProperties != null) {
            for (String regex : iterable(patternProperties.fieldNames())) {
                if (JsPatterns.compile(regex).matcher(key).find()) {
                    return true;
                }
            }
        }
        return false;
    }

    private Pattern pattern(String regex) {
        return patterns.computeIfAbsent(regex, JsPatterns::compile);
    }

    private static String pointerEscape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    private static Outcome failed(List<SchemaError> errors) {
        return new Outcome(errors, new Evaluated());
    }

    private static SchemaError error(String path, String keyword, String message) {
        return new SchemaError(path, keyword, message, null);
    }

    private static List<SchemaError> one(String path, String keyword, String message) {
        return List.of(error(path, keyword, message));
    }

    private static <T> Iterable<T> iterable(java.util.Iterator<T> iterator) {
        return () -> iterator;
    }

    private static void rejectUnsupported(JsonNode node) {
        if (node.isObject()) {
            for (String key : iterable(node.fieldNames())) {
                if (UNSUPPORTED.contains(key)) {
                    throw new IllegalStateException("schema keyword not implemented: " + key);
                }
                JsonNode child = node.get(key);
                if (key.equals("properties") || key.equals("patternProperties") || key.equals("$defs") || key.equals("dependencies")) {
                    child.forEach(AjvInterpreter::rejectUnsupported);
                } else if (child.isContainerNode() && !key.equals("enum") && !key.equals("const") && !key.equals("required")) {
                    rejectUnsupported(child);
                }
            }
        } else if (node.isArray()) {
            node.forEach(AjvInterpreter::rejectUnsupported);
        }
    }
}
