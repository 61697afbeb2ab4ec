package io.cairn.codec.dagpb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.codec.CodecException;
import io.cairn.multiformats.Cid;
import io.cairn.multiformats.Multicodec;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class DagPbTest {
    @Provide
    Arbitrary<PbNode> nodes() {
        Arbitrary<PbLink> links = Combinators.combine(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(8).map(b -> Cid.sha256(0, Multicodec.DAG_PB, b)),
                Arbitraries.strings().ofMaxLength(10).injectNull(0.3),
                Arbitraries.longs().between(0, Long.MAX_VALUE).injectNull(0.3)).as(PbLink::new);
        return Combinators.combine(Arbitraries.bytes().array(byte[].class).ofMaxSize(40).injectNull(0.3), links.list().ofMaxSize(5))
                .as(PbNode::new);
    }

    @Property
    void roundTrips(@ForAll("nodes") PbNode node) {
        byte[] enc = DagPb.encode(node);
        assertThat(DagPb.decode(enc)).isEqualTo(node);
        assertThat(DagPb.encode(DagPb.decode(enc))).isEqualTo(enc);
    }

    @Test
    void writesLinksBeforeDataAndLinkFieldsInOrder() {
        Cid target = Cid.sha256(0, Multicodec.DAG_PB, new byte[0]);
        byte[] enc = DagPb.encode(new PbNode(new byte[] {8, 1}, List.of(new PbLink(target, "", 5L))));
        String hex = HexFormat.of().formatHex(enc);
        assertThat(hex).startsWith("12" + "28" + "0a22" + HexFormat.of().formatHex(target.toBytes()) + "1200" + "1805");
        assertThat(hex).endsWith("0a020801");
    }

    @Test
    void rejectsNonCanonicalAndMalformedNodes() {
        Cid target = Cid.sha256(0, Multicodec.DAG_PB, new byte[0]);
        String link = "0a22" + HexFormat.of().formatHex(target.toBytes());
        assertThatThrownBy(() -> DagPb.decode(HexFormat.of().parseHex("0a00" + "12" + "24" + link))).isInstanceOf(CodecException.class).hasMessageContaining("links after data");
        assertThatThrownBy(() -> DagPb.decode(HexFormat.of().parseHex("0a000a00"))).isInstanceOf(CodecException.class).hasMessageContaining("duplicate");
        assertThatThrownBy(() -> DagPb.decode(HexFormat.of().parseHex("1a00"))).isInstanceOf(CodecException.class).hasMessageContaining("unknown field");
        assertThatThrownBy(() -> DagPb.decode(HexFormat.of().parseHex("1202" + "1200"))).isInstanceOf(CodecException.class).hasMessageContaining("without Hash");
        assertThatThrownBy(() -> DagPb.decode(HexFormat.of().parseHex("1206" + "1200" + "0a020000"))).isInstanceOf(CodecException.class).hasMessageContaining("order");
        assertThatThrownBy(() -> DagPb.decode(HexFormat.of().parseHex("0a05"))).isInstanceOf(CodecException.class).hasMessageContaining("exceeds");
        assertThatThrownBy(() -> DagPb.decode(HexFormat.of().parseHex("0801"))).isInstanceOf(CodecException.class).hasMessageContaining("wire type");
    }

    @Property(tries = 2000)
    void randomBytesDecodeOrFailWithACodecException(@ForAll byte[] bytes) {
        try {
            DagPb.decode(bytes);
        } catch (CodecException expected) {
            // the only failure allowed
        }
    }
}
