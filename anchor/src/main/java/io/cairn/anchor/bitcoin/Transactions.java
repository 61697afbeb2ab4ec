package io.cairn.anchor.bitcoin;

import io.cairn.anchor.AnchorException;
import java.nio.ByteBuffer;
import org.bitcoinj.core.Transaction;

/** Reading serialized transactions: txids and the witness-free form proofs commit to. */
public final class Transactions {
    private Transactions() {}

    public static Transaction parse(byte[] tx) {
        try {
            ByteBuffer buf = ByteBuffer.wrap(tx);
            Transaction t = Transaction.read(buf);
            if (buf.hasRemaining()) throw AnchorException.badInput("invalid_transaction", "bytes after the end of a transaction");
            return t;
        } catch (RuntimeException e) {
            if (e instanceof AnchorException a) throw a;
            throw AnchorException.badInput("invalid_transaction", "not a serialized Bitcoin transaction: " + e.getMessage());
        }
    }

    /** The txid (display order, hex), which leaves the witness out. */
    public static String txid(byte[] tx) {
        return parse(tx).getTxId().toString();
    }

    /** The serialization without witnesses: the bytes whose double SHA-256 is the txid. */
    public static byte[] withoutWitness(byte[] tx) {
        Transaction t = parse(tx);
        if (!t.hasWitnesses()) return tx;
        for (int i = 0; i < t.getInputs().size(); i++) t.replaceInput(i, t.getInput(i).withoutWitness());
        return t.serialize();
    }
}
