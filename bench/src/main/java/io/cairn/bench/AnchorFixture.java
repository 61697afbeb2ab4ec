package io.cairn.bench;

import io.cairn.anchor.Digest;
import io.cairn.anchor.proof.BlockInclusion;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.bitcoinj.base.Coin;
import org.bitcoinj.base.Sha256Hash;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.crypto.ECKey;
import org.bitcoinj.script.ScriptBuilder;

/**
 * What a mined anchor looks like, for benchmarks without a node: a bitcoinj transaction with Cairn's
 * OP_RETURN for a batch root (one input, a change output), placed among 2,000 transactions of a block,
 * and that block's 80-byte header.
 */
final class AnchorFixture {
    private static final int BLOCK_TRANSACTIONS = 2_000;

    final byte[] transaction;
    final BlockInclusion inclusion;
    final byte[] merkleRoot;
    final byte[] header;

    AnchorFixture(Digest batchRoot) throws Exception {
        SplittableRandom r = new SplittableRandom(42);
        byte[] payload = ByteBuffer.allocate(38).put("CAIRN".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).put((byte) 1).put(batchRoot.bytes()).array();
        ECKey key = ECKey.fromPrivate(BigInteger.valueOf(12345));
        Transaction tx = new Transaction();
        tx.addOutput(Coin.ZERO, ScriptBuilder.createOpReturnScript(payload));
        tx.addOutput(Coin.valueOf(90_000), ScriptBuilder.createP2PKHOutputScript(key));
        byte[] signature = new byte[72], previous = new byte[32];
        r.nextBytes(signature);
        r.nextBytes(previous);
        tx.addInput(Sha256Hash.wrap(previous), 0, new ScriptBuilder().data(signature).data(key.getPubKey()).build());
        transaction = tx.serialize();
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] txid = sha.digest(sha.digest(transaction));
        List<byte[]> txids = new ArrayList<>();
        int index = 1_234;
        for (int i = 0; i < BLOCK_TRANSACTIONS; i++) {
            byte[] id = new byte[32];
            r.nextBytes(id);
            txids.add(i == index ? txid : id);
        }
        inclusion = BlockInclusion.of(txids, index);
        merkleRoot = inclusion.merkleRootFor(txid);
        header = ByteBuffer.allocate(80).order(ByteOrder.LITTLE_ENDIAN).putInt(0x20000000).put(previous).put(merkleRoot)
                .putInt(1_700_000_000).putInt(0x17034219).putInt(7).array();
    }
}
