package io.cairn.anchor.bitcoin;

import io.cairn.anchor.AnchorException;
import io.cairn.anchor.Digest;
import io.cairn.anchor.proof.AnchorPayload;
import io.cairn.anchor.proof.AnchorProof;
import io.cairn.anchor.proof.BlockInclusion;
import io.cairn.anchor.queue.AnchorQueue;
import io.cairn.anchor.queue.AnchorQueue.AnchorRecord;
import io.cairn.anchor.queue.AnchorQueue.Delivery;
import io.cairn.anchor.queue.Batch;
import io.cairn.anchor.queue.BatchState;
import io.cairn.anchor.queue.HashStatus;
import io.cairn.error.CairnException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bitcoinj.core.Block;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionInput;

/**
 * Moves batches through their life, one durable step at a time, so that any step can be interrupted
 * (even by kill -9) and {@link #tick()} simply continues: CLOSED (root fixed) → SIGNED (transaction
 * stored before any broadcast) → BROADCAST (in the mempool) → CONFIRMED (in a block) → FINAL (enough
 * confirmations). A failed broadcast is retried with exponential backoff ({@link RetryPolicy}, its
 * state stored with the batch). A transaction unconfirmed for {@code feeBumpAfter} is replaced
 * (BIP 125: the same inputs, a higher fee); every transaction a batch broadcast is remembered, and
 * since they all spend the same outputs at most one can ever confirm: whichever does is the anchor. A
 * block that leaves the best chain sends its batch back to BROADCAST with the transaction it held.
 */
public final class AnchorService {
    /**
     * When batches close and how anchors are paid and followed; {@code feeBumpAfter} null means never
     * bump.
     */
    public record Settings(int batchSize, Duration frequency, int confirmations, FeePolicy fees, Duration feeBumpAfter, RetryPolicy retry) {
        /** A fixed fee rate, no fee bumps, the default backoff. */
        public Settings(int batchSize, Duration frequency, int confirmations, double feeRateSatPerVbyte) {
            this(batchSize, frequency, confirmations, FeePolicy.fixed(feeRateSatPerVbyte), null, RetryPolicy.DEFAULT);
        }
    }

    /** How long a node that answers sendrawtransaction before deciding (bcoin) gets to show the transaction in its mempool. */
    private static final Duration ACCEPTANCE_WAIT = Duration.ofSeconds(3);

    private final AnchorQueue queue;
    private final ChainBackend chain;
    private final AnchorWallet wallet;
    private final Settings settings;
    private final Clock clock;
    private Instant lastClose;
    private boolean flushRequested;
    private AnchorException lastFailure;

    public AnchorService(AnchorQueue queue, ChainBackend chain, AnchorWallet wallet, Settings settings, Clock clock) {
        this.queue = queue;
        this.chain = chain;
        this.wallet = wallet;
        this.settings = settings;
        this.clock = clock;
        this.lastClose = clock.instant();
    }

    public AnchorService(AnchorQueue queue, BitcoinRpc rpc, AnchorWallet wallet, Settings settings, Clock clock) {
        this(queue, new CoreRpcBackend(rpc), wallet, settings, clock);
    }

    /** Asks the next tick to close a batch with whatever is queued. */
    public synchronized void flush() {
        flushRequested = true;
    }

    /**
     * One pass over every step. Each step that can run does (a back end that is down does not stop the
     * batches from being closed, nor the failed broadcasts from being counted); the first failure is
     * then thrown (e.g. {@code wallet_unfunded}, {@code backend_unavailable}), and kept for
     * {@link #lastFailure()}. Nothing is lost by a failed tick: the next one continues.
     */
    public synchronized void tick() {
        List<AnchorException> failures = new ArrayList<>();
        closeDueBatch();
        boolean synced = step(wallet::sync, failures);
        if (synced) step(this::signClosedBatches, failures);
        step(this::followConfirmations, failures);
        if (synced) step(this::bumpStuck, failures); // before broadcasting: a transaction due for a bump is replaced, not sent again
        step(this::broadcastSigned, failures);
        lastFailure = failures.isEmpty() ? null : failures.getFirst();
        if (lastFailure != null) throw lastFailure;
    }

    /** What went wrong in the last tick, if anything. */
    public synchronized Optional<AnchorException> lastFailure() {
        return Optional.ofNullable(lastFailure);
    }

    private static boolean step(Runnable r, List<AnchorException> failures) {
        try {
            r.run();
            return true;
        } catch (AnchorException e) {
            failures.add(e);
            return false;
        }
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

    /** Signs every closed batch; an unfunded wallet leaves the batch CLOSED and says so. */
    synchronized void signClosedBatches() {
        List<Batch> closed = queue.batchesIn(BatchState.CLOSED);
        if (closed.isEmpty()) return;
        Set<String> held = heldOutpoints();
        for (Batch b : closed) {
            double rate = settings.fees().rate(chain);
            List<Utxo> inputs = wallet.select(rate, held);
            SignedAnchor signed = AnchorTransactionBuilder.build(inputs, wallet.walletKey(), new AnchorPayload(b.root()), rate);
            if (queue.recordAnchor(b.id(), BatchState.CLOSED, BatchState.SIGNED, new AnchorRecord(signed.transaction(), -1, null))) {
                for (Utxo u : inputs) held.add(u.txid() + ":" + u.index());
            }
        }
    }

    /** Outputs spent by the transactions of batches not yet mined: never offered to another anchor. */
    private Set<String> heldOutpoints() {
        Set<String> held = new HashSet<>();
        for (BatchState s : List.of(BatchState.SIGNED, BatchState.BROADCAST)) {
            for (Batch b : queue.batchesIn(s)) {
                for (byte[] tx : queue.anchor(b.id()).orElseThrow().allTransactions()) {
                    for (TransactionInput in : Transactions.parse(tx).getInputs()) held.add(in.getOutpoint().hash() + ":" + in.getOutpoint().index());
                }
            }
        }
        return held;
    }

    /** Broadcasts signed transactions, and again any that left the mempool; failures back off. */
    synchronized void broadcastSigned() {
        List<Batch> waiting = new ArrayList<>(queue.batchesIn(BatchState.SIGNED));
        waiting.addAll(queue.batchesIn(BatchState.BROADCAST));
        AnchorException unavailable = null;
        for (Batch b : waiting) {
            AnchorRecord rec = queue.anchor(b.id()).orElseThrow();
            long now = clock.millis();
            if (rec.delivery().retryAtMillis() > now) continue;
            try {
                if (chain.inMempool(Transactions.txid(rec.transaction())) || minedTransaction(rec).isPresent()) {
                    accepted(b, rec);
                    continue;
                }
                chain.broadcast(rec.transaction());
                if (acceptedWithin(Transactions.txid(rec.transaction()))) {
                    accepted(b, rec);
                } else {
                    failed(b, rec, "the node did not take transaction " + Transactions.txid(rec.transaction()) + " into its mempool (its log may say why)");
                }
            } catch (AnchorException e) {
                if (!ChainErrors.isTransient(e) && !ChainErrors.REJECTED.equals(e.code()) && !ChainErrors.ERROR.equals(e.code())) throw e;
                failed(b, rec, e.getMessage());
                if (ChainErrors.isTransient(e) && unavailable == null) unavailable = e;
            }
        }
        if (unavailable != null) throw unavailable;
    }

    private void accepted(Batch b, AnchorRecord rec) {
        Delivery d = rec.delivery();
        long acceptedAt = d.acceptedAtMillis() > 0 ? d.acceptedAtMillis() : clock.millis();
        Delivery next = new Delivery(acceptedAt, 0, 0, null);
        if (b.state() == BatchState.SIGNED || !next.equals(d)) queue.recordAnchor(b.id(), b.state(), BatchState.BROADCAST, rec.withDelivery(next));
    }

    private void failed(Batch b, AnchorRecord rec, String why) {
        Delivery d = rec.delivery();
        int failures = d.failures() + 1;
        long retryAt = clock.millis() + settings.retry().delayAfter(failures).toMillis();
        queue.recordAnchor(b.id(), b.state(), b.state(), rec.withDelivery(new Delivery(d.acceptedAtMillis(), failures, retryAt, why)));
    }

    /**
     * Some nodes (bcoin) answer sendrawtransaction before deciding, so acceptance is read from the
     * mempool, for a short while; a transaction not there yet is looked at again on the next tick.
     */
    private boolean acceptedWithin(String txid) {
        long deadline = System.nanoTime() + ACCEPTANCE_WAIT.toNanos();
        while (true) {
            if (chain.inMempool(txid) || chain.blockOf(txid).isPresent()) return true;
            if (System.nanoTime() > deadline) return false;
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** The mined transaction of a batch, if one of its transactions is in a best-chain block: (tx, block hash, height). */
    private Optional<Mined> minedTransaction(AnchorRecord rec) {
        for (byte[] tx : rec.allTransactions()) {
            String txid = Transactions.txid(tx);
            Optional<String> block = chain.blockOf(txid);
            if (block.isEmpty()) block = wallet.blockOfSpend(txid); // a back end without a transaction index
            if (block.isEmpty()) continue;
            long height = chain.blockHeight(block.get());
            if (!chain.blockHash(height).equals(block.get())) continue; // not on the best chain
            if (indexIn(Block.read(ByteBuffer.wrap(chain.block(block.get()))), txid) < 0) {
                throw ChainErrors.invalidAnswer("the Bitcoin back end says block " + block.get() + " holds " + txid + ", but the block does not");
            }
            return Optional.of(new Mined(tx, block.get(), height));
        }
        return Optional.empty();
    }

    private record Mined(byte[] transaction, String blockHash, long height) {}

    synchronized void followConfirmations() {
        long tip = chain.tipHeight();
        for (Batch b : queue.batchesIn(BatchState.BROADCAST)) {
            AnchorRecord rec = queue.anchor(b.id()).orElseThrow();
            Optional<Mined> mined = minedTransaction(rec);
            if (mined.isEmpty()) continue;
            // the transaction that confirmed becomes the batch's transaction; the others are kept as replaced
            List<byte[]> others = new ArrayList<>();
            for (byte[] tx : rec.allTransactions()) if (!java.util.Arrays.equals(tx, mined.get().transaction())) others.add(tx);
            queue.recordAnchor(b.id(), BatchState.BROADCAST, BatchState.CONFIRMED,
                    new AnchorRecord(mined.get().transaction(), mined.get().height(), mined.get().blockHash(), others.reversed(), rec.delivery()));
        }
        for (BatchState state : List.of(BatchState.CONFIRMED, BatchState.FINAL)) {
            for (Batch b : queue.batchesIn(state)) {
                AnchorRecord rec = queue.anchor(b.id()).orElseThrow();
                if (rec.height() > tip || !chain.blockHash(rec.height()).equals(rec.blockHash())) {
                    // the block left the best chain: follow the same transaction again
                    queue.recordAnchor(b.id(), state, BatchState.BROADCAST,
                            new AnchorRecord(rec.transaction(), -1, null, rec.replaced(), new Delivery(clock.millis(), 0, 0, null)));
                } else if (state == BatchState.CONFIRMED && tip - rec.height() + 1 >= settings.confirmations()) {
                    queue.advance(b.id(), BatchState.CONFIRMED, BatchState.FINAL);
                }
            }
        }
    }

    /**
     * Replaces transactions that waited longer than {@code feeBumpAfter} since the network accepted
     * them: same inputs, the fee {@link FeePolicy#replacementFee} asks for, stored before it is
     * broadcast (the broadcast step sends it, with its backoff if the node refuses it).
     */
    synchronized void bumpStuck() {
        if (settings.feeBumpAfter() == null) return;
        for (Batch b : queue.batchesIn(BatchState.BROADCAST)) {
            AnchorRecord rec = queue.anchor(b.id()).orElseThrow();
            Delivery d = rec.delivery();
            if (d.acceptedAtMillis() == 0 || clock.millis() < d.acceptedAtMillis() + settings.feeBumpAfter().toMillis()) continue;
            Transaction current = Transactions.parse(rec.transaction());
            List<Utxo> inputs = new ArrayList<>();
            for (TransactionInput in : current.getInputs()) {
                Optional<Utxo> u = wallet.output(in.getOutpoint().hash() + ":" + in.getOutpoint().index());
                if (u.isEmpty()) return; // spent in a block meanwhile: the confirmation step will see which transaction
                inputs.add(u.get());
            }
            long in = inputs.stream().mapToLong(Utxo::valueSats).sum();
            long out = current.getOutputs().stream().mapToLong(o -> o.getValue().value).sum();
            long originalFee = in - out;
            double rate = Math.min(settings.fees().ceiling(), Math.max(settings.fees().rate(chain), (double) originalFee / current.getVsize()));
            java.util.function.LongUnaryOperator feeFor = vsize -> settings.fees().replacementFee(rate, originalFee, (int) vsize);
            SignedAnchor replacement;
            try {
                replacement = AnchorTransactionBuilder.build(inputs, wallet.walletKey(), new AnchorPayload(b.root()), feeFor);
            } catch (AnchorException e) {
                if (!"wallet_unfunded".equals(e.code())) throw e;
                // the original's inputs cannot pay the higher fee: add confirmed outputs (BIP 125 allows new confirmed inputs)
                replacement = null;
                List<Utxo> more = new ArrayList<>(inputs);
                for (Utxo extra : wallet.spendableOutputs(heldOutpoints())) {
                    more.add(extra);
                    try {
                        replacement = AnchorTransactionBuilder.build(more, wallet.walletKey(), new AnchorPayload(b.root()), feeFor);
                        break;
                    } catch (AnchorException stillShort) {
                        if (!"wallet_unfunded".equals(stillShort.code())) throw stillShort;
                    }
                }
                if (replacement == null) {
                    throw new AnchorException(CairnException.Kind.CONFLICT, "wallet_unfunded", "batch " + b.id()
                            + " is due for a fee bump, but the anchor wallet cannot pay the higher fee: " + e.getMessage());
                }
            }
            if (replacement.feeRate() > settings.fees().ceiling()) {
                // not bumped; asked again after another feeBumpAfter
                queue.recordAnchor(b.id(), BatchState.BROADCAST, BatchState.BROADCAST, rec.withDelivery(new Delivery(clock.millis(), d.failures(),
                        d.retryAtMillis(), "a fee bump would pay " + replacement.feeRate() + " sat/vB, above the ceiling of " + settings.fees().ceiling())));
                continue;
            }
            List<byte[]> replaced = new ArrayList<>(rec.replaced());
            replaced.add(rec.transaction());
            queue.recordAnchor(b.id(), BatchState.BROADCAST, BatchState.BROADCAST,
                    new AnchorRecord(replacement.transaction(), -1, null, replaced, new Delivery(0, 0, 0, null)));
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
        Block block = Block.read(ByteBuffer.wrap(chain.block(rec.get().blockHash())));
        String txid = Transactions.txid(rec.get().transaction());
        List<byte[]> txids = new ArrayList<>();
        for (Transaction t : block.getTransactions()) txids.add(t.getTxId().getReversedBytes());
        int index = indexIn(block, txid);
        if (index < 0) return Optional.empty(); // reorganized away since the last tick
        // the proof commits to the txid, which is the hash of the transaction without its witness
        return Optional.of(new AnchorProof(digest, batch.tree().path(batch.indexOf(digest)), Transactions.withoutWitness(rec.get().transaction()),
                BlockInclusion.of(txids, index), chain.blockHeader(rec.get().blockHash()), rec.get().height()));
    }

    private static int indexIn(Block block, String txid) {
        List<Transaction> txs = block.getTransactions();
        for (int i = 0; i < txs.size(); i++) if (txs.get(i).getTxId().toString().equals(txid)) return i;
        return -1;
    }

    /** The display-order txid of a serialized transaction (the witness, if any, left out). */
    public static String txid(byte[] tx) {
        return Transactions.txid(tx);
    }

    /** The chain this service anchors to. */
    public ChainBackend chain() {
        return chain;
    }
}
