package io.cairn.codec.dagcbor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.codec.CodecException;
import io.cairn.multiformats.Cid;
import io.cairn.multiformats.Multicodec;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class DagCborTest {
    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    @Provide
    Arbitrary<Object> values() {
        Arbitrary<Object> scalars = Arbitraries.oneOf(
                Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.doubles().filter(d -> !Double.isNaN(d) && !Double.isInfinite(d)).map(d -> (Object) d),
                Arbitraries.strings().ofMaxLength(20).map(s -> (Object) s),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(20).map(b -> (Object) b),
                Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.just(null),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(8).map(b -> (Object) Cid.sha256(1, Multicodec.RAW, b)));
        return Arbitraries.recursive(() -> scalars, inner -> Arbitraries.oneOf(
                inner,
                inner.list().ofMaxSize(4).map(l -> (Object) l),
                Arbitraries.maps(Arbitraries.strings().ofMaxLength(6), inner).ofMaxSize(4).map(m -> (Object) m)), 0, 3);
    }

    @Property(tries = 500)
    void encodingIsCanonicalAndRoundTrips(@ForAll("values") Object value) {
        byte[] encoded = DagCbor.encode(value);
        Object decoded = DagCbor.decode(encoded);
        assertThat(DagCbor.encode(decoded)).isEqualTo(encoded);
    }

    @Test
    void sortsMapKeysLengthFirstThenBytewise() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bb", 1L);
        m.put("a", 2L);
        m.put("b", 3L);
        m.put("aaa", 4L);
        @SuppressWarnings("unchecked")
        Map<String, Object> decoded = (Map<String, Object>) DagCbor.decode(DagCbor.encode(m));
        assertThat(decoded.keySet()).containsExactly("a", "b", "bb", "aaa");
    }

    @Test
    void writesIntegersMinimallyAndFloatsAs64Bit() {
        assertThat(DagCbor.encode(23L)).containsExactly(hex("17"));
        assertThat(DagCbor.encode(24L)).containsExactly(hex("1818"));
        assertThat(DagCbor.encode(-1L)).containsExactly(hex("20"));
        assertThat(DagCbor.encode(65536L)).containsExactly(hex("1a00010000"));
        assertThat(DagCbor.encode(1.0)).containsExactly(hex("fb3ff0000000000000"));
        assertThat(DagCbor.encode(new BigInteger("18446744073709551615"))).containsExactly(hex("1bffffffffffffffff"));
        assertThat(DagCbor.encode(new BigInteger("-18446744073709551616"))).containsExactly(hex("3bffffffffffffffff"));
        assertThat(DagCbor.decode(hex("1bffffffffffffffff"))).isEqualTo(new BigInteger("18446744073709551615"));
    }

    @Test
    void encodesLinksAsTag42WithTheIdentityPrefix() {
        Cid cid = Cid.sha256(1, Multicodec.DAG_CBOR, new byte[] {1});
        byte[] enc = DagCbor.encode(Map.of("link", cid));
        assertThat(HexFormat.of().formatHex(enc)).contains("d82a5825" + "00" + HexFormat.of().formatHex(cid.toBytes()));
        assertThat(DagCbor.links(enc)).containsExactly(cid);
    }

    @Test
    void encodesRecordsAsMapsOfTheirComponents() {
        record Point(long x, String label) {}
        assertThat(DagCbor.decode(DagCbor.encode(new Point(3, "p")))).isEqualTo(Map.of("x", 3L, "label", "p"));
    }

    @Test
    void rejectsEveryNonCanonicalOrForbiddenForm() {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("1817", "not minimally encoded");            // 23 in two bytes
        cases.put("190017", "not minimally encoded");
        cases.put("f97e00", "64-bit");                          // half-precision NaN
        cases.put("fa3f800000", "64-bit");                      // 32-bit 1.0
        cases.put("fb7ff8000000000000", "NaN");
        cases.put("fb7ff0000000000000", "Infinity");
        cases.put("f7", "undefined");
        cases.put("9fff", "indefinite");
        cases.put("5f4101ff", "indefinite");
        cases.put("a2616101616101", "duplicate");
        cases.put("a2616201616101", "order");
        cases.put("a10101", "keys must be strings");
        cases.put("c074323031332d30332d32315432303a30343a30305a", "tag 0");
        cases.put("d82a4100", "invalid CID");                    // link missing its content
        cases.put("d82a420101", "0x00 multibase prefix");
        cases.put("0000", "trailing");
        cases.put("62c328", "UTF-8");
        cases.put("5a7fffffff", "exceeds");                     // claims 2 GiB of bytes
        cases.put("9b7fffffffffffffff", "exceeds");
        cases.put("", "end of input");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            assertThatThrownBy(() -> DagCbor.decode(hex(c.getKey())))
                    .as(c.getKey()).isInstanceOf(CodecException.class).hasMessageContaining(c.getValue());
        }
    }

    @Test
    void rejectsNestingDeeperThanTheLimit() {
        byte[] deep = new byte[DagCbor.MAX_DEPTH + 2];
        java.util.Arrays.fill(deep, (byte) 0x81);
        deep[deep.length - 1] = 0x00;
        assertThatThrownBy(() -> DagCbor.decode(deep)).isInstanceOf(CodecException.class).hasMessageContaining("nesting");
    }

    @Test
    void refusesToEncodeWhatDagCborCannotHold() {
        assertThatThrownBy(() -> DagCbor.encode(Double.NaN)).isInstanceOf(CodecException.class);
        assertThatThrownBy(() -> DagCbor.encode(Map.of(1, 2))).isInstanceOf(CodecException.class);
        assertThatThrownBy(() -> DagCbor.encode(BigInteger.TWO.pow(64))).isInstanceOf(CodecException.class);
        assertThatThrownBy(() -> DagCbor.encode(new Object())).isInstanceOf(CodecException.class);
        assertThat(DagCbor.encode(List.of())).containsExactly(hex("80"));
    }

    @Property(tries = 2000)
    void randomBytesDecodeOrFailWithACodecException(@ForAll byte[] bytes) {
        try {
            DagCbor.decode(bytes);
        } catch (CodecException expected) {
            // the only failure allowed
        }
    }

    @Property(tries = 1000)
    void bitFlippedValidEncodingsDecodeOrFailWithACodecException(@ForAll("values") Object value, @ForAll int at, @ForAll byte mask) {
        byte[] b = DagCbor.encode(value);
        b[Math.floorMod(at, b.length)] ^= mask;
        try {
            DagCbor.decode(b);
        } catch (CodecException expected) {
            // the only failure allowed
        }
    }
}
