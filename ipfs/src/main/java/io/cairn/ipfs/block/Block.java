package io.cairn.ipfs.block;

import io.cairn.multiformats.Cid;
import java.util.Objects;

/** A block: bytes and the CID that names them. Construct with {@link #verified} at trust boundaries. */
public record Block(Cid cid, byte[] data) {
    public Block {
        Objects.requireNonNull(cid, "cid");
        Objects.requireNonNull(data, "data");
    }

    /** Wraps bytes received from outside, checking that they hash to {@code cid}. */
    public static Block verified(Cid cid, byte[] data) {
        if (!cid.matches(data)) throw BlockMismatchException.of(cid);
        return new Block(cid, data);
    }
}
