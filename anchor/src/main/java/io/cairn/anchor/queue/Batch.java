package io.cairn.anchor.queue;

import io.cairn.anchor.Digest;
import io.cairn.anchor.merkle.MerkleTree;
import java.util.List;

/** A closed batch: its digests in leaf order, its Merkle root, and how far its anchoring has come. */
public record Batch(long id, List<Digest> leaves, Digest root, BatchState state) {
    public Batch {
        leaves = List.copyOf(leaves);
    }

    /** Rebuilds the batch's tree (for inclusion paths). */
    public MerkleTree tree() {
        return MerkleTree.build(leaves);
    }

    public int indexOf(Digest d) {
        return leaves.indexOf(d);
    }
}
