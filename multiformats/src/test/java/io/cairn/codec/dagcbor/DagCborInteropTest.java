package io.cairn.codec.dagcbor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.interop.NodePeer;
import io.cairn.multiformats.Cid;
import io.cairn.multiformats.Multicodec;
import io.cairn.multiformats.Multihash;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Cairn's DAG-CBOR bytes against @ipld/dag-cbor's for the same values, in the same run. */
@Tag("interop")
class DagCborInteropTest {
    private static final Cid V1 = Cid.sha256(1, Multicodec.DAG_CBOR, new byte[] {1, 2, 3});
    private static final Cid V0 = Cid.v0(Multihash.sha256(new byte[] {4}));

    /** Each value with the DAG-JSON text that describes it to the reference. */
    private static Map<Object, String> cases() {
        Map<Object, String> c = new LinkedHashMap<>();
        for (long n : new long[] {0, 1, 23, 24, 255, 256, 65535, 65536, 4294967295L, 4294967296L, Long.MAX_VALUE,
                -1, -24, -25, -256, -257, -65536, -65537, -4294967296L, -4294967297L, Long.MIN_VALUE}) {
            c.put(n, Long.toString(n));
        }
        c.put(new BigInteger("18446744073709551615"), "18446744073709551615");
        c.put(new BigInteger("-18446744073709551616"), "-18446744073709551616");
        for (double d : new double[] {0.1, -0.5, 1.5, 1e300, -1e-300, 3.141592653589793, 5e-324}) c.put(d, Double.toString(d).replace("E", "e"));
        c.put("", "\"\"");
        c.put("héllo ✓ 🙂", "\"héllo ✓ 🙂\"");
        c.put("a".repeat(300), "\"" + "a".repeat(300) + "\"");
        c.put(true, "true");
        c.put(null, "null");
        c.put(List.of(), "[]");
        c.put(Map.of(), "{}");
        c.put(new byte[] {1, 2, 3}, "{\"/\":{\"bytes\":\"AQID\"}}");
        c.put(V1, "{\"/\":\"" + V1 + "\"}");
        c.put(V0, "{\"/\":\"" + V0 + "\"}");
        Map<String, Object> tieBreak = new LinkedHashMap<>();
        tieBreak.put("bb", 1L);
        tieBreak.put("b", 2L);
        tieBreak.put("ab", 3L);
        tieBreak.put("é", 4L);
        tieBreak.put("z", 5L);
        c.put(tieBreak, "{\"bb\":1,\"b\":2,\"ab\":3,\"é\":4,\"z\":5}");
        c.put(List.of(List.of(Map.of("x", List.of())), Map.of("links", List.of(V1, V0))),
                "[[{\"x\":[]}],{\"links\":[{\"/\":\"" + V1 + "\"},{\"/\":\"" + V0 + "\"}]}]");
        return c;
    }

    @Test
    void sameBytesAsTheReferenceForTrickyValues() {
        try (NodePeer ref = NodePeer.start("dag-cbor.mjs")) {
            for (Map.Entry<Object, String> c : cases().entrySet()) {
                byte[] ours = DagCbor.encode(c.getKey());
                JsonNode reply = ref.request(Map.of("dagjson", c.getValue()));
                byte[] theirs = HexFormat.of().parseHex(reply.get("hex").asText());
                assertThat(HexFormat.of().formatHex(ours)).as(c.getValue()).isEqualTo(HexFormat.of().formatHex(theirs));
                assertThat(DagCbor.encode(DagCbor.decode(theirs))).as("decode of the reference's " + c.getValue()).isEqualTo(theirs);
            }
        }
    }

    @Test
    void theReferenceReadsWhatCairnWritesAndBothRejectNonCanonicalForms() {
        try (NodePeer ref = NodePeer.start("dag-cbor.mjs")) {
            byte[] ours = DagCbor.encode(Map.of("n", 1L, "list", List.of("x", V1)));
            JsonNode reply = ref.request(Map.of("decodeHex", HexFormat.of().formatHex(ours)));
            assertThat(reply.has("dagjson")).isTrue();
            for (String nonCanonical : List.of("1817", "9fff", "fb7ff8000000000000", "a2616101616101", "c000")) {
                assertThat(ref.request(Map.of("decodeHex", nonCanonical)).has("rejected")).as(nonCanonical).isTrue();
            }
        }
    }
}
