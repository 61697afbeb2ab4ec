package io.cairn.anchor.proof;

import io.cairn.anchor.AnchorException;
import io.cairn.anchor.Digest;
import io.cairn.anchor.merkle.MerklePath;
import io.cairn.anchor.ots.OtsFile;
import io.cairn.anchor.ots.OtsOp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Everything needed to check offline that a digest existed when a Bitcoin block was mined: its path
 * to the batch root, the anchor transaction (non-witness serialization) whose OP_RETURN carries the
 * root, the transaction's branch to the block's Merkle root, and the block header and height.
 *
 * <p>Two encodings: a compact binary one ({@link #toBytes()}) and JSON ({@link #toJson()});
 * {@link #parse(byte[])} reads either. A proof also exports to OpenTimestamps ({@link #toOts()}).
 */
public record AnchorProof(Digest leaf, MerklePath path, byte[] transaction, BlockInclusion inclusion, byte[] header, long height) {
    public AnchorProof {
        if (leaf == null || path == null || transaction == null || inclusion == null || header == null) {
            throw AnchorException.badInput("invalid_proof", "a proof needs a digest, a Merkle path, a transaction, a block branch and a header");
        }
        if (header.length != BlockHeader.LENGTH) throw AnchorException.badInput("invalid_proof", "a block header is 80 bytes, got " + header.length);
        if (height < 0) throw AnchorException.badInput("invalid_proof", "negative block height " + height);
        transaction = transaction.clone();
        header = header.clone();
    }

    @Override
    public byte[] transaction() {
        return transaction.clone();
    }

    @Override
    public byte[] header() {
        return header.clone();
    }

    /** The batch root the digest's Merkle path leads to. */
    public Digest root() {
        return path.rootFor(leaf);
    }

    /** The display-order txid of the anchor transaction. */
    public String txid() {
        byte[] id = BlockInclusion.sha256d(transaction);
        byte[] display = new byte[id.length];
        for (int i = 0; i < id.length; i++) display[i] = id[id.length - 1 - i];
        return HexFormat.of().formatHex(display);
    }

    public BlockHeader blockHeader() {
        return BlockHeader.of(header);
    }

    /**
     * Verifies the proof against the header the caller trusts for {@link #height} (from its own node,
     * a header chain, or a checkpoint). Throws {@link AnchorException} naming the first check that fails.
     */
    public VerifiedAnchor verify(byte[] trustedHeader) {
        return verify(HeaderSource.trusting(height, BlockHeader.of(trustedHeader)));
    }

    /** Verifies the proof against the header {@code headers} gives for {@link #height}. */
    public VerifiedAnchor verify(HeaderSource headers) {
        BlockHeader own = checkCommitments();
        BlockHeader trusted = headers.headerAt(height);
        if (!trusted.equals(own)) {
            throw invalid("the block header is not the trusted header at height " + height + " (the proof's block is " + own.hashHex()
                    + ", the trusted one " + trusted.hashHex() + ")");
        }
        return new VerifiedAnchor(leaf, height, own);
    }

    /** Checks leaf → batch root → OP_RETURN → txid → block Merkle root, and returns the proof's own header. */
    private BlockHeader checkCommitments() {
        Digest root = root();
        if (AnchorTransaction.rootOffset(transaction, root) < 0) {
            throw invalid("no OP_RETURN output of the transaction carries the batch root " + root
                    + " (the digest, its Merkle path, the transaction or its OP_RETURN payload was altered)");
        }
        BlockHeader own = BlockHeader.of(header);
        byte[] merkleRoot = inclusion.merkleRootFor(BlockInclusion.sha256d(transaction));
        if (!Arrays.equals(merkleRoot, own.merkleRoot())) {
            throw invalid("the transaction is not in the block: its branch leads to Merkle root " + HexFormat.of().formatHex(merkleRoot)
                    + ", the header commits to " + HexFormat.of().formatHex(own.merkleRoot()));
        }
        return own;
    }

    /** The compact binary encoding. */
    public byte[] toBytes() {
        return ProofBinary.encode(this);
    }

    /** The JSON encoding, with derived fields (root, txid, block hash and time) for readers; parsing checks them. */
    public String toJson() {
        return ProofJson.encode(this);
    }

    /** Reads a proof in either encoding: binary (by its magic) or JSON. */
    public static AnchorProof parse(byte[] bytes) {
        if (ProofBinary.looksLikeOne(bytes)) return ProofBinary.decode(bytes);
        int i = 0;
        while (i < bytes.length && Character.isWhitespace(bytes[i])) i++;
        if (i < bytes.length && bytes[i] == '{') return ProofJson.decode(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
        throw AnchorException.badInput("invalid_proof", "not a Cairn proof (neither its binary form nor JSON)");
    }

    /**
     * The proof as an OpenTimestamps file: leaf → batch root (the path's operations) → txid (prepend
     * the transaction bytes before the root, append those after it, SHA-256 twice) → block Merkle root
     * (the branch, SHA-256 twice per level) → a Bitcoin block header attestation at {@link #height}.
     */
    public OtsFile toOts() {
        Digest root = root();
        int at = AnchorTransaction.rootOffset(transaction, root);
        if (at < 0) throw invalid("no OP_RETURN output of the transaction carries the batch root " + root);
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

    static AnchorException invalid(String detail) {
        return AnchorException.badInput("proof_invalid", "proof does not verify: " + detail);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AnchorProof p && Arrays.equals(p.toBytes(), toBytes());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(toBytes());
    }

    @Override
    public String toString() {
        return "AnchorProof[" + leaf + " in block " + height + " tx " + txid() + "]";
    }
}
