package io.cairn.anchor.proof;

import io.cairn.anchor.AnchorException;
import io.cairn.anchor.Digest;
import io.cairn.anchor.merkle.MerklePath;
import io.cairn.anchor.ots.OtsFile;
import io.cairn.anchor.ots.OtsOp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Everything needed to check offline that a digest existed when a Bitcoin block was mined: its path
 * to the batch root, the anchor transaction (non-witness serialization) whose OP_RETURN carries the
 * root, the transaction's branch to the block's Merkle root, and the block header and height.
 */
public record AnchorProof(Digest leaf, MerklePath path, byte[] transaction, BlockInclusion inclusion, byte[] header, long height) {
    public AnchorProof {
        if (header.length != 80) throw AnchorException.badInput("invalid_proof", "a block header is 80 bytes, got " + header.length);
        transaction = transaction.clone();
        header = header.clone();
    }

    /**
     * Verifies the proof against the header the caller trusts for {@link #height} (from its own node,
     * a header chain, or a checkpoint). Throws {@link AnchorException} naming the first check that fails.
     */
    public void verify(byte[] trustedHeader) {
        Digest root = path.rootFor(leaf);
        int rootAt = rootOffset(root);
        if (rootAt < 0) throw invalid("the transaction's OP_RETURN does not carry the batch root " + root);
        byte[] txid = BlockInclusion.sha256d(transaction);
        byte[] merkleRoot = inclusion.merkleRootFor(txid);
        if (!Arrays.equals(merkleRoot, Arrays.copyOfRange(header, 36, 68))) throw invalid("the transaction is not in the block: Merkle roots differ");
        if (!Arrays.equals(header, trustedHeader)) throw invalid("the block header is not the trusted header at height " + height);
    }

    /** Where the root's 32 bytes start in the transaction: inside a Cairn OP_RETURN payload; -1 if absent. */
    private int rootOffset(Digest root) {
        byte[] payload = new AnchorPayload(root).encode();
        outer:
        for (int i = 0; i + payload.length <= transaction.length; i++) {
            for (int j = 0; j < payload.length; j++) if (transaction[i + j] != payload[j]) continue outer;
            if (i < 2 || transaction[i - 2] != 0x6a || transaction[i - 1] != AnchorPayload.LENGTH) continue; // OP_RETURN, push 38
            return i + AnchorPayload.ROOT_OFFSET;
        }
        return -1;
    }

    /**
     * The proof as an OpenTimestamps file: leaf → batch root (the path's operations) → txid (prepend
     * the transaction bytes before the root, append those after it, SHA-256 twice) → block Merkle root
     * (the branch, SHA-256 twice per level) → a Bitcoin block header attestation at {@link #height}.
     */
    public OtsFile toOts() {
        Digest root = path.rootFor(leaf);
        int at = rootOffset(root);
        if (at < 0) throw invalid("the transaction's OP_RETURN does not carry the batch root " + root);
        List<OtsOp> ops = new ArrayList<>(path.toOtsOps());
        ops.add(new OtsOp.Prepend(Arrays.copyOfRange(transaction, 0, at)));
        ops.add(new OtsOp.Append(Arrays.copyOfRange(transaction, at + Digest.LENGTH, transaction.length)));
        ops.add(new OtsOp.Sha256());
        ops.add(new OtsOp.Sha256());
        int i = inclusion.index();
        for (byte[] s : inclusion.siblings()) {
            ops.add((i & 1) == 0 ? new OtsOp.Append(s) : new OtsOp.Prepend(s));
            ops.add(new OtsOp.Sha256());
            ops.add(new OtsOp.Sha256());
            i >>= 1;
        }
        return new OtsFile(leaf, ops, new OtsFile.BitcoinBlockHeader(height));
    }

    private static AnchorException invalid(String detail) {
        return AnchorException.badInput("proof_invalid", "proof does not verify: " + detail);
    }
}
