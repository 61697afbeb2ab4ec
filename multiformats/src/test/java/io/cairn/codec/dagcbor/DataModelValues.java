package io.cairn.codec.dagcbor;

import io.cairn.multiformats.Cid;
import io.cairn.multiformats.Multicodec;
import io.cairn.multiformats.Multihash;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/** Generators of IPLD data-model values and a normal form to compare them by, for the codec tests. */
public final class DataModelValues {
    private DataModelValues() {}

    /** A byte string in the normal form, so that equals compares contents. */
    public record Bytes(String hex) {}

    /**
     * Nested values of every kind. Keys come from a small alphabet (to force length ties, shared
     * prefixes, "/" and characters whose UTF-8 and UTF-16 orders differ) or are arbitrary.
     * {@code integralFloats} false leaves out floats without a fraction (JavaScript reads them as integers).
     */
    public static Arbitrary<Object> values(boolean integralFloats) {
        Arbitrary<Double> doubles = Arbitraries.oneOf(
                        Arbitraries.doubles(),
                        Arbitraries.of(0.1, -0.5, 1e300, -1e-300, 5e-324, Double.MAX_VALUE, Double.MIN_NORMAL, 1.0, -0.0, 0.0, 2.5e-7, 1e21),
                        Arbitraries.longs().map(Double::longBitsToDouble))
                .filter(d -> !Double.isNaN(d) && !Double.isInfinite(d))
                .filter(d -> integralFloats || d != Math.rint(d));
        Arbitrary<Object> scalars = Arbitraries.oneOf(
                Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.of(23L, 24L, 255L, 256L, 65535L, 65536L, 4294967295L, 4294967296L, -24L, -25L, -256L, -257L,
                        -65536L, -65537L, -4294967296L, -4294967297L, Long.MIN_VALUE, Long.MAX_VALUE).map(l -> (Object) l),
                Arbitraries.bigIntegers().between(BigInteger.ONE.shiftLeft(64).negate(), BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE))
                        .map(b -> (Object) b),
                doubles.map(d -> (Object) d),
                strings().map(s -> (Object) s),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(40).map(b -> (Object) b),
                Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.just(null),
                cids().map(c -> (Object) c));
        return Arbitraries.recursive(() -> scalars, inner -> Arbitraries.oneOf(
                inner,
                inner.list().ofMaxSize(5).map(l -> (Object) l),
                Arbitraries.maps(keys(), inner).ofMaxSize(6).map(m -> (Object) m)), 0, 4);
    }

    public static Arbitrary<String> strings() {
        Arbitrary<String> codePoints = Arbitraries.integers().between(0, 0x10FFFF)
                .filter(cp -> cp < 0xD800 || cp > 0xDFFF)
                .list().ofMaxSize(12)
                .map(cps -> {
                    StringBuilder sb = new StringBuilder();
                    cps.forEach(sb::appendCodePoint);
                    return sb.toString();
                });
        return Arbitraries.oneOf(Arbitraries.strings().ascii().ofMaxLength(30), codePoints);
    }

    public static Arbitrary<String> keys() {
        return Arbitraries.oneOf(
                Arbitraries.of("a", "b", "/", "\u00e9", "\uE000", "\uD83D\uDE00").list().ofMaxSize(3).map(parts -> String.join("", parts)),
                strings());
    }

    public static Arbitrary<Cid> cids() {
        Arbitrary<byte[]> data = Arbitraries.bytes().array(byte[].class).ofMaxSize(16);
        return Arbitraries.oneOf(
                data.map(d -> Cid.v0(Multihash.sha256(d))),
                data.map(d -> Cid.sha256(1, Multicodec.DAG_CBOR, d)),
                data.map(d -> Cid.v1(Multicodec.RAW, Multihash.identity(d))),
                data.map(d -> Cid.v1(Multicodec.DAG_PB, Multihash.sha512(d))));
    }

    /**
     * The value as the decoder returns it: Integer/Short/Byte as Long, BigInteger inside the long range
     * as Long, Float as Double, records as maps; byte[] as {@link Bytes} so equals compares contents.
     */
    public static Object normal(Object v) {
        return switch (v) {
            case null -> null;
            case Integer i -> (long) i;
            case Short s -> (long) s;
            case Byte b -> (long) b;
            case Float f -> (double) f;
            case BigInteger b -> b.bitLength() < 64 ? (Object) b.longValue() : b;
            case byte[] b -> new Bytes(HexFormat.of().formatHex(b));
            case List<?> l -> {
                List<Object> out = new ArrayList<>();
                l.forEach(x -> out.add(normal(x)));
                yield out;
            }
            case Map<?, ?> m -> {
                Map<Object, Object> out = new LinkedHashMap<>();
                m.forEach((k, x) -> out.put(k, normal(x)));
                yield out;
            }
            case Record r -> normal(ValueMapper.componentsOf(r));
            default -> v;
        };
    }
}
