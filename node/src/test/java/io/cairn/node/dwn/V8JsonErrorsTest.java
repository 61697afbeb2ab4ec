package io.cairn.node.dwn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.dwn.interop.SdkPeer;
import io.cairn.dwn.jose.V8JsonErrors;
import io.cairn.interop.NodePeer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Cairn's words for malformed JSON ({@link V8JsonErrors}, which the DWN endpoint uses for a bad
 * {@code dwn-request}) against Node's own {@code JSON.parse} (the machine's Node 20, which
 * runs dwn-server): hand-picked cases for every message, then thousands of mutations (a character
 * deleted, inserted, replaced, or the text cut short) of a real {@code dwn-request} header.
 */
class V8JsonErrorsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HEADER = "{\"jsonrpc\":\"2.0\",\"id\":\"5f0c\",\"method\":\"dwn.processMessage\",\"params\":"
            + "{\"target\":\"did:key:z6Mk\",\"message\":{\"descriptor\":{\"interface\":\"Records\",\"method\":\"Query\","
            + "\"dataSize\":-12.5e+3,\"published\":true,\"x\":null,\"tags\":[1,false,\"a\\u00e9\\n\"]}}}}";
    private static final String ALPHABET = "{}[]:,\"\\ \t\n0123456789-+.eEtrufalsn\u0001xu/é";

    @Test
    void messagesMatchNodesJsonParse() throws Exception {
        List<String> cases = new ArrayList<>(List.of("{bad", "not json", "{\"jsonrpc\":\"2.0\",}", "[1,2", "{} {}", "", "   ",
                "{\"a\" 1}", "{\"a\":1 \"b\"}", "[1 2]", "\"abc", "\"a\\x\"", "\"a\u0001\"", "-", "1.", "1e", "tru", "nul", "{\"a\":}",
                "[,]", "{\"a\":1,}", "[1,]", "01", "x".repeat(40), "{\"verylongpropertyname_abcdefghijklmnop\": bad}", "é",
                "\"\\u12\"", "\"\\uZZZZ\"", "\"\\u12", "trux", "{1:2}", "\"\\", "-0", "-01", "1e+", "1E-5x", "[\"x\" : 1]",
                "{\"a\":[}", "nulls", "{\"a\":\"b\",\"c\":\"d\" \"e\"}", HEADER, HEADER + "x", HEADER.substring(0, 30)));
        SplittableRandom random = new SplittableRandom(20261204);
        for (int i = 0; i < 4000; i++) cases.add(mutate(HEADER, random));

        JsonNode expected = nodeJsonParse(cases);
        for (int i = 0; i < cases.size(); i++) {
            String text = cases.get(i);
            JsonNode reference = expected.get(i);
            assertThat(V8JsonErrors.messageFor(text)).as("JSON.parse(%s)", JSON.writeValueAsString(text))
                    .isEqualTo(reference.isNull() ? null : reference.asText());
        }
    }

    private static String mutate(String text, SplittableRandom random) {
        StringBuilder s = new StringBuilder(text);
        int edits = 1 + random.nextInt(2);
        for (int e = 0; e < edits && !s.isEmpty(); e++) {
            int at = random.nextInt(s.length());
            char c = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
            switch (random.nextInt(4)) {
                case 0 -> s.deleteCharAt(at);
                case 1 -> s.insert(at, c);
                case 2 -> s.setCharAt(at, c);
                default -> s.setLength(at);
            }
        }
        return s.toString();
    }

    private static JsonNode nodeJsonParse(List<String> texts) throws Exception {
        Path script = NodePeer.projectRoot().resolve("interop/dwn-server/json-parse-errors.mjs");
        Process p = new ProcessBuilder(SdkPeer.machineNode().toString(), script.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (var in = p.getOutputStream()) {
            in.write(JSON.writeValueAsBytes(texts));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("node " + script).isZero();
        return JSON.readTree(out);
    }
}
