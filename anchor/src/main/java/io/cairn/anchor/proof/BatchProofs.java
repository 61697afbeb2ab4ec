package io.cairn.anchor.proof;

import io.cairn.anchor.Digest;
import io.cairn.anchor.merkle.MerkleTree;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The proofs of every digest in one mined batch, from one tree and one block branch: building the
 * tree and the index once makes each further proof a path walk (a million-digest batch would otherwise
 * cost a tree build per proof).
 */
public final class BatchProofs {
    private final MerkleTree tree;
    private final Map<Digest, Integer> index;
    private final byte[] transaction;
    private final BlockInclusion inclusion;
    private final byte[] header;
    private final long height;

    public BatchProofs(List<Digest> leaves, byte[] transaction, BlockInclusion inclusion, byte[] header, long height) {
        this.tree = MerkleTree.build(leaves);
        this.index = new HashMap<>(leaves.size() * 2);
        for (int i = 0; i < leaves.size(); i++) index.putIfAbsent(leaves.get(i), i);
        this.transaction = transaction.clone();
        this.inclusion = inclusion;
        this.header = header.clone();
        this.height = height;
    }

    /** Reuses the transaction, branch, header and height of one proof of the batch for all its digests. */
    public static BatchProofs from(List<Digest> leaves, AnchorProof one) {
        return new BatchProofs(leaves, one.transaction(), one.inclusion(), one.header(), one.height());
    }

    public Optional<AnchorProof> proof(Digest digest) {
        Integer i = index.get(digest);
        if (i == null) return Optional.empty();
        return Optional.of(new AnchorProof(digest, tree.path(i), transaction, inclusion, header, height));
    }

    public long height() {
        return height;
    }

    public BlockHeader blockHeader() {
        return BlockHeader.of(header);
    }
}
