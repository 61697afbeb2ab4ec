package io.cairn.multiformats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class CidTest {
    @Provide
    Arbitrary<Cid> cids() {
        Arbitrary<byte[]> data = Arbitraries.bytes().array(byte[].class).ofMaxSize(64);
        Arbitrary<Multicodec> codecs = Arbitraries.of(Multicodec.RAW, Multicodec.DAG_PB, Multicodec.DAG_CBOR, Multicodec.DAG_JSON, Multicodec.LIBP2P_KEY);
        Arbitrary<Cid> v1 = Combinators.combine(codecs, data, Arbitraries.of(Multicodec.SHA2_256, Multicodec.SHA2_512, Multicodec.IDENTITY))
                .as((c, d, h) -> Cid.v1(c, Multihash.digest(h, d)));
        Arbitrary<Cid> v0 = data.map(d -> Cid.v0(Multihash.sha256(d)));
        return Arbitraries.oneOf(v1, v0);
    }

    @Property
    void stringAndBinaryFormsRoundTrip(@ForAll("cids") Cid cid) {
        assertThat(Cid.parse(cid.toString())).isEqualTo(cid);
        assertThat(Cid.fromBytes(cid.toBytes())).isEqualTo(cid);
        if (cid.version() == 1) {
            for (Multibase b : new Multibase[] {Multibase.BASE32, Multibase.BASE58_BTC, Multibase.BASE36, Multibase.BASE64_URL}) {
                assertThat(Cid.parse(cid.toString(b))).isEqualTo(cid);
            }
        }
    }

    @Property
    void v0AndItsV1FormShareTheMultihash(@ForAll byte[] data) {
        Cid v0 = Cid.v0(Multihash.sha256(data));
        assertThat(v0.toString()).startsWith("Qm").hasSize(46);
        Cid v1 = v0.toV1();
        assertThat(v1.toString()).startsWith("bafy");
        assertThat(v1.toV0()).isEqualTo(v0);
        assertThat(v1.multihash()).isEqualTo(v0.multihash());
        assertThat(v0.matches(data)).isTrue();
    }

    @Test
    void rejectsMalformedCidsWithTheirReason() {
        assertThatThrownBy(() -> Cid.parse("")).isInstanceOf(MultiformatException.class);
        assertThatThrownBy(() -> Cid.parse("QmTooShort")).isInstanceOf(MultiformatException.class);
        assertThatThrownBy(() -> Cid.parse("bafyfoo")).isInstanceOf(MultiformatException.class).hasMessageContaining("not a CID");
        assertThatThrownBy(() -> Cid.fromBytes(new byte[] {2, 0x55, 0x12, 0})).isInstanceOf(MultiformatException.class).hasMessageContaining("version");
        assertThatThrownBy(() -> Cid.fromBytes(new byte[] {1, 0x55, 0x12, 0x20, 1, 2})).isInstanceOf(MultiformatException.class).hasMessageContaining("truncated");
        byte[] withTrailing = java.util.Arrays.copyOf(Cid.sha256(1, Multicodec.RAW, new byte[0]).toBytes(), 37);
        assertThatThrownBy(() -> Cid.fromBytes(withTrailing)).isInstanceOf(MultiformatException.class).hasMessageContaining("trailing");
    }

    @Test
    void refusesOverlongStringsBeforeDecodingThem() {
        String huge = "z" + "2".repeat(1_000_000); // quadratic base58 decoding would take minutes
        long start = System.nanoTime();
        assertThatThrownBy(() -> Cid.parse(huge)).isInstanceOf(MultiformatException.class).hasMessageContaining("longer than");
        assertThat(System.nanoTime() - start).isLessThan(1_000_000_000L);
    }

    @Property
    void randomStringsParseOrFailWithAMultiformatException(@ForAll String text) {
        try {
            Cid.parse(text);
        } catch (MultiformatException expected) {
            // the only failure allowed
        }
    }

    @Property
    void randomBytesParseOrFailWithAMultiformatException(@ForAll byte[] bytes) {
        try {
            Cid.fromBytes(bytes);
        } catch (MultiformatException expected) {
            // the only failure allowed
        }
    }

    @Property
    void bitFlipsInAValidCidNeverThrowAnythingElse(@ForAll("cids") Cid cid, @ForAll int position, @ForAll byte mask) {
        byte[] b = cid.toBytes();
        b[Math.floorMod(position, b.length)] ^= mask;
        try {
            Cid.fromBytes(b);
        } catch (MultiformatException expected) {
            // the only failure allowed
        }
    }
}
