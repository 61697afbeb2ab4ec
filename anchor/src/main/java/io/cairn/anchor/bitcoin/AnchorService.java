package io.cairn.anchor.bitcoin;

import io.cairn.anchor.AnchorException;
import io.cairn.anchor.Digest;
import io.cairn.anchor.proof.AnchorPayload;
import io.cairn.anchor.proof.AnchorProof;
import io.cairn.anchor.proof.BlockInclusion;
import io.cairn.anchor.queue.AnchorQueue;
import io.cairn.anchor.queue.AnchorQueue.AnchorRecord;
import io.cairn.anchor.queue.Batch;
import io.cairn.anchor.queue.BatchState;
import io.cairn.anchor.queue.HashStatus;
import io.cairn.error.CairnException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.bitcoinj.base.Sha256Hash;
import org.bitcoinj.core.Block;
import org.bitcoinj.core.Transaction;

/**
 * Moves batches through their life, one durable step at a time, so that any step can be interrupted
 * (even by kill -9) and {@link #tick()} simply continues: CLOSED (root fixed) → SIGNED (transaction
 * stored before any broadcast) → BROADCAST (in the node's mempool) → CONFIRMED (in a block) → FINAL
 * (enough confirmations). A block that leaves the best chain sends its batch back to BROADCAST, and
 * the same transaction is broadcast again: a batch is never anchored by two different transactions.
 */
public final class AnchorService {
    /** When batches close and how anchors are paid and followed. */
    public record Settings(int batchSize, Duration frequency, int confirmations, double feeRateSatPerVbyte) {}

    private static final long MIN_CHANGE = 546;

    private final AnchorQueue queue;
    private final BitcoinRpc rpc;
    private final AnchorWallet wallet;
    private final Settings settings;
    private final Clock clock;
    private Instant lastClose;
    private boolean flushRequested;

    public AnchorService(AnchorQueue queue, BitcoinRpc rpc, AnchorWallet wallet, Settings settings, Clock clock) {
        this.queue = queue;
        this.rpc = rpc;
        this.wallet = wallet;
        this.settings = settings;
        this.clock = clock;
        this.lastClose = clock.instant();
    }

    /** Asks the next tick to close a batch with whatever is queued. */
    public synchronized void flush() {
        flushRequested = true;
    }

    /** One pass over every step. */
    public synchronized void tick() {
        wallet.sync();
        closeDueBatch();
        signClosedBatches();
        broadcastSigned();
        followConfirmations();
    }

    synchronized void closeDueBatch() {
        long depth = queue.depth();
        if (depth == 0) return;
        boolean due = flushRequested || queue.hasUrgent() || depth >= settings.batchSize()
                || !clock.instant().isBefore(lastClose.plus(settings.frequency()));
        if (!due) return;
        queue.closeBatch(settings.batchSize());
        flushRequested = false;
        lastClose = clock.instant();
    }

    synchronized void signClosedBatches() {
        for (Batch b : queue.batchesIn(BatchState.CLOSED)) {
            long fee = (long) Math.ceil(settings.feeRateSatPerVbyte() * 400);
            List<Utxo> inputs = wallet.select(fee + MIN_CHANGE);
            byte[] tx = AnchorTransactionBuilder.build(inputs, wallet.key(), new AnchorPayload(b.root()), wallet.changeScript(),
                    settings.feeRateSatPerVbyte());
            if (queue.recordAnchor(b.id(), BatchState.CLOSED, BatchState.SIGNED, new AnchorRecord(tx, -1, null))) {
                wallet.markPending(inputs);
            }
        }
    }

    synchronized void broadcastSigned() {
        List<Batch> waiting = new ArrayList<>(queue.batchesIn(BatchState.SIGNED));
        waiting.addAll(queue.batchesIn(BatchState.BROADCAST));
        for (Batch b : waiting) {
            AnchorRecord rec = queue.anchor(b.id()).orElseThrow();
            String txid = txid(rec.transaction());
            if (blockOf(txid).isPresent()) {
                queue.advance(b.id(), BatchState.SIGNED, BatchState.BROADCAST);
                continue;
            }
            if (!rpc.inMempool(txid)) {
                try {
                    rpc.sendRawTransaction(rec.transaction());
                } catch (AnchorException e) {
                    if (e.kind() == CairnException.Kind.STORAGE && "backend_unavailable".equals(e.code())) throw e;
                    // a rejection is retried on the next tick; the node's reason is in the exception
                }
            }
            if (acceptedWithin(txid, Duration.ofSeconds(3))) queue.advance(b.id(), BatchState.SIGNED, BatchState.BROADCAST);
        }
    }

    /**
     * Some nodes (bcoin) answer sendrawtransaction before deciding, so acceptance is read from the
     * mempool, for a short while; a transaction not there yet is looked at again on the next tick.
     */
    private boolean acceptedWithin(String txid, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            if (rpc.inMempool(txid)) return true;
            if (System.nanoTime() > deadline) return false;
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    synchronized void followConfirmations() {
        long tip = rpc.blockCount();
        for (Batch b : queue.batchesIn(BatchState.BROADCAST)) {
            AnchorRecord rec = queue.anchor(b.id()).orElseThrow();
            Optional<String> block = blockOf(txid(rec.transaction()));
            if (block.isEmpty()) continue;
            long height = rpc.call("getblockheader", block.get(), true).path("height").asLong();
            queue.recordAnchor(b.id(), BatchState.BROADCAST, BatchState.CONFIRMED, new AnchorRecord(rec.transaction(), height, block.get()));
        }
        for (BatchState state : List.of(BatchState.CONFIRMED, BatchState.FINAL)) {
            for (Batch b : queue.batchesIn(state)) {
                AnchorRecord rec = queue.anchor(b.id()).orElseThrow();
                if (rec.height() > tip || !rpc.blockHash(rec.height()).equals(rec.blockHash())) {
                    // the block left the best chain: follow the same transaction again
                    queue.recordAnchor(b.id(), state, BatchState.BROADCAST, new AnchorRecord(rec.transaction(), -1, null));
                } else if (state == BatchState.CONFIRMED && tip - rec.height() + 1 >= settings.confirmations()) {
                    queue.advance(b.id(), BatchState.CONFIRMED, BatchState.FINAL);
                }
            }
        }
    }

    /** The block holding {@code txid}, if any (needs a transaction index: Core's -txindex, bcoin's --index-tx). */
    private Optional<String> blockOf(String txid) {
        try {
            String hash = rpc.call("getrawtransaction", txid, true).path("blockhash").asText("");
            return hash.isEmpty() ? Optional.empty() : Optional.of(hash);
        } catch (AnchorException e) {
            if ("backend_error".equals(e.code())) return Optional.empty(); // not known to the node (yet)
            throw e;
        }
    }

    /** The proof of an anchored digest, once its batch's transaction is in a block. */
    public Optional<AnchorProof> proof(Digest digest) {
        Optional<HashStatus> status = queue.status(digest);
        if (status.isEmpty()) throw new AnchorException(CairnException.Kind.NOT_FOUND, "unknown_hash", digest + " was never queued for anchoring");
        if (!(status.get() instanceof HashStatus.Batched batched)) return Optional.empty();
        Batch batch = queue.batch(batched.batchId()).orElseThrow();
        Optional<AnchorRecord> rec = queue.anchor(batch.id());
        if (rec.isEmpty() || !rec.get().mined()) return Optional.empty();
        Block block = Block.read(ByteBuffer.wrap(rpc.block(rec.get().blockHash())));
        String txid = txid(rec.get().transaction());
        List<byte[]> txids = new ArrayList<>();
        int index = -1;
        for (Transaction t : block.getTransactions()) {
            if (t.getTxId().toString().equals(txid)) index = txids.size();
            txids.add(t.getTxId().getReversedBytes());
        }
        if (index < 0) return Optional.empty(); // reorganized away since the last tick
        return Optional.of(new AnchorProof(digest, batch.tree().path(batch.indexOf(digest)), rec.get().transaction(),
                BlockInclusion.of(txids, index), rpc.blockHeader(rec.get().blockHash()), rec.get().height()));
    }

    /** The display-order txid of a serialized (non-witness) transaction. */
    public static String txid(byte[] tx) {
        return HexFormat.of().formatHex(Sha256Hash.twiceOf(tx).getReversedBytes()); // display order
    }
}
