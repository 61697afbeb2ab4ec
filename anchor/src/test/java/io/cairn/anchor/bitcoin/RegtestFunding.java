package io.cairn.anchor.bitcoin;

import java.nio.ByteBuffer;
import java.util.List;
import org.bitcoinj.base.Coin;
import org.bitcoinj.base.Sha256Hash;
import org.bitcoinj.core.Block;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.crypto.ECKey;
import org.bitcoinj.crypto.TransactionSignature;
import org.bitcoinj.script.Script;
import org.bitcoinj.script.ScriptBuilder;

/** Test funding on a regtest node: a P2PKH miner key whose coinbases pay arbitrary outputs to a wallet. */
final class RegtestFunding {
    private final BcoinRegtest node;
    private final ECKey miner = new ECKey();
    private final String minerAddress;
    private int nextCoinbase;
    private final List<String> blocks;

    /** Mines 101 blocks to a fresh miner key (100 mature coinbases to spend) and up to {@code height}. */
    RegtestFunding(BcoinRegtest node, long height) throws Exception {
        this.node = node;
        this.minerAddress = BcoinRegtest.p2pkhAddress(miner);
        this.blocks = new java.util.ArrayList<>(node.rpc().generateToAddress(101, minerAddress));
        node.mineTo(height, minerAddress);
    }

    String minerAddress() {
        return minerAddress;
    }

    /** Pays {@code amounts} (sat) to {@code script} from the next mature coinbase, mines the payment and returns its txid. */
    String pay(Script script, long... amounts) throws Exception {
        Block b = Block.read(ByteBuffer.wrap(node.rpc().block(blocks.get(nextCoinbase++))));
        Transaction coinbase = b.getTransactions().get(0);
        long in = coinbase.getOutput(0).getValue().value, out = 0;
        Transaction tx = new Transaction();
        for (long a : amounts) {
            tx.addOutput(Coin.valueOf(a), script);
            out += a;
        }
        tx.addOutput(Coin.valueOf(in - out - 10_000), ScriptBuilder.createP2PKHOutputScript(miner));
        tx.addInput(coinbase.getTxId(), 0, Script.parse(new byte[0]));
        Script locking = Script.parse(coinbase.getOutput(0).getScriptBytes());
        TransactionSignature sig = tx.calculateSignature(0, miner, locking, Transaction.SigHash.ALL, false);
        tx.replaceInput(0, tx.getInput(0).withScriptSig(ScriptBuilder.createInputScript(sig, miner)));
        String txid = node.rpc().sendRawTransaction(tx.serialize());
        if (!node.awaitInMempool(txid)) throw new AssertionError("funding refused\n" + node.log());
        node.rpc().generateToAddress(1, minerAddress);
        return Sha256Hash.wrap(txid).toString();
    }

    void mine(int blocks) {
        node.rpc().generateToAddress(blocks, minerAddress);
    }
}
