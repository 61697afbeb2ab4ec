package io.cairn.multiformats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.interop.NodePeer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** CID and multibase strings against js `multiformats` (interop/js/cid.mjs), in the same run. */
@Tag("interop")
class CidInteropTest {
    private static final HexFormat HEX = HexFormat.of();
    /** Cairn's bases by the names js `multiformats` gives them. */
    private static final Map<String, Multibase> BASES = Map.of(
            "base16", Multibase.BASE16, "base16upper", Multibase.BASE16_UPPER,
            "base32", Multibase.BASE32, "base32upper", Multibase.BASE32_UPPER,
            "base36", Multibase.BASE36, "base36upper", Multibase.BASE36_UPPER,
            "base58btc", Multibase.BASE58_BTC, "base64", Multibase.BASE64, "base64url", Multibase.BASE64_URL);

    static Arbitrary<Cid> cids() {
        Arbitrary<byte[]> data = Arbitraries.bytes().array(byte[].class).ofMaxSize(64);
        Arbitrary<Long> codecs = Arbitraries.oneOf(
                Arbitraries.of(Multicodec.values()).map(Multicodec::code),
                // codes Cairn does not know still round-trip; js multiformats reads varints as Numbers, exact up to 2^53
                Arbitraries.longs().between(0, (1L << 53) - 1));
        Arbitrary<Cid> v1 = Combinators.combine(codecs, data, Arbitraries.of(Multicodec.SHA2_256, Multicodec.SHA2_512, Multicodec.IDENTITY))
                .as((c, d, h) -> Cid.v1(c, Multihash.digest(h, d)));
        return Arbitraries.oneOf(v1, data.map(d -> Cid.v0(Multihash.sha256(d))));
    }

    @Test
    void cairnAndTheReferencePrintAndParseGeneratedCidsAlikeInEveryBase() {
        List<Cid> cids = new ArrayList<>(cids().sampleStream().limit(300).toList());
        cids.add(Cid.v1(Multicodec.RAW, Multihash.identity(new byte[0])));
        try (NodePeer ref = NodePeer.start("cid.mjs")) {
            for (Cid cid : cids) {
                JsonNode reply = ref.request(Map.of("cid", HEX.formatHex(cid.toBytes())));
                assertThat(reply.get("version").asInt()).isEqualTo(cid.version());
                assertThat(reply.get("code").asLong()).isEqualTo(cid.codecCode());
                assertThat(reply.get("default").asText()).as("default form").isEqualTo(cid.toString());
                reply.get("strings").properties().forEach(e -> {
                    Multibase base = BASES.get(e.getKey());
                    String theirs = e.getValue().asText();
                    assertThat(cid.toString(base)).as(e.getKey() + " of " + cid).isEqualTo(theirs);
                    assertThat(Cid.parse(theirs)).as("Cairn parses " + theirs).isEqualTo(cid);
                });
                if (cid.version() == 1) {
                    assertThat(reply.get("strings").size()).isEqualTo(BASES.size());
                    for (Multibase base : BASES.values()) {
                        JsonNode parsed = ref.request(Map.of("parse", cid.toString(base)));
                        assertThat(parsed.get("hex").asText()).as("reference parses " + cid.toString(base)).isEqualTo(HEX.formatHex(cid.toBytes()));
                    }
                }
            }
        }
    }

    @Test
    void cairnAndTheReferenceEncodeAndDecodeBytesAlikeInEveryBase() {
        List<byte[]> inputs = new ArrayList<>(Arbitraries.bytes().array(byte[].class).ofMaxSize(80).sampleStream().limit(300).toList());
        inputs.addAll(List.of(new byte[0], new byte[] {0}, new byte[] {0, 0, 1}, new byte[] {0, 0, 0}, new byte[] {(byte) 0xFF, 0}));
        try (NodePeer ref = NodePeer.start("cid.mjs")) {
            for (byte[] bytes : inputs) {
                JsonNode strings = ref.request(Map.of("encode", HEX.formatHex(bytes))).get("strings");
                for (Map.Entry<String, Multibase> b : BASES.entrySet()) {
                    String theirs = strings.get(b.getKey()).asText();
                    assertThat(b.getValue().encode(bytes)).as(b.getKey() + " of " + HEX.formatHex(bytes)).isEqualTo(theirs);
                    assertThat(Multibase.decode(theirs)).isEqualTo(bytes);
                }
            }
        }
    }

    /** Strings both must refuse: wrong alphabet or case, padding, non-zero trailing bits, impossible lengths, bad CIDs. */
    @Test
    void cairnRejectsWhatTheReferenceRejects() {
        Cid v1 = Cid.sha256(1, Multicodec.RAW, new byte[] {1});
        String b32 = v1.toString();
        List<String> multibase = List.of("mAB", "uAB", "bab", "bA", "f0", "z0", "zO", "k!", "m*", "b1");
        List<String> cidStrings = List.of("", "Qm", "QmTooShort", "z" + Cid.v0(Multihash.sha256(new byte[0])),
                b32.substring(0, b32.length() - 1), "b" + b32.substring(2), "bafyfoo", Multibase.BASE32.encode(new byte[] {2, 0x55, 0x00, 0x00}),
                Multibase.BASE32.encode(new byte[] {1, 0x55, 0x12, 0x20, 1, 2}), "baaaa");
        try (NodePeer ref = NodePeer.start("cid.mjs")) {
            for (String s : multibase) {
                assertThat(ref.request(Map.of("decode", s)).has("rejected")).as("reference decoding " + s).isTrue();
                assertThatThrownBy(() -> Multibase.decode(s)).as("Cairn decoding " + s).isInstanceOf(MultiformatException.class);
            }
            // js multiformats accepts padding in unpadded bases and either case in base16; each such string is
            // a second spelling of bytes whose canonical string differs, and Cairn keeps one spelling per value
            for (String s : List.of("mAA==", "uAA==", "fAB", "F0a")) {
                JsonNode decoded = ref.request(Map.of("decode", s));
                String canonical = ref.request(Map.of("encode", decoded.get("hex").asText())).get("strings")
                        .get(s.charAt(0) == 'm' ? "base64" : s.charAt(0) == 'u' ? "base64url" : s.charAt(0) == 'f' ? "base16" : "base16upper").asText();
                assertThat(canonical).as("reference's own spelling of " + s).isNotEqualTo(s);
                assertThatThrownBy(() -> Multibase.decode(s)).as("Cairn decoding " + s).isInstanceOf(MultiformatException.class);
            }
            for (String s : cidStrings) {
                assertThat(ref.request(Map.of("parse", s)).has("rejected")).as("reference parsing " + s).isTrue();
                assertThatThrownBy(() -> Cid.parse(s)).as("Cairn parsing " + s).isInstanceOf(MultiformatException.class);
            }
        }
    }
}
