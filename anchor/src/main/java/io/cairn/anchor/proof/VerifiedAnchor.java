package io.cairn.anchor.proof;

import io.cairn.anchor.Digest;

/** What a verified proof establishes: this digest existed when this block (its header at this height) was mined. */
public record VerifiedAnchor(Digest digest, long height, BlockHeader header) {
    /** The block's hash in display order (computed when asked: verification itself never needs it). */
    public String blockHash() {
        return header.hashHex();
    }

    /** The block's time as its miner stated it, seconds since the epoch. */
    public long blockTime() {
        return header.time();
    }
}
