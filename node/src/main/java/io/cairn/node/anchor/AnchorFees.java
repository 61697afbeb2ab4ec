package io.cairn.node.anchor;

import io.cairn.anchor.AnchorException;
import io.cairn.anchor.bitcoin.ChainBackend;
import io.cairn.error.CairnException;
import io.cairn.anchor.queue.AnchorQueue;
import io.cairn.anchor.queue.BatchState;
import io.cairn.anchor.queue.BatchSummary;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionInput;
import org.bitcoinj.core.TransactionOutput;

/**
 * The fees paid by mined anchors: inputs' values (read from the transactions they spend) minus
 * outputs. Worked out once per anchor transaction and kept; a lookup that fails (the node is down)
 * is tried again at the next refresh.
 */
final class AnchorFees {
    private final ChainBackend chain;
    /** txid → fee in satoshis. */
    private final Map<String, Long> feeByTxid = new ConcurrentHashMap<>();
    private volatile long total;

    AnchorFees(ChainBackend chain) {
        this.chain = chain;
    }

    /** Recomputes the total over the batches now mined (CONFIRMED or FINAL). */
    void refresh(AnchorQueue queue, List<BatchSummary> batches) {
        long sum = 0;
        for (BatchSummary b : batches) {
            if (b.state() != BatchState.CONFIRMED && b.state() != BatchState.FINAL) continue;
            byte[] tx = queue.anchor(b.id()).map(AnchorQueue.AnchorRecord::transaction).orElse(null);
            if (tx == null) continue;
            Transaction t = Transaction.read(ByteBuffer.wrap(tx));
            Long fee = feeByTxid.get(t.getTxId().toString());
            if (fee == null) {
                try {
                    fee = feeOf(t);
                    feeByTxid.put(t.getTxId().toString(), fee);
                } catch (RuntimeException e) {
                    continue; // the node cannot tell now; the next refresh asks again
                }
            }
            sum += fee;
        }
        total = sum;
    }

    long totalSats() {
        return total;
    }

    private long feeOf(Transaction t) {
        long in = 0;
        for (TransactionInput input : t.getInputs()) {
            String previous = input.getOutpoint().hash().toString();
            byte[] raw = chain.transaction(previous).orElseThrow(() ->
                    new AnchorException(CairnException.Kind.NOT_FOUND, "backend_not_found", "the back end does not know " + previous));
            TransactionOutput spent = Transaction.read(ByteBuffer.wrap(raw)).getOutput(input.getOutpoint().index());
            in += spent.getValue().value;
        }
        long out = 0;
        for (TransactionOutput o : t.getOutputs()) out += o.getValue().value;
        return in - out;
    }
}
