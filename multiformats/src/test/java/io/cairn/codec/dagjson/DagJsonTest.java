package io.cairn.codec.dagjson;

import static io.cairn.codec.dagcbor.DataModelValues.normal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.codec.CodecException;
import io.cairn.codec.dagcbor.DagCbor;
import io.cairn.codec.dagcbor.DataModelValues;
import io.cairn.interop.NodePeer;
import io.cairn.multiformats.Cid;
import io.cairn.multiformats.Multibase;
import io.cairn.multiformats.Multicodec;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class DagJsonTest {
    private static final Cid V1 = Cid.sha256(1, Multicodec.RAW, new byte[] {1});
    private static final Cid V0 = Cid.sha256(0, Multicodec.DAG_PB, new byte[] {1});

    private static String enc(Object v) {
        return new String(DagJson.encode(v), StandardCharsets.UTF_8);
    }

    private static Object dec(String text) {
        return DagJson.decode(text.getBytes(StandardCharsets.UTF_8));
    }

    @Provide
    Arbitrary<Object> values() {
        return DataModelValues.values(true);
    }

    @Property(tries = 1000)
    void decodingAnEncodingGivesBackTheSameValueAsDagCborHolds(@ForAll("values") Object value) {
        byte[] json;
        try {
            json = DagJson.encode(value);
        } catch (CodecException e) {
            Assume.that(!e.getMessage().contains("reads back as a link or bytes")); // the one shape DAG-JSON cannot hold
            throw e;
        }
        Object back = DagJson.decode(json);
        assertThat(normal(back)).isEqualTo(normal(value));
        assertThat(DagJson.encode(back)).isEqualTo(json);
        assertThat(DagCbor.encode(back)).isEqualTo(DagCbor.encode(value));
    }

    @Test
    void encodesLinksBytesSortedKeysAndFloatsAsTheSpecSays() {
        assertThat(enc(Map.of("b", 1L, "a", List.of(V1, new byte[] {1, 2, 3}))))
                .isEqualTo("{\"a\":[{\"/\":\"" + V1 + "\"},{\"/\":{\"bytes\":\"AQID\"}}],\"b\":1}");
        assertThat(enc(V0)).isEqualTo("{\"/\":\"" + V0 + "\"}").contains("Qm");
        assertThat(enc(Map.of("aa", 1L, "b", 2L))).isEqualTo("{\"aa\":1,\"b\":2}"); // bytewise, not length first
        assertThat(enc(Map.of("\uE000", 1L, "\uD83D\uDE00", 2L))).isEqualTo("{\"\uE000\":1,\"\uD83D\uDE00\":2}"); // UTF-8 order
        assertThat(enc(1.0)).isEqualTo("1.0");
        assertThat(enc(-0.0)).isEqualTo("-0.0");
        assertThat(enc(1e300)).isEqualTo("1e+300");
        assertThat(enc(1e21)).isEqualTo("1e+21");
        assertThat(enc(1e20)).isEqualTo("100000000000000000000.0");
        assertThat(enc(1.5e-7)).isEqualTo("1.5e-7");
        assertThat(enc(0.000001)).isEqualTo("0.000001");
        assertThat(enc(5e-324)).isEqualTo("5e-324");
        assertThat(enc("\u0001\"\\\n\u007f")).isEqualTo("\"\\u0001\\\"\\\\\\n\u007f\"");
        assertThat(dec("1.0")).isEqualTo(1.0);
        assertThat(dec("1")).isEqualTo(1L);
        assertThat(dec("\"\\ud83d\\ude00\"")).isEqualTo("\uD83D\uDE00");
    }

    @Test
    void followsTheReservedNamespaceRulesOfTheSpec() {
        // valid: a key sorting before "/", or a "/" value that is neither a string nor a bytes form
        // (the spec's own example uses "0bar", which sorts after "/"; "-bar" sorts before it)
        assertThat(dec("{\"-bar\":\"baz\",\"/\":\"foo\"}")).isEqualTo(Map.of("-bar", "baz", "/", "foo"));
        assertThat(dec("{\"/\":true,\"bar\":\"baz\"}")).isEqualTo(Map.of("/", true, "bar", "baz"));
        assertThat(dec("{\"/\":{\"abar\":\"baz\",\"bytes\":\"foo\"}}")).isEqualTo(Map.of("/", Map.of("abar", "baz", "bytes", "foo")));
        assertThat(dec("{\"/\":{\"bytes\":true},\"bar\":\"baz\"}")).isEqualTo(Map.of("/", Map.of("bytes", true), "bar", "baz"));
        // invalid: the link and bytes forms with extra keys, or with contents that are not a link or base64
        for (String bad : List.of("{\"/\":\"foo\",\"bar\":\"baz\"}", "{\"/\":{\"bytes\":\"foo\",\"bar\":\"baz\"}}",
                "{\"/\":{\"bytes\":\"AQID\"},\"bar\":\"baz\"}", "{\"/\":\"notacid\"}", "{\"/\":{\"bytes\":\"A\"}}")) {
            assertThatThrownBy(() -> dec(bad)).as(bad).isInstanceOf(CodecException.class);
        }
        // and the encoder refuses maps that would read back as something else
        for (Object unencodable : List.of(Map.of("/", "foo"), Map.of("/", V1.toString()), Map.of("/", Map.of("bytes", "AQID")),
                Map.of("/", Map.of("bytes", "x", "z", 1L), "a", 1L))) {
            assertThatThrownBy(() -> DagJson.encode(unencodable)).as(unencodable.toString())
                    .isInstanceOf(CodecException.class).hasMessageContaining("first key is \"/\"");
        }
        assertThat(enc(Map.of("/", 1L))).isEqualTo("{\"/\":1}");
    }

    @Test
    void rejectsWhatIsNotStrictDagJson() {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("{\"b\":1,\"a\":2}", "sorted");
        cases.put("{\"a\":1,\"a\":2}", "duplicate");
        cases.put("[1,]", "unexpected");
        cases.put("01", "trailing");
        cases.put("{\"/\":{\"bytes\":\"AQ==\"}}", "padding");
        cases.put("{\"/\":{\"bytes\":\"AR\"}}", "trailing bits");
        cases.put("{\"/\":\"" + V1.toString(Multibase.BASE58_BTC) + "\"}", "base32");
        cases.put("{\"/\":\"" + V1.toString().toUpperCase() + "\"}", "link");
        cases.put("\"\u0001\"", "control character");
        cases.put("\"\\ud800\"", "unpaired surrogate");
        cases.put("\"\\udc00\\ud800\"", "unpaired surrogate");
        cases.put("\"\\x\"", "bad escape");
        cases.put("\"\\u12\"", "\\u escape");
        cases.put("1e999", "out of range");
        cases.put("18446744073709551616", "64-bit");
        cases.put("-18446744073709551617", "64-bit");
        cases.put("1" + "0".repeat(5000), "64-bit");
        cases.put("[1] ", "trailing");
        cases.put(" [1]", "unexpected");
        cases.put("{\"a\": 1}", "unexpected");
        cases.put("1.", "bad number");
        cases.put("-", "bad number");
        cases.put("nul", "expected null");
        cases.put("", "unexpected end");
        cases.put("[".repeat(300), "nesting");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            assertThatThrownBy(() -> dec(c.getKey())).as(c.getKey()).isInstanceOf(CodecException.class)
                    .hasMessageContaining(c.getValue()).extracting(e -> ((CodecException) e).code()).isEqualTo("invalid_dag_json");
        }
        assertThatThrownBy(() -> DagJson.decode(new byte[] {'"', (byte) 0xC3, '"'})).isInstanceOf(CodecException.class).hasMessageContaining("UTF-8");
        assertThatThrownBy(() -> DagJson.encode("\uD800")).isInstanceOf(CodecException.class).hasMessageContaining("unpaired surrogate");
    }

    record Entry(String name, List<Cid> links, long size) {}

    @Test
    void decodesIntoRecords() {
        Entry e = new Entry("x", List.of(V1, V0), 7);
        assertThat(enc(e)).isEqualTo("{\"links\":[{\"/\":\"" + V1 + "\"},{\"/\":\"" + V0 + "\"}],\"name\":\"x\",\"size\":7}");
        assertThat(DagJson.decode(DagJson.encode(e), Entry.class)).isEqualTo(e);
    }

    @Property(tries = 2000)
    void randomTextDecodesOrFailsWithACodecException(@ForAll String text) {
        try {
            DagJson.decode(text.getBytes(StandardCharsets.UTF_8));
        } catch (CodecException expected) {
            // the only failure allowed
        }
    }

    @Property(tries = 2000)
    void corruptedEncodingsDecodeOrFailWithACodecException(@ForAll("values") Object value, @ForAll int at, @ForAll byte replacement) {
        byte[] json;
        try {
            json = DagJson.encode(value);
        } catch (CodecException unencodable) {
            return;
        }
        json[Math.floorMod(at, json.length)] = replacement;
        try {
            DagJson.decode(json);
        } catch (CodecException expected) {
            // the only failure allowed
        }
    }

    @Test
    @Tag("interop")
    void sameTextAsTheReferenceForTheSameValue() {
        Cid v1 = Cid.sha256(1, Multicodec.DAG_CBOR, new byte[] {9});
        List<String> texts = List.of(
                "{\"a\":\"x\",\"aa\":{},\"z\":1,\"é\":[]}",
                "[0.1,-0.5,1.5e-7,1e+300,123456.789,0.000001,2.5e-10,-3.14159,5e-324,1.7976931348623157e+308,1e+21,123456789012345680000.5]",
                "[9223372036854775807,-9223372036854775808,18446744073709551615,-18446744073709551616,9007199254740993]",
                "\"quote \\\" backslash \\\\ newline \\n tab \\t unicode ✓ 🙂 control \\u0001 del \u007f\"",
                "{\"bytes\":{\"/\":{\"bytes\":\"AAECAwQ\"}},\"empty\":{\"/\":{\"bytes\":\"\"}},\"link\":{\"/\":\"" + v1 + "\"},\"v0\":{\"/\":\"" + V0 + "\"}}",
                "{\"/\":true,\"bar\":\"baz\"}",
                "{\"/\":{\"abar\":\"baz\",\"bytes\":\"foo\"}}",
                "[true,false,null,[[[]]]]");
        try (NodePeer ref = NodePeer.start("dag-json.mjs")) {
            for (String t : texts) {
                JsonNode reply = ref.request(Map.of("text", t));
                assertThat(reply.has("canonical")).as(t + " " + reply).isTrue();
                Object ours = dec(t);
                assertThat(enc(ours)).as(t).isEqualTo(reply.get("canonical").asText());
            }
            for (String rejectedByBoth : List.of("{\"/\":\"foo\",\"bar\":\"baz\"}", "{\"/\":{\"bytes\":\"AQID\"},\"bar\":\"baz\"}",
                    "{\"/\":\"notacid\"}", "{\"a\":1,\"a\":2}", "[1,]", "NaN", "{\"/\":{\"bytes\":\"AR\"}}")) {
                assertThat(ref.request(Map.of("text", rejectedByBoth)).has("rejected")).as(rejectedByBoth).isTrue();
                assertThatThrownBy(() -> dec(rejectedByBoth)).as(rejectedByBoth).isInstanceOf(CodecException.class);
            }
        }
    }
}
