package io.cairn.anchor.queue;

/** Where a digest is in the anchoring pipeline. */
public sealed interface HashStatus {
    /** Durably queued, not in a batch yet. */
    record Queued() implements HashStatus {}

    /** In a closed batch whose anchor transaction is in progress or done. */
    record Batched(long batchId) implements HashStatus {}
}
