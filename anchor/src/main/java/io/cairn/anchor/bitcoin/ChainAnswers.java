package io.cairn.anchor.bitcoin;

import io.cairn.anchor.proof.BlockInclusion;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bitcoinj.base.Sha256Hash;
import org.bitcoinj.core.Block;
import org.bitcoinj.core.Transaction;

/** Checks a back end's answers against what was asked, so a lying back end is caught, not believed. */
final class ChainAnswers {
    private ChainAnswers() {}

    static byte[] header(String hash, byte[] header, String backend) {
        if (header.length != 80) throw ChainErrors.invalidAnswer(backend + " answered a block header of " + header.length + " bytes for " + hash);
        String actual = Sha256Hash.wrapReversed(Sha256Hash.hashTwice(header)).toString();
        if (!actual.equals(hash)) throw ChainErrors.invalidAnswer(backend + " answered the header of block " + actual + " when asked for " + hash);
        return header;
    }

    static byte[] block(String hash, byte[] raw, String backend) {
        Block block;
        try {
            block = Block.read(ByteBuffer.wrap(raw));
        } catch (RuntimeException e) {
            throw ChainErrors.invalidAnswer(backend + " answered block " + hash + " with bytes that are not a block: " + e.getMessage());
        }
        header(hash, Arrays.copyOf(raw, Math.min(80, raw.length)), backend);
        List<Transaction> txs = block.getTransactions();
        if (txs == null || txs.isEmpty()) throw ChainErrors.invalidAnswer(backend + " answered block " + hash + " without transactions");
        List<byte[]> txids = new ArrayList<>(txs.size());
        for (Transaction t : txs) txids.add(t.getTxId().getReversedBytes());
        byte[] root = BlockInclusion.of(txids, 0).merkleRootFor(txids.get(0));
        if (!Arrays.equals(root, Arrays.copyOfRange(raw, 36, 68))) {
            throw ChainErrors.invalidAnswer(backend + " answered block " + hash + " with transactions that do not match its Merkle root");
        }
        return raw;
    }

    static byte[] transaction(String txid, byte[] raw, String backend) {
        String actual;
        try {
            actual = Transactions.txid(raw);
        } catch (RuntimeException e) {
            throw ChainErrors.invalidAnswer(backend + " answered transaction " + txid + " with bytes that are not a transaction");
        }
        if (!actual.equals(txid)) throw ChainErrors.invalidAnswer(backend + " answered transaction " + actual + " when asked for " + txid);
        return raw;
    }

    static String hash(String value, String what, String backend) {
        if (value == null || !value.matches("[0-9a-f]{64}")) throw ChainErrors.invalidAnswer(backend + " answered " + what + " with " + shorten(value) + ", not a hash");
        return value;
    }

    static String shorten(String s) {
        if (s == null) return "nothing";
        return s.length() > 80 ? '"' + s.substring(0, 80) + "…\"" : '"' + s + '"';
    }
}
