package io.cairn.codec.dagcbor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.codec.CodecException;
import io.cairn.codec.dagjson.DagJson;
import io.cairn.interop.NodePeer;
import io.cairn.multiformats.Cid;
import io.cairn.multiformats.Multicodec;
import io.cairn.multiformats.Multihash;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Cairn's DAG-CBOR bytes against @ipld/dag-cbor's (interop/js/dag-cbor.mjs) for the same values, in the
 * same run. Values travel to the reference as DAG-JSON text, which Cairn writes with its own encoder.
 */
@Tag("interop")
class DagCborInteropTest {
    private static final Cid V1 = Cid.sha256(1, Multicodec.DAG_CBOR, new byte[] {1, 2, 3});
    private static final Cid V0 = Cid.v0(Multihash.sha256(new byte[] {4}));
    private static final HexFormat HEX = HexFormat.of();

    /** Values whose encoding has a rule to get wrong: every head size, key-order ties, links, large items. */
    private static List<Object> trickyValues() {
        List<Object> c = new ArrayList<>();
        for (long n : new long[] {0, 1, 23, 24, 255, 256, 65535, 65536, 4294967295L, 4294967296L, Long.MAX_VALUE,
                -1, -24, -25, -256, -257, -65536, -65537, -4294967296L, -4294967297L, Long.MIN_VALUE}) {
            c.add(n);
        }
        c.add(new BigInteger("9223372036854775808"));
        c.add(new BigInteger("18446744073709551615"));
        c.add(new BigInteger("-9223372036854775809"));
        c.add(new BigInteger("-18446744073709551616"));
        for (double d : new double[] {0.1, -0.5, 1.5, 1e300, -1e-300, 3.141592653589793, 5e-324, Double.MAX_VALUE, 2.2250738585072014e-308}) {
            c.add(d);
        }
        c.add("");
        c.add("héllo ✓ 🙂");
        c.add("a".repeat(23));
        c.add("a".repeat(24));
        c.add("a".repeat(256));
        c.add("é".repeat(40_000)); // 80,000 UTF-8 bytes: a four-byte length
        c.add(new byte[0]);
        c.add(new byte[] {1, 2, 3});
        c.add(new byte[65536]);
        c.add(true);
        c.add(false);
        c.add(null);
        c.add(List.of());
        c.add(Map.of());
        c.add(V1);
        c.add(V0);
        c.add(Cid.v1(Multicodec.RAW, Multihash.identity(new byte[0])));
        Map<String, Object> ties = new LinkedHashMap<>();
        for (String k : List.of("bb", "b", "ab", "é", "z", "aaa", "", "/", "\uE000", "\uD83D\uDE00", "A", "Z")) ties.put(k, (long) k.length());
        c.add(ties);
        List<Object> deep = List.of();
        for (int i = 0; i < 100; i++) deep = List.of(deep, Map.of("k" + i, List.of()));
        c.add(deep);
        c.add(List.of(List.of(Map.of("x", List.of())), Map.of("links", List.of(V1, V0)), Map.of("", Map.of())));
        c.add(new byte[300]);
        return c;
    }

    @Test
    void sameBytesAsTheReferenceForTrickyValues() {
        try (NodePeer ref = NodePeer.start("dag-cbor.mjs")) {
            for (Object value : trickyValues()) {
                String text = new String(DagJson.encode(value), StandardCharsets.UTF_8);
                String label = text.length() > 200 ? text.substring(0, 200) + "..." : text;
                byte[] ours = DagCbor.encode(value);
                String theirs = ref.request(Map.of("dagjson", text)).get("hex").asText();
                assertThat(HEX.formatHex(ours)).as(label).isEqualTo(theirs);
                assertThat(DagCbor.encode(DagCbor.decode(HEX.parseHex(theirs)))).as("decode of the reference's " + label).isEqualTo(ours);
            }
        }
    }

    /** Random values, the other way round: the reference decodes Cairn's bytes and must write the same bytes and text. */
    @Test
    void theReferenceReadsGeneratedValuesAndWritesTheSameBytesAndDagJson() {
        List<Object> values = DataModelValues.values(false).sampleStream().limit(400).toList();
        try (NodePeer ref = NodePeer.start("dag-cbor.mjs")) {
            for (Object value : values) {
                byte[] ours = DagCbor.encode(value);
                JsonNode reply = ref.request(Map.of("decodeHex", HEX.formatHex(ours)));
                String label = dagJsonOrNull(value);
                boolean reservedShape = label == null; // a map DAG-JSON cannot hold ({"/": string}); compare bytes only
                if (reservedShape) label = HEX.formatHex(ours);
                assertThat(reply.has("hex")).as(label + " -> " + reply).isTrue();
                assertThat(reply.get("hex").asText()).as(label).isEqualTo(HEX.formatHex(ours));
                if (!reservedShape && !hasKeyAboveUtf16Surrogates(value)) {
                    // @ipld/dag-json sorts keys by UTF-16 code units, the spec (and Cairn) by UTF-8 bytes;
                    // they differ only when a key holds U+D800 or above, so those values skip this check
                    assertThat(reply.get("dagjson").asText()).as(label).isEqualTo(label);
                }
            }
        }
    }

    private static String dagJsonOrNull(Object value) {
        try {
            return new String(DagJson.encode(value), StandardCharsets.UTF_8);
        } catch (CodecException e) {
            return null;
        }
    }

    private static boolean hasKeyAboveUtf16Surrogates(Object v) {
        if (v instanceof List<?> l) return l.stream().anyMatch(DagCborInteropTest::hasKeyAboveUtf16Surrogates);
        if (v instanceof Map<?, ?> m) {
            return m.keySet().stream().anyMatch(k -> ((String) k).chars().anyMatch(ch -> ch >= 0xD800))
                    || m.values().stream().anyMatch(DagCborInteropTest::hasKeyAboveUtf16Surrogates);
        }
        return false;
    }

    /**
     * JavaScript has one number type, so the reference writes an integral float (1.0, -0.0) as an integer;
     * Cairn keeps a Double a float, as the spec's data model says. Both read each other's bytes to the same number.
     */
    @Test
    void integralFloatsStayFloatsInCairnAndReadBackAsTheSameNumberInTheReference() {
        try (NodePeer ref = NodePeer.start("dag-cbor.mjs")) {
            Map<Double, String> floats = Map.of(1.0, "fb3ff0000000000000", -0.0, "fb8000000000000000", 1e21, "fb444b1ae4d6e2ef50");
            for (Map.Entry<Double, String> f : floats.entrySet()) {
                assertThat(HEX.formatHex(DagCbor.encode(f.getKey()))).isEqualTo(f.getValue());
                JsonNode reply = ref.request(Map.of("decodeHex", f.getValue()));
                assertThat(reply.has("dagjson")).as(f.getValue()).isTrue();
                String theirs = reply.get("hex").asText();
                Object cairnReadsTheirs = DagCbor.decode(HEX.parseHex(theirs));
                assertThat(((Number) cairnReadsTheirs).doubleValue()).as(theirs).isEqualTo(Math.abs(f.getKey()));
            }
        }
    }

    @Test
    void cairnRejectsEveryNonCanonicalFormTheReferenceRejectsOrWouldNeverWrite() {
        try (NodePeer ref = NodePeer.start("dag-cbor.mjs")) {
            for (String h : List.of("1817", "190017", "780161", "9fff", "5f4101ff", "fb7ff8000000000000",
                    "fb7ff0000000000000", "a2616101616101", "c000", "d82a4100", "0000", "5a7fffffff")) {
                assertThat(ref.request(Map.of("decodeHex", h)).has("rejected")).as("reference on " + h).isTrue();
                assertThatThrownBy(() -> DagCbor.decode(HEX.parseHex(h))).as("Cairn on " + h).isInstanceOf(CodecException.class);
            }
            // @ipld/dag-cbor reads these (16/32-bit floats, undefined as null, unsorted keys), but its own
            // encoding of what it read differs from the input: they are not canonical, and Cairn refuses them
            for (String h : List.of("f93c00", "fa3fc00000", "f7", "a2616201616101", "a2626161016162" + "01")) {
                JsonNode reply = ref.request(Map.of("decodeHex", h));
                assertThat(reply.get("hex").asText()).as("reference re-encoding of " + h).isNotEqualTo(h);
                assertThatThrownBy(() -> DagCbor.decode(HEX.parseHex(h))).as("Cairn on " + h).isInstanceOf(CodecException.class);
            }
        }
    }
}
