package io.cairn.ipfs.block;

import io.cairn.error.CairnException;
import io.cairn.multiformats.Cid;

/** Bytes that do not hash to the CID they were given with. */
public final class BlockMismatchException extends CairnException {
    private BlockMismatchException(String message) {
        super(Kind.BAD_INPUT, "block_mismatch", message);
    }

    public static BlockMismatchException of(Cid cid) {
        return new BlockMismatchException("block data does not match its CID " + cid);
    }
}
