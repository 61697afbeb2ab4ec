package io.cairn.ipfs.block;

import io.cairn.error.CairnException;
import io.cairn.multiformats.Cid;

/** A block that is not in the local store. */
public final class BlockNotFoundException extends CairnException {
    private final Cid cid;

    public BlockNotFoundException(Cid cid) {
        super(Kind.NOT_FOUND, "block_not_found", "block " + cid + " not found in the local repo");
        this.cid = cid;
    }

    public Cid cid() {
        return cid;
    }
}
