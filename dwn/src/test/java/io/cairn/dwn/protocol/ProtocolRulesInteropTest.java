package io.cairn.dwn.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.DwnError;
import io.cairn.dwn.protocol.tags.TagsRule;
import io.cairn.interop.NodePeer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Cairn's protocol-definition rules and {@code $tags} evaluation give the same verdict and the same error
 * text as dwn-sdk-js 0.5.2's own {@code ProtocolsConfigure.validateProtocolDefinition} and
 * {@code ProtocolAuthorization.verifyTagsIfNeeded}, run in the same test on the SDK's test-vector
 * definitions and on variations of them.
 */
class ProtocolRulesInteropTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static NodePeer sdk;

    @BeforeAll
    static void startSdk() {
        sdk = NodePeer.start("../dwn/protocol-rules.mjs");
    }

    @AfterAll
    static void stopSdk() {
        sdk.close();
    }

    @Test
    void theSdkVectorDefinitionsAreValidInBoth() throws IOException {
        Path vectors = NodePeer.projectRoot().resolve(
                "interop/dwn/node_modules/@tbd54566975/dwn-sdk-js/dist/esm/tests/vectors/protocol-definitions");
        List<Path> files;
        try (Stream<Path> list = Files.list(vectors)) {
            files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(10);
        for (Path file : files) {
            JsonNode raw = JSON.readTree(file.toFile());
            assertThat(cairnDefinitionDetail(raw)).as(file.getFileName().toString()).isEqualTo(sdkDefinitionDetail(raw));
            JsonNode normalized = sdk.request(Map.of("op", "normalize", "definition", raw)).get("definition");
            assertThat(cairnDefinitionDetail(normalized)).as("normalized " + file.getFileName()).isEqualTo(sdkDefinitionDetail(normalized)).isNull();
            assertThat(normalized.get("protocol").asText()).isEqualTo(ProtocolUrls.normalize(raw.get("protocol").asText()));
        }
    }

    @Test
    void theBuiltInPermissionsProtocolIsTheSdks() {
        JsonNode sdkDefinition = sdk.request(Map.of("op", "permissionsDefinition")).get("definition");
        assertThat(PermissionsProtocol.definition()).isEqualTo(sdkDefinition);
        assertThat(cairnDefinitionDetail(sdkDefinition)).isEqualTo(sdkDefinitionDetail(sdkDefinition)).isNull();
    }

    @Test
    void protocolAndSchemaUrisAreNormalizedAlike() {
        List<String> uris = List.of("example.com", "http://example.com", "http://example.com/", "HTTP://Example.COM/a",
                "https://example.com/a?b=c", "https://example.com/a#f", "did:example:123", "https://example.com:443/x",
                "https://example.com:8443/x", "https://example.com/a/../b", "https://example.com/a/./b", "https://example.com/a b",
                "urn:x:y", "https://ex ample.com", "http://[::1]/x", "https://xn--r8jz45g.jp/x", "http://example.com/%7Efoo",
                "foo://Host/Path", "", "https://example.com/a/", "https://example.com/a//", "https://user:pw@example.com/x",
                "example.com/path", "localhost:8080/x", "https://example.com/ü", "http:/example.com", "https:example.com",
                "http://example.com/a/%2e%2e/b", "1ab:cd", "a:b", "https://EXAMPLE.com/Path/", "http://[", "http://[::1", "http://[zz]/x");
        int rejected = 0;
        for (String uri : uris) {
            ObjectNode asProtocol = minimalDefinition();
            asProtocol.put("protocol", uri);
            assertThat(cairnDefinitionDetail(asProtocol)).as("protocol %s", uri).isEqualTo(sdkDefinitionDetail(asProtocol));
            ObjectNode asSchema = minimalDefinition();
            ((ObjectNode) asSchema.get("types").get("post")).put("schema", uri);
            assertThat(cairnDefinitionDetail(asSchema)).as("schema %s", uri).isEqualTo(sdkDefinitionDetail(asSchema));
            rejected += sdkDefinitionDetail(asProtocol) == null ? 0 : 1;
        }
        assertThat(rejected).as("URIs the SDK finds not normalized").isBetween(10, uris.size() - 5);
    }

    @Test
    void structureRuleViolationsGetTheSdkErrors() {
        Map<String, ObjectNode> cases = new LinkedHashMap<>();
        cases.put("nesting 11 deep", nested(11));
        cases.put("nesting 10 deep", nested(10));
        cases.put("size min > max", withRule("{\"$size\":{\"min\":5,\"max\":1}}"));
        cases.put("size max < default min", withRule("{\"$size\":{\"max\":0}}"));
        cases.put("size min == max", withRule("{\"$size\":{\"min\":3,\"max\":3}}"));
        cases.put("size fractional", withRule("{\"$size\":{\"min\":2.5,\"max\":1.5}}"));
        cases.put("undeclared nested type", withRule("{\"comment\":{}}"));
        cases.put("role not a role", withRule("{\"$actions\":[{\"role\":\"post\",\"can\":[\"create\"]}]}"));
        cases.put("anyone with of", withRule("{\"$actions\":[{\"who\":\"anyone\",\"of\":\"post\",\"can\":[\"create\"]}]}"));
        cases.put("recipient without of reads", withRule("{\"$actions\":[{\"who\":\"recipient\",\"can\":[\"read\"]}]}"));
        cases.put("recipient without of co-update", withRule("{\"$actions\":[{\"who\":\"recipient\",\"can\":[\"co-update\",\"co-delete\"]}]}"));
        cases.put("author without of", withRule("{\"$actions\":[{\"who\":\"author\",\"can\":[\"create\"]}]}"));
        cases.put("update without create", withRule("{\"$actions\":[{\"who\":\"anyone\",\"can\":[\"update\"]}]}"));
        cases.put("delete without create", withRule("{\"$actions\":[{\"who\":\"anyone\",\"can\":[\"delete\"]}]}"));
        cases.put("duplicate actor", withRule("{\"$actions\":[{\"who\":\"anyone\",\"can\":[\"create\"]},{\"who\":\"anyone\",\"can\":[\"read\"]}]}"));
        cases.put("duplicate recipient of", withRule("{\"$actions\":[{\"who\":\"recipient\",\"of\":\"post\",\"can\":[\"read\"]},"
                + "{\"who\":\"recipient\",\"of\":\"post\",\"can\":[\"co-update\"]}]}"));
        ObjectNode roles = rolesDefinition();
        cases.put("role read only", withActions(roles, "[{\"role\":\"friend\",\"can\":[\"read\"]}]"));
        cases.put("role all reads", withActions(roles, "[{\"role\":\"friend\",\"can\":[\"read\",\"query\",\"subscribe\"]}]"));
        cases.put("duplicate role", withActions(roles, "[{\"role\":\"friend\",\"can\":[\"create\"]},{\"role\":\"friend\",\"can\":[\"update\",\"create\"]}]"));
        cases.put("role at nested path", withActions(roles, "[{\"role\":\"thread/participant\",\"can\":[\"create\"]}]"));
        cases.put("missing nested role", withActions(roles, "[{\"role\":\"thread/guest\",\"can\":[\"create\"]}]"));
        for (var entry : cases.entrySet()) {
            assertThat(cairnDefinitionDetail(entry.getValue())).as(entry.getKey()).isEqualTo(sdkDefinitionDetail(entry.getValue()));
        }
        assertThat(sdkDefinitionDetail(cases.get("nesting 11 deep"))).startsWith("ProtocolsConfigureRecordNestingDepthExceeded");
    }

    @Test
    void tagSchemasAreCheckedAgainstTheMetaSchemaAlike() {
        List<String> schemas = List.of("{\"type\":\"string\",\"minLength\":-1}", "{\"type\":\"string\",\"minLength\":1.5}",
                "{\"type\":\"string\",\"maxLength\":2.0}", "{\"type\":\"number\",\"minimum\":\"a\"}", "{\"enum\":\"x\"}",
                "{\"type\":\"array\",\"items\":{\"minLength\":-2}}", "{\"type\":\"array\",\"uniqueItems\":\"x\",\"minItems\":-1}",
                "{\"enum\":[]}", "{\"type\":\"array\",\"contains\":{\"type\":\"string\",\"maxLength\":\"x\"},\"minContains\":-1}",
                "{\"type\":\"array\",\"maxContains\":-3,\"contains\":{\"type\":\"string\"}}", "{\"type\":\"number\",\"exclusiveMaximum\":true}",
                "{\"type\":\"integer\",\"maximum\":10,\"minimum\":1}", "{\"type\":\"array\",\"items\":{\"type\":\"number\",\"maximum\":\"1\"}}");
        for (String schema : schemas) {
            ObjectNode definition = withRule("{\"$tags\":{\"$requiredTags\":[\"t\"],\"t\":" + schema + "}}");
            assertThat(cairnDefinitionDetail(definition)).as(schema).isEqualTo(sdkDefinitionDetail(definition));
        }
    }

    @Test
    void tagValuesGetAjvsFirstError() {
        List<String[]> cases = new ArrayList<>();
        String[] rules = {
            "{\"s\":{\"type\":\"string\",\"enum\":[\"a\",\"b\"]}}",
            "{\"s\":{\"type\":\"string\",\"minLength\":3,\"maxLength\":5}}",
            "{\"s\":{\"type\":\"string\",\"minLength\":3,\"enum\":[\"abcd\"]}}",
            "{\"n\":{\"type\":\"integer\",\"minimum\":3,\"maximum\":10}}",
            "{\"n\":{\"type\":\"number\",\"exclusiveMinimum\":0.5,\"exclusiveMaximum\":1e21}}",
            "{\"a\":{\"type\":\"array\",\"items\":{\"type\":\"string\",\"maxLength\":2},\"minItems\":1,\"maxItems\":3,\"uniqueItems\":true}}",
            "{\"a\":{\"type\":\"array\",\"uniqueItems\":true}}",
            "{\"a\":{\"type\":\"array\",\"contains\":{\"type\":\"number\",\"minimum\":5},\"minContains\":2,\"maxContains\":3}}",
            "{\"a\":{\"type\":\"array\",\"contains\":{\"type\":\"string\",\"enum\":[\"x\"]}}}",
            "{\"$requiredTags\":[\"b\",\"s\"],\"b\":{\"type\":\"boolean\"},\"s\":{\"type\":\"string\"}}",
            "{\"$allowUndefinedTags\":true,\"b\":{\"type\":\"boolean\"}}",
            "{\"a\":{\"type\":\"array\",\"minContains\":2}}",
            "{\"a\":{\"type\":\"array\",\"contains\":{\"type\":\"string\"},\"minContains\":0}}",
            "{\"a\":{\"type\":\"array\",\"items\":{\"type\":\"integer\",\"enum\":[1,2,3]}}}",
            "{\"a\":{\"type\":\"array\",\"items\":{\"type\":\"string\",\"pattern\":\"^[a-z]$\"}}}",
        };
        String[] values = {"{}", "{\"s\":\"a\"}", "{\"s\":\"abcdef\"}", "{\"s\":5}", "{\"s\":\"ab\"}", "{\"s\":\"😀😀😀\"}", "{\"n\":2}", "{\"n\":3.5}",
            "{\"n\":11}", "{\"n\":0.5}", "{\"n\":\"x\"}", "{\"a\":[]}", "{\"a\":[\"a\",\"bcd\"]}", "{\"a\":[\"a\",\"b\",\"a\",\"b\"]}",
            "{\"a\":[1,2,1]}", "{\"a\":[5,6,7,8]}", "{\"a\":[1,5]}", "{\"a\":[\"x\",\"y\"]}", "{\"a\":[\"y\"]}", "{\"a\":[1,2,4]}",
            "{\"a\":[\"x\",\"Y\"]}", "{\"a\":[\"x\\n\"]}", "{\"b\":true}", "{\"b\":true,\"s\":\"x\"}", "{\"b\":\"yes\",\"s\":\"x\",\"extra\":1}", "{\"extra\":1}", "{\"a\":\"notarray\"}"};
        for (String rule : rules) {
            for (String value : values) {
                cases.add(new String[] {rule, value});
            }
        }
        int rejected = 0;
        for (String[] c : cases) {
            JsonNode rule = read(c[0]);
            JsonNode tags = read(c[1]);
            String expected = sdk.request(Map.of("op", "tags", "rule", rule, "tags", tags,
                    "protocol", "https://example.com/p", "protocolPath", "post/comment")).get("detail").textValue();
            String actual;
            try {
                TagsRule.validate(rule, tags, "https://example.com/p/post/comment/$tags");
                actual = null;
            } catch (RuntimeException e) {
                actual = e.getMessage();
            }
            assertThat(actual).as("rule %s tags %s", c[0], c[1]).isEqualTo(expected);
            rejected += expected == null ? 0 : 1;
        }
        assertThat(rejected).as("cases the SDK rejects").isBetween(cases.size() / 2, cases.size() - 20);
    }

    private static String sdkDefinitionDetail(JsonNode definition) {
        return sdk.request(Map.of("op", "definition", "definition", definition)).get("detail").textValue();
    }

    private static String cairnDefinitionDetail(JsonNode definition) {
        try {
            ProtocolDefinitionRules.validate(definition);
            return null;
        } catch (DwnError e) {
            return e.detail();
        }
    }

    private static ObjectNode minimalDefinition() {
        return (ObjectNode) read("{\"protocol\":\"https://example.com/p\",\"published\":true,\"types\":{\"post\":{},\"comment\":{}},"
                + "\"structure\":{\"post\":{\"$actions\":[{\"who\":\"anyone\",\"can\":[\"create\"]}]}}}");
    }

    private static ObjectNode withRule(String postRuleSet) {
        ObjectNode definition = minimalDefinition();
        ((ObjectNode) definition.get("structure")).set("post", read(postRuleSet));
        ((ObjectNode) definition.get("types")).remove("comment");
        return definition;
    }

    private static ObjectNode rolesDefinition() {
        return (ObjectNode) read("{\"protocol\":\"https://example.com/p\",\"published\":true,"
                + "\"types\":{\"friend\":{},\"thread\":{},\"participant\":{},\"post\":{}},"
                + "\"structure\":{\"friend\":{\"$role\":true},\"thread\":{\"participant\":{\"$role\":true},\"post\":{}},\"post\":{}}}");
    }

    private static ObjectNode withActions(ObjectNode definition, String actions) {
        ObjectNode copy = definition.deepCopy();
        ((ObjectNode) copy.get("structure").get("post")).set("$actions", read(actions));
        ((ObjectNode) copy.get("structure").get("thread").get("post")).set("$actions", read(actions));
        return copy;
    }

    private static ObjectNode nested(int depth) {
        ObjectNode definition = minimalDefinition();
        ObjectNode structure = definition.putObject("structure");
        ObjectNode current = structure;
        for (int i = 0; i < depth; i++) {
            current = current.putObject("post");
        }
        ((ArrayNode) current.putArray("$actions")).add(read("{\"who\":\"anyone\",\"can\":[\"create\"]}"));
        return definition;
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
