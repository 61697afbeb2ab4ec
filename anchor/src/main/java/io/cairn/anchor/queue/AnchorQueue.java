package io.cairn.anchor.queue;

import io.cairn.anchor.AnchorException;
import io.cairn.anchor.Digest;
import io.cairn.anchor.merkle.MerkleTree;
import io.cairn.error.CairnException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The durable anchor queue, in its own RocksDB. An enqueue returns once the digest is on disk
 * (synced write-ahead log); concurrent enqueues share one sync (group commit), so throughput does not
 * pay one fsync per digest. A digest is queued at most once, moves into exactly one batch in the same
 * atomic write that closes the batch, and its status can always be asked.
 *
 * <p>Column families: {@code hashes} (digest → its sequence number), {@code queued} (sequence number ‖
 * digest, in arrival order), {@code batch_ranges} (last sequence number → first one and batch id), {@code batches} (id → batch record), {@code anchors} (id → the batch's signed
 * transaction and, once mined, its block), {@code batch_index} (id → state, close time and size: what
 * status pages and metrics scan without reading a million leaves), {@code meta} (counters).
 */
public final class AnchorQueue implements AutoCloseable {
    static {
        RocksDB.loadLibrary();
    }

    private static final byte[] NEXT_SEQ = "next_seq".getBytes(StandardCharsets.UTF_8);
    private static final byte[] NEXT_BATCH = "next_batch".getBytes(StandardCharsets.UTF_8);
    private static final byte[] DEPTH = "depth".getBytes(StandardCharsets.UTF_8);
    private static final byte[] URGENT = "urgent".getBytes(StandardCharsets.UTF_8);
    private static final byte STATUS_QUEUED = 'Q';
    private static final byte STATUS_BATCHED = 'B';

    private final RocksDB db;
    private final List<ColumnFamilyHandle> handles = new ArrayList<>();
    private final ColumnFamilyHandle hashes, queued, batches, meta, anchors, batchIndex, batchRanges;
    private final DBOptions options;
    private final ColumnFamilyOptions cfOptions = new ColumnFamilyOptions();
    private final WriteOptions synced = new WriteOptions().setSync(true);
    private final Object lock = new Object();
    private final List<PendingEnqueue> waiting = new ArrayList<>();
    private boolean committing;
    private long nextSeq, nextBatch, depth, urgent;

    private record PendingEnqueue(List<Digest> digests, Priority priority, CompletableFuture<Integer> done) {}

    public AnchorQueue(Path dir) {
        try {
            Files.createDirectories(dir);
            options = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true);
            List<ColumnFamilyDescriptor> cfs = List.of(
                    new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, cfOptions),
                    new ColumnFamilyDescriptor("hashes".getBytes(StandardCharsets.UTF_8), cfOptions),
                    new ColumnFamilyDescriptor("queued".getBytes(StandardCharsets.UTF_8), cfOptions),
                    new ColumnFamilyDescriptor("batches".getBytes(StandardCharsets.UTF_8), cfOptions),
                    new ColumnFamilyDescriptor("meta".getBytes(StandardCharsets.UTF_8), cfOptions),
                    new ColumnFamilyDescriptor("anchors".getBytes(StandardCharsets.UTF_8), cfOptions),
                    new ColumnFamilyDescriptor("batch_index".getBytes(StandardCharsets.UTF_8), cfOptions),
                    new ColumnFamilyDescriptor("batch_ranges".getBytes(StandardCharsets.UTF_8), cfOptions));
            db = RocksDB.open(options, dir.toString(), cfs, handles);
            hashes = handles.get(1);
            queued = handles.get(2);
            batches = handles.get(3);
            meta = handles.get(4);
            anchors = handles.get(5);
            batchIndex = handles.get(6);
            batchRanges = handles.get(7);
            indexBatchesWrittenBeforeTheIndex();
            nextSeq = readLong(db.get(meta, NEXT_SEQ));
            nextBatch = Math.max(1, readLong(db.get(meta, NEXT_BATCH)));
            depth = readLong(db.get(meta, DEPTH));
            urgent = readLong(db.get(meta, URGENT));
        } catch (RocksDBException e) {
            if (String.valueOf(e.getMessage()).contains("LOCK")) {
                throw new AnchorException(CairnException.Kind.CONFLICT, "queue_in_use",
                        "the anchor queue in " + dir + " is in use by another process (a running `cairn serve`? use its HTTP API)", e);
            }
            throw new AnchorException(CairnException.Kind.STORAGE, "storage_error", "cannot open the anchor queue in " + dir + ": " + e.getMessage(), e);
        } catch (java.io.IOException e) {
            throw new AnchorException(CairnException.Kind.STORAGE, "storage_error", "cannot open the anchor queue in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Queues one digest durably. Returns false if it was already queued or batched. */
    public boolean enqueue(Digest digest, Priority priority) {
        return enqueueAll(List.of(digest), priority) == 1;
    }

    /** Queues digests durably (one synced write for the whole call); returns how many were new. */
    public int enqueueAll(Collection<Digest> digests, Priority priority) {
        PendingEnqueue mine = new PendingEnqueue(List.copyOf(digests), priority, new CompletableFuture<>());
        List<PendingEnqueue> group;
        synchronized (lock) {
            waiting.add(mine);
            while (committing && !mine.done.isDone()) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AnchorException(CairnException.Kind.INTERNAL, "interrupted", "interrupted while enqueuing");
                }
            }
            if (mine.done.isDone()) return result(mine);
            committing = true; // this caller commits everything waiting, its own request included
            group = new ArrayList<>(waiting);
            waiting.clear();
        }
        try {
            commit(group);
        } catch (RuntimeException e) {
            group.forEach(p -> p.done.completeExceptionally(e));
        } finally {
            synchronized (lock) {
                committing = false;
                lock.notifyAll();
            }
        }
        return result(mine);
    }

    private static int result(PendingEnqueue p) {
        try {
            return p.done.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw e;
        }
    }

    private void commit(List<PendingEnqueue> group) {
        try (WriteBatch wb = new WriteBatch()) {
            // one multi-get for the whole group: which digests the queue already knows
            java.util.LinkedHashMap<Digest, Integer> fresh = new java.util.LinkedHashMap<>();
            for (int g = 0; g < group.size(); g++) for (Digest d : group.get(g).digests) fresh.putIfAbsent(d, g);
            List<byte[]> keys = new ArrayList<>(fresh.size());
            for (Digest d : fresh.keySet()) keys.add(d.bytes());
            List<byte[]> known = keys.isEmpty() ? List.of() : db.multiGetAsList(java.util.Collections.nCopies(keys.size(), hashes), keys);
            long seq = nextSeq, added = 0, urgentAdded = 0;
            int[] counts = new int[group.size()];
            int i = 0;
            for (Integer g : fresh.values()) {
                byte[] k = keys.get(i);
                if (known.get(i++) != null) continue;
                Priority priority = group.get(g).priority;
                wb.put(hashes, k, ByteBuffer.allocate(9).put(STATUS_QUEUED).putLong(seq).array());
                wb.put(queued, queuedKey(seq++, k), new byte[] {(byte) priority.ordinal()});
                counts[g]++;
                added++;
                if (priority == Priority.URGENT) urgentAdded++;
            }
            if (added > 0) {
                wb.put(meta, NEXT_SEQ, longBytes(seq));
                wb.put(meta, DEPTH, longBytes(depth + added));
                if (urgentAdded > 0) wb.put(meta, URGENT, longBytes(urgent + urgentAdded));
                db.write(synced, wb);
                synchronized (lock) {
                    nextSeq = seq;
                    depth += added;
                    urgent += urgentAdded;
                }
            }
            for (int g = 0; g < group.size(); g++) group.get(g).done.complete(counts[g]);
        } catch (RocksDBException e) {
            throw storageError("enqueuing", e);
        }
    }

    /** Digests waiting for a batch. */
    public long depth() {
        synchronized (lock) {
            return depth;
        }
    }

    /** True when an URGENT digest waits: the scheduler should close a batch now. */
    public boolean hasUrgent() {
        synchronized (lock) {
            return urgent > 0;
        }
    }

    /**
     * Where a digest is. A queued digest's entry keeps its sequence number; batches take digests in
     * sequence order, so the batch holding it is the one whose sequence range covers that number (a
     * closing batch writes one range, not a million status updates).
     */
    public Optional<HashStatus> status(Digest digest) {
        try {
            byte[] v = db.get(hashes, digest.bytes());
            if (v == null) return Optional.empty();
            if (v[0] == STATUS_BATCHED) return Optional.of(new HashStatus.Batched(ByteBuffer.wrap(v, 1, 8).getLong()));
            if (v.length < 9) return Optional.of(new HashStatus.Queued());
            long seq = ByteBuffer.wrap(v, 1, 8).getLong();
            try (RocksIterator it = db.newIterator(batchRanges)) {
                it.seek(longBytes(seq)); // the first range ending at or after seq
                if (it.isValid()) {
                    ByteBuffer range = ByteBuffer.wrap(it.value());
                    if (range.getLong() <= seq) return Optional.of(new HashStatus.Batched(range.getLong()));
                }
            }
            return Optional.of(new HashStatus.Queued());
        } catch (RocksDBException e) {
            throw storageError("reading a status", e);
        }
    }

    /**
     * Moves up to {@code maxSize} queued digests, oldest first, into a new batch with its Merkle root,
     * in one atomic synced write. Returns empty when nothing is queued.
     */
    public Optional<Batch> closeBatch(int maxSize) {
        if (maxSize < 1) throw AnchorException.badInput("invalid_batch_size", "batch size must be positive");
        synchronized (lock) {
            while (committing) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AnchorException(CairnException.Kind.INTERNAL, "interrupted", "interrupted while closing a batch");
                }
            }
            committing = true;
        }
        try (WriteBatch wb = new WriteBatch(); RocksIterator it = db.newIterator(queued)) {
            List<Digest> leaves = new ArrayList<>();
            long urgentTaken = 0;
            long id = nextBatch;
            long firstSeq = -1, lastSeq = -1;
            for (it.seekToFirst(); it.isValid() && leaves.size() < maxSize; it.next()) {
                byte[] key = it.key();
                lastSeq = ByteBuffer.wrap(key, 0, 8).getLong();
                if (firstSeq < 0) firstSeq = lastSeq;
                leaves.add(Digest.of(java.util.Arrays.copyOfRange(key, 8, key.length)));
                if (it.value()[0] == Priority.URGENT.ordinal()) urgentTaken++;
            }
            it.status();
            if (leaves.isEmpty()) return Optional.empty();
            wb.deleteRange(queued, longBytes(firstSeq), longBytes(lastSeq + 1));
            wb.put(batchRanges, longBytes(lastSeq), ByteBuffer.allocate(16).putLong(firstSeq).putLong(id).array());
            Batch batch = new Batch(id, leaves, MerkleTree.build(leaves).root(), BatchState.CLOSED);
            wb.put(batches, longBytes(id), encode(batch));
            wb.put(batchIndex, longBytes(id), indexEntry(BatchState.CLOSED, System.currentTimeMillis(), leaves.size()));
            wb.put(meta, NEXT_BATCH, longBytes(id + 1));
            wb.put(meta, DEPTH, longBytes(depth - leaves.size()));
            wb.put(meta, URGENT, longBytes(Math.max(0, urgent - urgentTaken)));
            db.write(synced, wb);
            synchronized (lock) {
                nextBatch = id + 1;
                depth -= leaves.size();
                urgent = Math.max(0, urgent - urgentTaken);
            }
            return Optional.of(batch);
        } catch (RocksDBException e) {
            throw storageError("closing a batch", e);
        } finally {
            synchronized (lock) {
                committing = false;
                lock.notifyAll();
            }
        }
    }

    public Optional<Batch> batch(long id) {
        try {
            byte[] v = db.get(batches, longBytes(id));
            return v == null ? Optional.empty() : Optional.of(decode(id, v));
        } catch (RocksDBException e) {
            throw storageError("reading a batch", e);
        }
    }

    /** Advances a batch's state durably if it is still in {@code expected}; false if it moved on meanwhile. */
    public boolean advance(long id, BatchState expected, BatchState next) {
        synchronized (lock) {
            Batch b = batch(id).orElseThrow(() -> new AnchorException(CairnException.Kind.NOT_FOUND, "unknown_batch", "no batch " + id));
            if (b.state() != expected) return false;
            try (WriteBatch wb = new WriteBatch()) {
                wb.put(batches, longBytes(id), encode(new Batch(id, b.leaves(), b.root(), next)));
                wb.put(batchIndex, longBytes(id), reindexed(id, next, b.leaves().size()));
                db.write(synced, wb);
                return true;
            } catch (RocksDBException e) {
                throw storageError("advancing batch " + id, e);
            }
        }
    }

    /**
     * A batch's anchor: its current signed transaction and, once mined, where; the transactions it
     * replaced (fee bumps: whichever of them confirms is the anchor); and how its delivery is going.
     */
    public record AnchorRecord(byte[] transaction, long height, String blockHash, List<byte[]> replaced, Delivery delivery) {
        public AnchorRecord {
            replaced = List.copyOf(replaced);
        }

        public AnchorRecord(byte[] transaction, long height, String blockHash) {
            this(transaction, height, blockHash, List.of(), Delivery.NONE);
        }

        public boolean mined() {
            return blockHash != null;
        }

        /** Every transaction broadcast for the batch, the current one first. */
        public List<byte[]> allTransactions() {
            List<byte[]> all = new ArrayList<>(replaced.size() + 1);
            all.add(transaction);
            for (int i = replaced.size() - 1; i >= 0; i--) all.add(replaced.get(i));
            return all;
        }

        public AnchorRecord withDelivery(Delivery d) {
            return new AnchorRecord(transaction, height, blockHash, replaced, d);
        }
    }

    /**
     * How the current transaction's delivery is going: when the network first accepted it (epoch ms,
     * 0 = not yet), how many broadcasts failed in a row, when to try again (epoch ms), the last failure.
     * Durable, so a restart neither forgets a backoff nor restarts the fee-bump clock.
     */
    public record Delivery(long acceptedAtMillis, int failures, long retryAtMillis, String lastError) {
        public static final Delivery NONE = new Delivery(0, 0, 0, null);
    }

    /**
     * Stores a batch's signed transaction and moves it from {@code expected} to {@code next} in one
     * synced write: the transaction is on disk before anyone broadcasts it, so a crash never leads to
     * a second, different anchor of the same batch.
     */
    public boolean recordAnchor(long id, BatchState expected, BatchState next, AnchorRecord record) {
        synchronized (lock) {
            Batch b = batch(id).orElseThrow(() -> new AnchorException(CairnException.Kind.NOT_FOUND, "unknown_batch", "no batch " + id));
            if (b.state() != expected) return false;
            try (WriteBatch wb = new WriteBatch()) {
                wb.put(anchors, longBytes(id), encodeAnchor(record));
                wb.put(batches, longBytes(id), encode(new Batch(id, b.leaves(), b.root(), next)));
                wb.put(batchIndex, longBytes(id), reindexed(id, next, b.leaves().size()));
                db.write(synced, wb);
                return true;
            } catch (RocksDBException e) {
                throw storageError("recording the anchor of batch " + id, e);
            }
        }
    }

    public Optional<AnchorRecord> anchor(long id) {
        try {
            byte[] v = db.get(anchors, longBytes(id));
            return v == null ? Optional.empty() : Optional.of(decodeAnchor(v));
        } catch (RocksDBException e) {
            throw storageError("reading an anchor", e);
        }
    }

    private static byte[] encodeAnchor(AnchorRecord r) {
        byte[] hash = r.blockHash() == null ? new byte[0] : r.blockHash().getBytes(StandardCharsets.US_ASCII);
        byte[] error = r.delivery().lastError() == null ? new byte[0] : r.delivery().lastError().getBytes(StandardCharsets.UTF_8);
        int size = 4 + r.transaction().length + 8 + 4 + hash.length + 4 + 8 + 4 + 8 + 4 + error.length;
        for (byte[] t : r.replaced()) size += 4 + t.length;
        ByteBuffer buf = ByteBuffer.allocate(size)
                .putInt(r.transaction().length).put(r.transaction()).putLong(r.height()).putInt(hash.length).put(hash);
        // added later: records written before end here and read back with no replacements and no delivery state
        buf.putInt(r.replaced().size());
        for (byte[] t : r.replaced()) buf.putInt(t.length).put(t);
        Delivery d = r.delivery();
        buf.putLong(d.acceptedAtMillis()).putInt(d.failures()).putLong(d.retryAtMillis()).putInt(error.length).put(error);
        return buf.array();
    }

    private static AnchorRecord decodeAnchor(byte[] v) {
        ByteBuffer buf = ByteBuffer.wrap(v);
        byte[] tx = new byte[buf.getInt()];
        buf.get(tx);
        long height = buf.getLong();
        byte[] hash = new byte[buf.getInt()];
        buf.get(hash);
        String blockHash = hash.length == 0 ? null : new String(hash, StandardCharsets.US_ASCII);
        if (!buf.hasRemaining()) return new AnchorRecord(tx, height, blockHash);
        int n = buf.getInt();
        List<byte[]> replaced = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            byte[] t = new byte[buf.getInt()];
            buf.get(t);
            replaced.add(t);
        }
        long acceptedAt = buf.getLong();
        int failures = buf.getInt();
        long retryAt = buf.getLong();
        byte[] error = new byte[buf.getInt()];
        buf.get(error);
        return new AnchorRecord(tx, height, blockHash, replaced,
                new Delivery(acceptedAt, failures, retryAt, error.length == 0 ? null : new String(error, StandardCharsets.UTF_8)));
    }

    /** Batches in a state, oldest first (the index is scanned; only matching batches are read). */
    public List<Batch> batchesIn(BatchState state) {
        List<Batch> out = new ArrayList<>();
        for (BatchSummary s : summaries()) {
            if (s.state() == state) batch(s.id()).ifPresent(out::add);
        }
        return out;
    }

    /** Every batch's id, state, close time and size, oldest first, without reading their leaves. */
    public List<BatchSummary> summaries() {
        List<BatchSummary> out = new ArrayList<>();
        try (RocksIterator it = db.newIterator(batchIndex)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                ByteBuffer v = ByteBuffer.wrap(it.value());
                out.add(new BatchSummary(ByteBuffer.wrap(it.key()).getLong(), BatchState.values()[v.get()], java.time.Instant.ofEpochMilli(v.getLong()), v.getInt()));
            }
        }
        return out;
    }

    private byte[] reindexed(long id, BatchState state, int size) throws RocksDBException {
        byte[] old = db.get(batchIndex, longBytes(id));
        return indexEntry(state, old == null ? System.currentTimeMillis() : ByteBuffer.wrap(old, 1, 8).getLong(), size);
    }

    private static byte[] indexEntry(BatchState state, long closedAtMillis, int size) {
        return ByteBuffer.allocate(13).put((byte) state.ordinal()).putLong(closedAtMillis).putInt(size).array();
    }

    /** Queues created before the batch index get one on first open (close time unknown: the open time). */
    private void indexBatchesWrittenBeforeTheIndex() throws RocksDBException {
        try (RocksIterator idx = db.newIterator(batchIndex)) {
            idx.seekToFirst();
            if (idx.isValid()) return;
        }
        try (WriteBatch wb = new WriteBatch(); RocksIterator it = db.newIterator(batches)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                ByteBuffer v = ByteBuffer.wrap(it.value());
                BatchState state = BatchState.values()[v.get()];
                wb.put(batchIndex, it.key(), indexEntry(state, System.currentTimeMillis(), v.getInt()));
            }
            if (wb.count() > 0) db.write(synced, wb);
        }
    }

    private static byte[] encode(Batch b) {
        ByteBuffer buf = ByteBuffer.allocate(1 + 4 + 32 + 32 * b.leaves().size());
        buf.put((byte) b.state().ordinal()).putInt(b.leaves().size());
        buf.put(b.root().bytes());
        for (Digest d : b.leaves()) buf.put(d.bytes());
        return buf.array();
    }

    private static Batch decode(long id, byte[] v) {
        ByteBuffer buf = ByteBuffer.wrap(v);
        BatchState state = BatchState.values()[buf.get()];
        int n = buf.getInt();
        byte[] root = new byte[32];
        buf.get(root);
        List<Digest> leaves = new ArrayList<>(n);
        byte[] d = new byte[32];
        for (int i = 0; i < n; i++) {
            buf.get(d);
            leaves.add(Digest.of(d));
        }
        return new Batch(id, leaves, Digest.of(root), state);
    }

    private static byte[] queuedKey(long seq, byte[] digest) {
        return ByteBuffer.allocate(8 + digest.length).putLong(seq).put(digest).array();
    }

    private static byte[] longBytes(long v) {
        return ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN).putLong(v).array();
    }

    private static long readLong(byte[] b) {
        return b == null ? 0 : ByteBuffer.wrap(b).order(ByteOrder.BIG_ENDIAN).getLong();
    }

    private static AnchorException storageError(String what, RocksDBException e) {
        return new AnchorException(CairnException.Kind.STORAGE, "storage_error", "anchor queue failure while " + what + ": " + e.getMessage(), e);
    }

    @Override
    public void close() {
        synchronized (lock) {
            handles.forEach(ColumnFamilyHandle::close);
            db.close();
            synced.close();
            cfOptions.close();
            options.close();
        }
    }
}
