package io.cairn.codec.dagjson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.codec.CodecException;
import io.cairn.codec.dagcbor.DagCbor;
import io.cairn.interop.NodePeer;
import io.cairn.multiformats.Cid;
import io.cairn.multiformats.Multicodec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class DagJsonTest {
    private static String enc(Object v) {
        return new String(DagJson.encode(v), StandardCharsets.UTF_8);
    }

    @Test
    void encodesLinksBytesAndSortedKeys() {
        Cid cid = Cid.sha256(1, Multicodec.RAW, new byte[] {1});
        assertThat(enc(Map.of("b", 1L, "a", List.of(cid, new byte[] {1, 2, 3}))))
                .isEqualTo("{\"a\":[{\"/\":\"" + cid + "\"},{\"/\":{\"bytes\":\"AQID\"}}],\"b\":1}");
        assertThat(DagJson.decode(DagJson.encode(Map.of("l", cid)))).isEqualTo(Map.of("l", cid));
        assertThat(enc(1.0)).isEqualTo("1.0");
        assertThat(DagJson.decode("1.0".getBytes())).isEqualTo(1.0);
        assertThat(enc(1e300)).isEqualTo("1e+300");
        assertThat(enc(1.5e-7)).isEqualTo("1.5e-7");
        assertThat(enc(0.000001)).isEqualTo("0.000001");
    }

    @Test
    void rejectsWhatIsNotStrictDagJson() {
        for (String bad : List.of("{\"b\":1,\"a\":2}", "{\"a\":1,\"a\":2}", "[1,]", "01", "{\"/\":\"notacid\"}",
                "{\"/\":{\"bytes\":\"AQ==\"}}", "\"\u0001\"", "1e999", "18446744073709551616", "[1] x", "")) {
            assertThatThrownBy(() -> DagJson.decode(bad.getBytes(StandardCharsets.UTF_8))).as(bad).isInstanceOf(CodecException.class);
        }
    }

    @Property(tries = 1000)
    void randomTextDecodesOrFailsWithACodecException(@ForAll String text) {
        try {
            DagJson.decode(text.getBytes(StandardCharsets.UTF_8));
        } catch (CodecException expected) {
            // the only failure allowed
        }
    }

    @Test
    void sameTextAsTheReferenceAndTheSameValueAsDagCbor() {
        Cid v1 = Cid.sha256(1, Multicodec.DAG_CBOR, new byte[] {9});
        List<String> texts = List.of(
                "{\"a\":\"x\",\"aa\":{},\"z\":1,\"é\":[]}",
                "[0.1,-0.5,1.5e-7,1e+300,123456.789,0.000001,2.5e-10,-3.14159]",
                "[9223372036854775807,-9223372036854775808,18446744073709551615,-18446744073709551616]",
                "\"quote \\\" backslash \\\\ newline \\n tab \\t unicode ✓ 🙂 control \\u0001\"",
                "{\"bytes\":{\"/\":{\"bytes\":\"AAECAwQ\"}},\"link\":{\"/\":\"" + v1 + "\"}}",
                "[true,false,null,[[[]]]]");
        try (NodePeer ref = NodePeer.start("dag-json.mjs")) {
            for (String t : texts) {
                JsonNode reply = ref.request(Map.of("text", t));
                assertThat(reply.has("canonical")).as(t + " " + reply).isTrue();
                String theirs = reply.get("canonical").asText();
                Object ours = DagJson.decode(t.getBytes(StandardCharsets.UTF_8));
                assertThat(enc(ours)).as(t).isEqualTo(theirs);
                assertThat(DagCbor.decode(DagCbor.encode(ours))).as("DAG-CBOR holds the same value").isNotNull();
            }
        }
    }
}
