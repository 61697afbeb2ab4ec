package io.cairn.codec.dagpb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.codec.CodecException;
import io.cairn.multiformats.Cid;
import io.cairn.multiformats.Multicodec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
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
                .as((data, ls) -> new PbNode(data, sortedByName(ls)));
    }

    private static List<PbLink> sortedByName(List<PbLink> links) {
        return links.stream().sorted(Comparator.comparing(l -> nameBytes(l), Arrays::compareUnsigned)).toList();
    }

    private static byte[] nameBytes(PbLink link) {
        return link.name() == null ? new byte[0] : link.name().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] hex(String h) {
        return HexFormat.of().parseHex(h);
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
        assertThatThrownBy(() -> DagPb.decode(hex("1224" + link + "0a00" + "1224" + link))).isInstanceOf(CodecException.class).hasMessageContaining("both sides");
        assertThatThrownBy(() -> DagPb.decode(HexFormat.of().parseHex("0a000a00"))).isInstanceOf(CodecException.class).hasMessageContaining("duplicate");
        assertThatThrownBy(() -> DagPb.decode(HexFormat.of().parseHex("1a00"))).isInstanceOf(CodecException.class).hasMessageContaining("unknown field");
        assertThatThrownBy(() -> DagPb.decode(HexFormat.of().parseHex("1202" + "1200"))).isInstanceOf(CodecException.class).hasMessageContaining("without Hash");
        assertThatThrownBy(() -> DagPb.decode(HexFormat.of().parseHex("1206" + "1200" + "0a020000"))).isInstanceOf(CodecException.class).hasMessageContaining("order");
        assertThatThrownBy(() -> DagPb.decode(HexFormat.of().parseHex("0a05"))).isInstanceOf(CodecException.class).hasMessageContaining("exceeds");
        assertThatThrownBy(() -> DagPb.decode(HexFormat.of().parseHex("0801"))).isInstanceOf(CodecException.class).hasMessageContaining("wire type");
        assertThatThrownBy(() -> DagPb.decode(hex("1226" + link + "1a00"))).isInstanceOf(CodecException.class).hasMessageContaining("wire type");
        assertThatThrownBy(() -> DagPb.decode(hex("1228" + link + "1200" + "1200"))).isInstanceOf(CodecException.class).hasMessageContaining("duplicate field 2");
        assertThatThrownBy(() -> DagPb.decode(hex("1226" + link + "2000"))).isInstanceOf(CodecException.class).hasMessageContaining("unknown field 4");
        assertThatThrownBy(() -> DagPb.decode(hex("1204" + "0a020102"))).isInstanceOf(CodecException.class).hasMessageContaining("not a CID");
        assertThatThrownBy(() -> DagPb.decode(hex("0a"))).isInstanceOf(CodecException.class).hasMessageContaining("truncated varint");
        assertThatThrownBy(() -> DagPb.decode(hex("0a80"))).isInstanceOf(CodecException.class).hasMessageContaining("truncated varint");
        assertThatThrownBy(() -> DagPb.decode(hex("1226" + link + "18ff"))).isInstanceOf(CodecException.class).hasMessageContaining("truncated varint");
        assertThatThrownBy(() -> DagPb.decode(hex("0a0000"))).isInstanceOf(CodecException.class);
    }

    @Test
    void acceptsTheLegacyDataBeforeLinksOrder() {
        Cid target = Cid.sha256(0, Multicodec.DAG_PB, new byte[0]);
        String link = "0a22" + HexFormat.of().formatHex(target.toBytes());
        PbNode node = DagPb.decode(hex("0a020801" + "1226" + link + "1200" + "1224" + link));
        assertThat(node.data()).containsExactly(8, 1);
        assertThat(node.links()).containsExactly(new PbLink(target, "", null), new PbLink(target, null, null));
        // re-encoding gives the canonical order, links first
        assertThat(HexFormat.of().formatHex(DagPb.encode(node))).isEqualTo("1226" + link + "1200" + "1224" + link + "0a020801");
    }

    @Test
    void decodesTheEmptyBlockAsNoDataAndNoLinks() {
        assertThat(DagPb.decode(new byte[0])).isEqualTo(new PbNode(null, List.of()));
        assertThat(DagPb.encode(new PbNode(null, List.of()))).isEmpty();
        assertThat(Cid.sha256(1, Multicodec.DAG_PB, new byte[0]).toString()).isEqualTo("bafybeihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku");
        // empty data is present data: it is written, and read back as such
        assertThat(DagPb.encode(new PbNode(new byte[0], List.of()))).containsExactly(0x0a, 0x00);
        assertThat(DagPb.decode(hex("0a00")).data()).isEmpty();
    }

    @Test
    void refusesToEncodeLinksThatAreNotSortedByNameBytes() {
        Cid target = Cid.sha256(0, Multicodec.DAG_PB, new byte[0]);
        PbLink b = new PbLink(target, "b", 1L), a = new PbLink(target, "a", 1L), upper = new PbLink(target, "Z", 1L);
        assertThatThrownBy(() -> DagPb.encode(new PbNode(null, List.of(b, a)))).isInstanceOf(CodecException.class).hasMessageContaining("sorted");
        // bytes, not characters: "Z" (0x5a) sorts before "a", "é" (0xc3 0xa9) after "z"
        PbLink eAcute = new PbLink(target, "\u00e9", 1L), z = new PbLink(target, "z", 1L);
        DagPb.encode(new PbNode(null, List.of(upper, a, b, z, eAcute)));
        assertThatThrownBy(() -> DagPb.encode(new PbNode(null, List.of(eAcute, z)))).isInstanceOf(CodecException.class);
        // unnamed and empty-named links compare equal: a file node's links keep their order
        PbLink unnamed = new PbLink(target, null, 3L), empty = new PbLink(target, "", 2L);
        DagPb.encode(new PbNode(null, List.of(empty, unnamed, empty)));
        assertThatThrownBy(() -> DagPb.encode(new PbNode(null, List.of(a, unnamed)))).isInstanceOf(CodecException.class);
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
