package io.cairn.multiformats;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/** A self-describing hash: the hash function's multicodec code, then the digest. Immutable. */
public final class Multihash {
    /** Identity "hashes" embed the data; bound them as Kubo does so a CID stays a small value. */
    public static final int MAX_IDENTITY_LENGTH = 128;
    private static final int MAX_DIGEST_LENGTH = 1024;

    private final long code;
    private final byte[] digest;

    private Multihash(long code, byte[] digest) {
        this.code = code;
        this.digest = digest;
    }

    public static Multihash of(Multicodec function, byte[] digest) {
        return of(function.code(), digest.clone());
    }

    private static Multihash of(long code, byte[] digest) {
        int expected = expectedLength(code);
        if (expected >= 0 && digest.length != expected) {
            throw MultiformatException.invalid("multihash", Multicodec.ofCode(code) + " digest must be " + expected + " bytes, got " + digest.length);
        }
        if (code == Multicodec.IDENTITY.code() && digest.length > MAX_IDENTITY_LENGTH) {
            throw MultiformatException.invalid("multihash", "identity digest longer than " + MAX_IDENTITY_LENGTH + " bytes");
        }
        if (digest.length > MAX_DIGEST_LENGTH) throw MultiformatException.invalid("multihash", "digest too long");
        return new Multihash(code, digest);
    }

    public static Multihash sha256(byte[] data) {
        return sha256(data, 0, data.length);
    }

    public static Multihash sha256(byte[] data, int offset, int length) {
        MessageDigest md = messageDigest("SHA-256");
        md.update(data, offset, length);
        return new Multihash(Multicodec.SHA2_256.code(), md.digest());
    }

    /** Wraps an existing SHA-256 digest. */
    public static Multihash ofSha256Digest(byte[] digest) {
        return of(Multicodec.SHA2_256, digest);
    }

    public static Multihash sha512(byte[] data) {
        return new Multihash(Multicodec.SHA2_512.code(), messageDigest("SHA-512").digest(data));
    }

    public static Multihash identity(byte[] data) {
        return of(Multicodec.IDENTITY.code(), data.clone());
    }

    /** Computes the multihash of {@code data} with the given function. */
    public static Multihash digest(Multicodec function, byte[] data) {
        return switch (function) {
            case SHA2_256 -> sha256(data);
            case SHA2_512 -> sha512(data);
            case IDENTITY -> identity(data);
            default -> throw MultiformatException.invalid("multihash", "unsupported hash function " + function);
        };
    }

    public static Multihash fromBytes(byte[] bytes) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        Multihash mh = read(buf);
        if (buf.hasRemaining()) throw MultiformatException.invalid("multihash", "trailing bytes");
        return mh;
    }

    /** Reads a multihash at the buffer's position and advances past it. */
    public static Multihash read(ByteBuffer buf) {
        long code = Varint.read(buf);
        long length = Varint.read(buf);
        if (length > buf.remaining()) throw MultiformatException.invalid("multihash", "digest truncated");
        if (length > MAX_DIGEST_LENGTH) throw MultiformatException.invalid("multihash", "digest too long");
        byte[] digest = new byte[(int) length];
        buf.get(digest);
        return of(code, digest);
    }

    private static int expectedLength(long code) {
        if (code == Multicodec.SHA2_256.code()) return 32;
        if (code == Multicodec.SHA2_512.code()) return 64;
        return -1;
    }

    public long code() {
        return code;
    }

    /** The hash function, if Cairn knows it. */
    public Multicodec function() {
        return Multicodec.ofCode(code);
    }

    public byte[] digest() {
        return digest.clone();
    }

    public int digestLength() {
        return digest.length;
    }

    public boolean isIdentity() {
        return code == Multicodec.IDENTITY.code();
    }

    /** True when {@code data} hashes to this multihash; throws for hash functions Cairn cannot compute. */
    public boolean matches(byte[] data) {
        if (isIdentity()) return Arrays.equals(digest, data);
        if (code != Multicodec.SHA2_256.code() && code != Multicodec.SHA2_512.code()) {
            throw MultiformatException.invalid("multihash", "cannot verify hash function 0x" + Long.toHexString(code));
        }
        return MessageDigest.isEqual(digest, digest(function(), data).digest);
    }

    public byte[] toBytes() {
        byte[] out = new byte[Varint.size(code) + Varint.size(digest.length) + digest.length];
        int p = Varint.write(code, out, 0);
        p += Varint.write(digest.length, out, p);
        System.arraycopy(digest, 0, out, p, digest.length);
        return out;
    }

    int encodedLength() {
        return Varint.size(code) + Varint.size(digest.length) + digest.length;
    }

    static MessageDigest messageDigest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " missing from the JDK", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Multihash m && m.code == code && Arrays.equals(m.digest, digest);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(code) * 31 + Arrays.hashCode(digest);
    }

    @Override
    public String toString() {
        return (Multicodec.isKnown(code) ? Multicodec.ofCode(code).codecName() : "0x" + Long.toHexString(code))
                + ":" + Multibase.hex(digest);
    }
}
