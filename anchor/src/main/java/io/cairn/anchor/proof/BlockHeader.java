package io.cairn.anchor.proof;

import io.cairn.anchor.AnchorException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An 80-byte Bitcoin block header: version, previous block hash, Merkle root, time, bits, nonce
 * (hashes in internal byte order, integers little-endian). Immutable.
 */
public final class BlockHeader {
    public static final int LENGTH = 80;

    private final byte[] bytes;
    private volatile byte[] hash; // computed when first asked: comparing headers needs no hashing

    private BlockHeader(byte[] bytes) {
        this.bytes = bytes;
    }

    private byte[] hashBytes() {
        if (hash == null) hash = BlockInclusion.sha256d(bytes);
        return hash;
    }

    public static BlockHeader of(byte[] bytes) {
        if (bytes == null || bytes.length != LENGTH) {
            throw AnchorException.badInput("invalid_header", "a block header is " + LENGTH + " bytes, got " + (bytes == null ? "none" : bytes.length));
        }
        return new BlockHeader(bytes.clone());
    }

    public static BlockHeader parseHex(String hex) {
        try {
            return of(HexFormat.of().parseHex(hex.strip()));
        } catch (IllegalArgumentException e) {
            throw AnchorException.badInput("invalid_header", "a block header is 160 hex characters");
        }
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    /** The block hash in internal byte order (what the next header's previous-hash field holds). */
    public byte[] hash() {
        return hashBytes().clone();
    }

    /** The block hash as block explorers and RPC print it (byte-reversed). */
    public String hashHex() {
        return HexFormat.of().formatHex(reversed(hashBytes()));
    }

    public byte[] previousHash() {
        return Arrays.copyOfRange(bytes, 4, 36);
    }

    public byte[] merkleRoot() {
        return Arrays.copyOfRange(bytes, 36, 68);
    }

    /** Seconds since the epoch, as the miner stated it. */
    public long time() {
        return Integer.toUnsignedLong(ByteBuffer.wrap(bytes, 68, 4).order(ByteOrder.LITTLE_ENDIAN).getInt());
    }

    /** The compact target ("nBits"). */
    public long bits() {
        return Integer.toUnsignedLong(ByteBuffer.wrap(bytes, 72, 4).order(ByteOrder.LITTLE_ENDIAN).getInt());
    }

    /** The target the block hash must not exceed, decoded from {@link #bits()}; refuses negative or overflowing encodings. */
    public BigInteger target() {
        return targetOf(bits());
    }

    static BigInteger targetOf(long bits) {
        int exponent = (int) (bits >>> 24);
        long mantissa = bits & 0x007fffffL;
        if ((bits & 0x00800000L) != 0 && mantissa != 0) throw AnchorException.badInput("invalid_header", "negative target in bits " + Long.toHexString(bits));
        BigInteger m = BigInteger.valueOf(mantissa);
        BigInteger target = exponent <= 3 ? m.shiftRight(8 * (3 - exponent)) : m.shiftLeft(8 * (exponent - 3));
        if (target.bitLength() > 256) throw AnchorException.badInput("invalid_header", "target overflows in bits " + Long.toHexString(bits));
        return target;
    }

    /** True if the block hash, read as a little-endian number, is at most the stated target. */
    public boolean meetsItsTarget() {
        BigInteger target = target();
        return target.signum() > 0 && new BigInteger(1, reversed(hashBytes())).compareTo(target) <= 0;
    }

    private static byte[] reversed(byte[] b) {
        byte[] out = new byte[b.length];
        for (int i = 0; i < b.length; i++) out[i] = b[b.length - 1 - i];
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BlockHeader h && Arrays.equals(h.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return hashHex();
    }
}
