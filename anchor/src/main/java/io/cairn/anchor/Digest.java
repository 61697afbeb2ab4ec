package io.cairn.anchor;

import io.cairn.multiformats.Cid;
import io.cairn.multiformats.Multicodec;
import java.util.Arrays;
import java.util.HexFormat;

/** A 32-byte digest to anchor: a CID's sha2-256 digest, a DWN message hash, a file hash. Immutable. */
public final class Digest implements Comparable<Digest> {
    public static final int LENGTH = 32;

    private final byte[] bytes;

    private Digest(byte[] bytes) {
        this.bytes = bytes;
    }

    public static Digest of(byte[] bytes) {
        if (bytes == null || bytes.length != LENGTH) {
            throw AnchorException.badInput("invalid_digest", "a digest is " + LENGTH + " bytes, got " + (bytes == null ? "none" : bytes.length));
        }
        return new Digest(bytes.clone());
    }

    /** Parses 64 hex characters (either case). */
    public static Digest parse(String hex) {
        if (hex == null || hex.length() != 2 * LENGTH) {
            throw AnchorException.badInput("invalid_digest", "a digest is 64 hex characters, got " + (hex == null ? "none" : hex.length()));
        }
        try {
            return new Digest(HexFormat.of().parseHex(hex));
        } catch (IllegalArgumentException e) {
            throw AnchorException.badInput("invalid_digest", "'" + hex + "' is not hexadecimal");
        }
    }

    /** The sha2-256 digest inside a CID's multihash. */
    public static Digest ofCid(Cid cid) {
        if (cid.multihash().code() != Multicodec.SHA2_256.code()) {
            throw AnchorException.badInput("invalid_digest", cid + " is not a sha2-256 CID");
        }
        return new Digest(cid.multihash().digest());
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    /** Copies the digest into {@code out} at {@code offset} without allocating. */
    public void copyTo(byte[] out, int offset) {
        System.arraycopy(bytes, 0, out, offset, LENGTH);
    }

    public String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Digest d && Arrays.equals(d.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public int compareTo(Digest o) {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}
