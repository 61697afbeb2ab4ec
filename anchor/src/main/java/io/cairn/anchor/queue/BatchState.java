package io.cairn.anchor.queue;

/** The life of a batch. The Bitcoin side advances it; every step is a durable compare-and-set. */
public enum BatchState {
    /** Leaves fixed and root computed; no transaction yet. */
    CLOSED,
    /** The anchor transaction is built and signed, and stored before any broadcast. */
    SIGNED,
    /** The node accepted the transaction into its mempool. */
    BROADCAST,
    /** In a block, fewer confirmations than required. */
    CONFIRMED,
    /** Enough confirmations: proofs are final. */
    FINAL,
    /** Given up on (reported, never silently dropped). */
    FAILED
}
