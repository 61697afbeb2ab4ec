package io.cairn.anchor.proof;

import io.cairn.anchor.Digest;
import io.cairn.anchor.merkle.MerkleTree;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.bitcoinj.base.Coin;
import org.bitcoinj.base.Sha256Hash;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.crypto.ECKey;
import org.bitcoinj.script.ScriptBuilder;

/**
 * Proofs built without a node, for property and tampering tests: a bitcoinj transaction with Cairn's
 * OP_RETURN, placed among random transactions in a block whose header is mined (regtest difficulty)
 * on a small header chain. The regtest tests check the same proofs against a real node.
 */
final class ProofFixture {
    static final long REGTEST_BITS = 0x207fffffL;
    static final BigInteger REGTEST_LIMIT = HeaderChain.powLimit("regtest");

    final List<Digest> leaves;
    final MerkleTree tree;
    final byte[] transaction;
    final List<byte[]> txids;
    final int txIndex;
    final List<BlockHeader> chain;
    final long startHeight;
    final int anchorBlock;

    ProofFixture(int batchSize, int blockTxs, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        leaves = io.cairn.anchor.TestDigests.random(batchSize, seed);
        tree = MerkleTree.build(leaves);
        transaction = anchorTransaction(tree.root(), r);
        txids = new ArrayList<>();
        txIndex = blockTxs == 0 ? 0 : 1 + r.nextInt(blockTxs); // after the coinbase, if any
        for (int i = 0; i <= blockTxs; i++) {
            byte[] id = new byte[32];
            r.nextBytes(id);
            txids.add(i == txIndex ? BlockInclusion.sha256d(transaction) : id);
        }
        startHeight = 100 + r.nextInt(1000);
        chain = new ArrayList<>();
        byte[] previous = new byte[32];
        r.nextBytes(previous);
        anchorBlock = 2;
        for (int i = 0; i < 5; i++) {
            byte[] merkleRoot = new byte[32];
            r.nextBytes(merkleRoot);
            if (i == anchorBlock) merkleRoot = BlockInclusion.of(txids, txIndex).merkleRootFor(txids.get(txIndex));
            BlockHeader h = mine(previous, merkleRoot, 1_700_000_000L + 600L * i, REGTEST_BITS);
            chain.add(h);
            previous = h.hash();
        }
    }

    long anchorHeight() {
        return startHeight + anchorBlock;
    }

    HeaderChain headerChain() {
        return HeaderChain.of(startHeight, chain, REGTEST_LIMIT);
    }

    AnchorProof proof(int leafIndex) {
        return new AnchorProof(leaves.get(leafIndex), tree.path(leafIndex), transaction, BlockInclusion.of(txids, txIndex),
                chain.get(anchorBlock).bytes(), anchorHeight());
    }

    /** A real, signed-shaped transaction: one input, Cairn's OP_RETURN, a P2PKH change output. */
    static byte[] anchorTransaction(Digest root, SplittableRandom r) {
        byte[] prev = new byte[32];
        r.nextBytes(prev);
        ECKey key = ECKey.fromPrivate(BigInteger.valueOf(1 + r.nextInt(1_000_000)));
        Transaction tx = new Transaction();
        tx.addOutput(Coin.ZERO, ScriptBuilder.createOpReturnScript(new AnchorPayload(root).encode()));
        tx.addOutput(Coin.valueOf(50_000), ScriptBuilder.createP2PKHOutputScript(key));
        byte[] fakeSig = new byte[72];
        r.nextBytes(fakeSig);
        tx.addInput(Sha256Hash.wrap(prev), 0, new ScriptBuilder().data(fakeSig).data(key.getPubKey()).build());
        return tx.serialize();
    }

    /** A header meeting {@code bits} (at regtest difficulty, a couple of tries). */
    static BlockHeader mine(byte[] previous, byte[] merkleRoot, long time, long bits) {
        ByteBuffer b = ByteBuffer.allocate(80).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x20000000).put(previous).put(merkleRoot).putInt((int) time).putInt((int) bits);
        for (int nonce = 0; ; nonce++) {
            b.putInt(76, nonce);
            BlockHeader h = BlockHeader.of(b.array());
            if (h.meetsItsTarget()) return h;
        }
    }
}
