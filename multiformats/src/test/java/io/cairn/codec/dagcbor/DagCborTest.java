package io.cairn.codec.dagcbor;

import static io.cairn.codec.dagcbor.DataModelValues.normal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.codec.CodecException;
import io.cairn.multiformats.Cid;
import io.cairn.multiformats.Multicodec;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class DagCborTest {
    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    private static String hexOf(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    @Provide
    Arbitrary<Object> values() {
        return DataModelValues.values(true);
    }

    @Property(tries = 1000)
    void decodingAnEncodingGivesBackTheSameValue(@ForAll("values") Object value) {
        assertThat(normal(DagCbor.decode(DagCbor.encode(value)))).isEqualTo(normal(value));
    }

    @Property(tries = 1000)
    void canonicalBytesReEncodeToThemselves(@ForAll("values") Object value) {
        byte[] canonical = DagCbor.encode(value);
        assertThat(DagCbor.encode(DagCbor.decode(canonical))).isEqualTo(canonical);
    }

    @Property(tries = 500)
    void linksListsEveryCidInDocumentOrder(@ForAll("values") Object value) {
        List<Cid> expected = new ArrayList<>();
        collectLinks(DagCbor.decode(DagCbor.encode(value)), expected);
        assertThat(DagCbor.links(DagCbor.encode(value))).isEqualTo(expected);
    }

    private static void collectLinks(Object v, List<Cid> out) {
        if (v instanceof Cid c) out.add(c);
        else if (v instanceof List<?> l) l.forEach(x -> collectLinks(x, out));
        else if (v instanceof Map<?, ?> m) m.values().forEach(x -> collectLinks(x, out));
    }

    @Test
    void sortsMapKeysByUtf8LengthFirstThenBytewise() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String k : List.of("bb", "a", "b", "aaa", "\uD83D\uDE00", "\uE000", "é", "z")) m.put(k, 1L);
        @SuppressWarnings("unchecked")
        Map<String, Object> decoded = (Map<String, Object>) DagCbor.decode(DagCbor.encode(m));
        // é is 2 bytes (c3 a9), U+E000 is 3 (ee 80 80), the emoji 4 (f0 9f 98 80): UTF-8 length, not UTF-16
        assertThat(decoded.keySet()).containsExactly("a", "b", "z", "bb", "é", "aaa", "\uE000", "\uD83D\uDE00");
    }

    @Test
    void writesIntegersAndLengthsMinimallyAndFloatsAs64Bit() {
        Map<Object, String> expected = new LinkedHashMap<>();
        expected.put(0L, "00");
        expected.put(23L, "17");
        expected.put(24L, "1818");
        expected.put(255, "18ff");
        expected.put(256L, "190100");
        expected.put(65535L, "19ffff");
        expected.put(65536L, "1a00010000");
        expected.put(4294967295L, "1affffffff");
        expected.put(4294967296L, "1b0000000100000000");
        expected.put(Long.MAX_VALUE, "1b7fffffffffffffff");
        expected.put(-1L, "20");
        expected.put(-24L, "37");
        expected.put(-25L, "3818");
        expected.put(Long.MIN_VALUE, "3b7fffffffffffffff");
        expected.put(new BigInteger("18446744073709551615"), "1bffffffffffffffff");
        expected.put(new BigInteger("-18446744073709551616"), "3bffffffffffffffff");
        expected.put(1.0, "fb3ff0000000000000");
        expected.put(1.5f, "fb3ff8000000000000");
        expected.put(-0.0, "fb8000000000000000");
        expected.put("a".repeat(24), "7818" + "61".repeat(24));
        expected.put(new byte[256], "590100" + "00".repeat(256));
        for (Map.Entry<Object, String> e : expected.entrySet()) {
            assertThat(hexOf(DagCbor.encode(e.getKey()))).as(String.valueOf(e.getKey())).isEqualTo(e.getValue());
        }
        assertThat(DagCbor.decode(hex("1bffffffffffffffff"))).isEqualTo(new BigInteger("18446744073709551615"));
        assertThat(DagCbor.decode(hex("3bffffffffffffffff"))).isEqualTo(new BigInteger("-18446744073709551616"));
        assertThat(DagCbor.decode(hex("3b7fffffffffffffff"))).isEqualTo(Long.MIN_VALUE);
        assertThat(DagCbor.decode(hex("fb3ff0000000000000"))).isEqualTo(1.0);
    }

    @Test
    void encodesLinksAsTag42WithTheIdentityPrefix() {
        Cid cid = Cid.sha256(1, Multicodec.DAG_CBOR, new byte[] {1});
        byte[] enc = DagCbor.encode(Map.of("link", cid));
        assertThat(hexOf(enc)).isEqualTo("a1646c696e6b" + "d82a5825" + "00" + hexOf(cid.toBytes()));
        assertThat(DagCbor.links(enc)).containsExactly(cid);
        assertThat(DagCbor.decode(enc)).isEqualTo(Map.of("link", cid));
    }

    @Test
    void refusesToEncodeWhatDagCborCannotHold() {
        List<Object> selfContaining = new ArrayList<>();
        selfContaining.add(selfContaining);
        Map<String, Object> cases = new LinkedHashMap<>();
        cases.put("NaN", Double.NaN);
        cases.put("Infinity", Double.NEGATIVE_INFINITY);
        cases.put("keys must be strings", Map.of(1, 2));
        cases.put("64-bit range", BigInteger.TWO.pow(64));
        cases.put("outside the 64-bit range", BigInteger.TWO.pow(64).negate().subtract(BigInteger.ONE));
        cases.put("cannot encode a java.lang.Object", new Object());
        cases.put("only Lists", Set.of(1));
        cases.put("unpaired surrogate", "\uD800x");
        cases.put("map key holds an unpaired surrogate", Map.of("\uDC00", 1));
        cases.put("nesting deeper", selfContaining);
        for (Map.Entry<String, Object> c : cases.entrySet()) {
            assertThatThrownBy(() -> DagCbor.encode(c.getValue())).as(c.getKey())
                    .isInstanceOf(CodecException.class).hasMessageContaining(c.getKey());
        }
    }

    /** One hand-built byte sequence per rule of the spec's strict mode, each with the reason it must give. */
    @Test
    void rejectsEveryNonCanonicalOrForbiddenForm() {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("1817", "not minimally encoded");              // 23 in two bytes
        cases.put("190017", "not minimally encoded");            // 23 in three bytes
        cases.put("1a0000ffff", "not minimally encoded");        // 65535 in five bytes
        cases.put("1b00000000ffffffff", "not minimally encoded"); // 2^32-1 in nine bytes
        cases.put("3817", "not minimally encoded");              // -24 in two bytes
        cases.put("780161", "not minimally encoded");            // a 1-byte string with a 1-byte length
        cases.put("590001" + "00", "not minimally encoded");     // a 1-byte byte string with a 2-byte length
        cases.put("980100", "not minimally encoded");            // a 1-element list with a 1-byte count
        cases.put("b801616101", "not minimally encoded");        // a 1-entry map with a 1-byte count
        cases.put("f93c00", "64-bit");                           // half-precision 1.0
        cases.put("f97e00", "64-bit");                           // half-precision NaN
        cases.put("fa3f800000", "64-bit");                       // single-precision 1.0
        cases.put("fb7ff8000000000000", "NaN");
        cases.put("fb7ff0000000000000", "Infinity");
        cases.put("fbfff0000000000000", "Infinity");
        cases.put("f7", "undefined");
        cases.put("f0", "simple value");
        cases.put("f820", "simple value");
        cases.put("1c", "reserved");
        cases.put("9fff", "indefinite");
        cases.put("bf6161 01ff".replace(" ", ""), "indefinite");
        cases.put("5f4101ff", "indefinite");
        cases.put("7f6161ff", "indefinite");
        cases.put("ff", "break");
        cases.put("a2616101616101", "duplicate");
        cases.put("a2616201616101", "canonical order");          // "b" before "a"
        cases.put("a2626161016162 01".replace(" ", ""), "canonical order"); // "aa" before "b": length first
        cases.put("a10101", "keys must be strings");
        cases.put("a1f601", "keys must be strings");
        cases.put("c074323031332d30332d32315432303a30343a30305a", "tag 0");
        cases.put("d82b4100", "tag 43");
        cases.put("d9002a4100", "not minimally encoded");        // tag 42 in a 2-byte head
        cases.put("d82a01", "must wrap a byte string");
        cases.put("d82a40", "0x00 multibase prefix");            // empty
        cases.put("d82a420101", "0x00 multibase prefix");
        cases.put("d82a4100", "invalid CID");                     // the prefix and nothing else
        cases.put("d82a4400015512", "invalid CID");               // truncated multihash
        cases.put("d82a4600015500000000", "trailing bytes");      // an identity CID followed by junk
        cases.put("0000", "trailing");
        cases.put("62c328", "UTF-8");                             // a broken two-byte sequence
        cases.put("62c0af", "UTF-8");                             // overlong '/'
        cases.put("63eda080", "UTF-8");                           // an encoded surrogate
        cases.put("64f4908080", "UTF-8");                         // above U+10FFFF
        cases.put("a162ff6101", "UTF-8");                         // in a key
        cases.put("5a7fffffff", "exceeds");                       // claims 2 GiB of bytes
        cases.put("7bffffffffffffffff", "exceeds");               // claims 2^64-1 characters
        cases.put("9b0000000100000000", "exceeds");               // claims 2^32 elements
        cases.put("bb7fffffffffffffff", "exceeds");
        cases.put("", "end of input");
        cases.put("1b0000", "end of input");
        cases.put("fb3ff0", "end of input");
        cases.put("8201", "exceeds");                             // two elements claimed, one byte left
        cases.put("a16161", "end of input");                      // a key without its value
        for (Map.Entry<String, String> c : cases.entrySet()) {
            byte[] input = hex(c.getKey());
            assertThatThrownBy(() -> DagCbor.decode(input))
                    .as(c.getKey()).isInstanceOf(CodecException.class).hasMessageContaining(c.getValue())
                    .extracting(e -> ((CodecException) e).code()).isEqualTo("invalid_dag_cbor");
            assertThatThrownBy(() -> DagCbor.links(input)).as("links of " + c.getKey()).isInstanceOf(CodecException.class);
        }
    }

    @Test
    void rejectsNestingDeeperThanTheLimitInListsAndMaps() {
        byte[] deepLists = new byte[DagCbor.MAX_DEPTH + 2];
        Arrays.fill(deepLists, (byte) 0x81);
        deepLists[deepLists.length - 1] = 0x00;
        assertThatThrownBy(() -> DagCbor.decode(deepLists)).isInstanceOf(CodecException.class).hasMessageContaining("nesting");

        byte[] deepMaps = new byte[(DagCbor.MAX_DEPTH + 1) * 3 + 1];
        for (int i = 0; i + 3 <= deepMaps.length; i += 3) {
            deepMaps[i] = (byte) 0xA1;
            deepMaps[i + 1] = 0x61;
            deepMaps[i + 2] = 'k';
        }
        assertThatThrownBy(() -> DagCbor.decode(deepMaps)).isInstanceOf(CodecException.class).hasMessageContaining("nesting");

        byte[] atTheLimit = Arrays.copyOfRange(deepLists, 1, deepLists.length);
        assertThat(DagCbor.decode(atTheLimit)).isInstanceOf(List.class);
    }

    @Test
    void aClaimedLengthLargerThanTheInputFailsWithoutAllocatingIt() {
        Runtime rt = Runtime.getRuntime();
        for (String claim : List.of("5b7fffffffffffffff", "5a7fffffff", "9a7fffffff", "ba7fffffff", "7a7fffffff")) {
            long before = rt.totalMemory() - rt.freeMemory();
            assertThatThrownBy(() -> DagCbor.decode(hex(claim + "00"))).isInstanceOf(CodecException.class).hasMessageContaining("exceeds");
            assertThat(rt.totalMemory() - rt.freeMemory() - before).as(claim).isLessThan(64L << 20);
        }
    }

    record Point(long x, String label) {}

    record Shape(String name, List<Point> points, Map<String, Integer> tags, byte[] data, Cid link, Double weight, int count) {}

    @Test
    void encodesRecordsAsMapsOfTheirComponentsAndDecodesThemBack() {
        Cid cid = Cid.sha256(1, Multicodec.RAW, new byte[] {7});
        Shape shape = new Shape("s", List.of(new Point(3, "p"), new Point(-4, "q")), Map.of("t", 9), new byte[] {1, 2}, cid, 0.5, 2);
        byte[] bytes = DagCbor.encode(shape);
        assertThat(DagCbor.decode(DagCbor.encode(new Point(3, "p")))).isEqualTo(Map.of("x", 3L, "label", "p"));
        assertThat(bytes).isEqualTo(DagCbor.encode(normalToPlain(normal(shape))));
        Shape back = DagCbor.decode(bytes, Shape.class);
        assertThat(back.points()).containsExactly(new Point(3, "p"), new Point(-4, "q"));
        assertThat(back.tags()).isEqualTo(Map.of("t", 9));
        assertThat(back.data()).containsExactly(1, 2);
        assertThat(back.link()).isEqualTo(cid);
        assertThat(back.weight()).isEqualTo(0.5);
        assertThat(back.count()).isEqualTo(2);
    }

    private static Object normalToPlain(Object v) {
        if (v instanceof DataModelValues.Bytes b) return hex(b.hex());
        if (v instanceof List<?> l) return l.stream().map(DagCborTest::normalToPlain).toList();
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(k, normalToPlain(x)));
            return out;
        }
        return v;
    }

    @Test
    void decodingIntoARecordChecksKeysKindsAndRanges() {
        Map<String, Object> cases = new LinkedHashMap<>();
        cases.put("has no component \"extra\"", Map.of("x", 1L, "label", "a", "extra", 1L));
        cases.put("missing \"x\"", Map.of("label", "a"));
        cases.put("expected a String", Map.of("x", 1L, "label", 5L));
        cases.put("expected a map for Point", List.of(1L));
        for (Map.Entry<String, Object> c : cases.entrySet()) {
            byte[] bytes = DagCbor.encode(c.getValue());
            assertThatThrownBy(() -> DagCbor.decode(bytes, Point.class)).as(c.getKey())
                    .isInstanceOf(CodecException.class).hasMessageContaining(c.getKey())
                    .extracting(e -> ((CodecException) e).code()).isEqualTo("record_mismatch");
        }
        byte[] tooBig = DagCbor.encode(Map.of("name", "s", "count", 1L << 40));
        assertThatThrownBy(() -> DagCbor.decode(tooBig, Shape.class)).hasMessageContaining("does not fit in a int");
        assertThat(DagCbor.decode(DagCbor.encode(Map.of("x", 1L)), Point.class)).isEqualTo(new Point(1, null));
        // JavaScript writes an integral float as an integer; a float component still reads it
        assertThat(DagCbor.decode(DagCbor.encode(Map.of("name", "s", "count", 1L, "weight", 2L)), Shape.class).weight()).isEqualTo(2.0);
    }

    @Property(tries = 3000)
    void randomBytesDecodeOrFailWithACodecException(@ForAll byte[] bytes) {
        decodeExpectingOnlyCodecExceptions(bytes);
    }

    @Property(tries = 2000)
    void corruptedEncodingsDecodeOrFailWithACodecException(@ForAll("values") Object value, @ForAll int at, @ForAll byte mask, @ForAll boolean truncate) {
        byte[] b = DagCbor.encode(value);
        int i = Math.floorMod(at, b.length);
        b[i] ^= mask;
        decodeExpectingOnlyCodecExceptions(truncate ? Arrays.copyOf(b, i) : b);
    }

    /** decode and links agree on what is valid, and neither throws anything but a CodecException. */
    private static void decodeExpectingOnlyCodecExceptions(byte[] bytes) {
        Object decoded;
        try {
            decoded = DagCbor.decode(bytes);
        } catch (CodecException expected) {
            assertThatThrownBy(() -> DagCbor.links(bytes)).isInstanceOf(CodecException.class);
            return;
        }
        assertThat(DagCbor.encode(decoded)).as("accepted input must be canonical").isEqualTo(bytes);
        assertThat(DagCbor.links(bytes)).isNotNull();
    }
}
