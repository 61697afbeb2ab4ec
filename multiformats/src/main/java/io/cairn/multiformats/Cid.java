package io.cairn.multiformats;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A content identifier, version 0 or 1. Immutable; {@link #equals} compares the binary form.
 * Version 1 prints in base32 (lower) by default and version 0 in bare base58btc, as Kubo and Helia do.
 */
public final class Cid implements Comparable<Cid> {
    private static final int V0_LENGTH = 34;
    /**
     * Longer than any CID string Cairn can parse (a 1 KiB digest in base16 is about 2,100 characters);
     * checked first because base58/base36 decoding is quadratic in the length.
     */
    public static final int MAX_STRING_LENGTH = 4096;

    private final int version;
    private final long codec;
    private final Multihash multihash;
    private final byte[] bytes;

    private Cid(int version, long codec, Multihash multihash) {
        this.version = version;
        this.codec = codec;
        this.multihash = multihash;
        this.bytes = encode(version, codec, multihash);
    }

    /** A CIDv1 with the given content codec. */
    public static Cid v1(Multicodec codec, Multihash multihash) {
        return new Cid(1, codec.code(), multihash);
    }

    public static Cid v1(long codec, Multihash multihash) {
        return new Cid(1, codec, multihash);
    }

    /** A CIDv0: always dag-pb and sha2-256. */
    public static Cid v0(Multihash multihash) {
        if (multihash.code() != Multicodec.SHA2_256.code()) {
            throw MultiformatException.invalid("cid", "CIDv0 requires a sha2-256 multihash");
        }
        return new Cid(0, Multicodec.DAG_PB.code(), multihash);
    }

    public static Cid of(int version, Multicodec codec, Multihash multihash) {
        if (version == 0) {
            if (codec != Multicodec.DAG_PB) throw MultiformatException.invalid("cid", "CIDv0 must be dag-pb");
            return v0(multihash);
        }
        if (version == 1) return v1(codec, multihash);
        throw MultiformatException.invalid("cid", "unsupported version " + version);
    }

    /** Hashes {@code data} with sha2-256 and wraps it in a CID of the given version and codec. */
    public static Cid sha256(int version, Multicodec codec, byte[] data) {
        return of(version, codec, Multihash.sha256(data));
    }

    /** Parses the string form: a bare base58btc CIDv0 or any supported multibase CIDv1. */
    public static Cid parse(String text) {
        if (text == null || text.isEmpty()) throw MultiformatException.invalid("cid", "empty string");
        if (text.length() > MAX_STRING_LENGTH) {
            throw MultiformatException.invalid("cid", "longer than " + MAX_STRING_LENGTH + " characters");
        }
        if (text.length() == 46 && text.startsWith("Qm")) {
            return fromBytes(Multibase.BASE58_BTC.decodeBare(text));
        }
        byte[] decoded;
        try {
            decoded = Multibase.decode(text);
        } catch (MultiformatException e) {
            throw MultiformatException.invalid("cid", "'" + abbreviate(text) + "' is not a CID (" + e.getMessage() + ")");
        }
        if (decoded.length == V0_LENGTH && decoded[0] == 0x12 && decoded[1] == 0x20) {
            throw MultiformatException.invalid("cid", "a CIDv0 must be bare base58btc, not multibase-prefixed");
        }
        return fromBytes(decoded);
    }

    /** Parses the binary form. */
    public static Cid fromBytes(byte[] bytes) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        Cid cid = read(buf);
        if (buf.hasRemaining()) throw MultiformatException.invalid("cid", "trailing bytes after CID");
        return cid;
    }

    /** Reads a binary CID at the buffer's position and advances past it (used by CAR and dag-pb). */
    public static Cid read(ByteBuffer buf) {
        if (buf.remaining() >= 2 && buf.get(buf.position()) == 0x12 && buf.get(buf.position() + 1) == 0x20) {
            if (buf.remaining() < V0_LENGTH) throw MultiformatException.invalid("cid", "truncated CIDv0");
            return v0(Multihash.read(buf));
        }
        long version = Varint.read(buf);
        if (version != 1) {
            throw MultiformatException.invalid("cid", version == 0
                    ? "CIDv0 cannot carry an explicit version prefix" : "unsupported version " + version);
        }
        long codec = Varint.read(buf);
        return new Cid(1, codec, Multihash.read(buf));
    }

    private static byte[] encode(int version, long codec, Multihash mh) {
        if (version == 0) return mh.toBytes();
        byte[] out = new byte[Varint.size(version) + Varint.size(codec) + mh.encodedLength()];
        int p = Varint.write(version, out, 0);
        p += Varint.write(codec, out, p);
        byte[] m = mh.toBytes();
        System.arraycopy(m, 0, out, p, m.length);
        return out;
    }

    public int version() {
        return version;
    }

    public long codecCode() {
        return codec;
    }

    /** The content codec; throws {@link MultiformatException} for a code Cairn does not know. */
    public Multicodec codec() {
        return Multicodec.ofCode(codec);
    }

    public boolean hasCodec(Multicodec c) {
        return codec == c.code();
    }

    public Multihash multihash() {
        return multihash;
    }

    public byte[] toBytes() {
        return bytes.clone();
    }

    public int byteLength() {
        return bytes.length;
    }

    /** Writes the binary form into {@code out} without copying through a new array. */
    public void writeTo(ByteBuffer out) {
        out.put(bytes);
    }

    public Cid toV1() {
        return version == 1 ? this : new Cid(1, codec, multihash);
    }

    /** The CIDv0 form of a dag-pb sha2-256 CID. */
    public Cid toV0() {
        if (version == 0) return this;
        if (codec != Multicodec.DAG_PB.code()) throw MultiformatException.invalid("cid", "only dag-pb CIDs have a v0 form");
        return v0(multihash);
    }

    /** Verifies that {@code data} hashes to this CID's multihash. */
    public boolean matches(byte[] data) {
        return multihash.matches(data);
    }

    public String toString(Multibase base) {
        if (version == 0) {
            if (base != Multibase.BASE58_BTC) throw MultiformatException.invalid("cid", "CIDv0 is only base58btc");
            return Multibase.BASE58_BTC.encodeBare(bytes);
        }
        return base.encode(bytes);
    }

    @Override
    public String toString() {
        return version == 0 ? Multibase.BASE58_BTC.encodeBare(bytes) : Multibase.BASE32.encode(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cid c && Arrays.equals(c.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** Orders by binary form, bytewise unsigned. */
    @Override
    public int compareTo(Cid o) {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }
}
