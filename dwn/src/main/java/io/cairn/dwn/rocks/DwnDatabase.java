package io.cairn.dwn.rocks;

import io.cairn.dwn.handler.StoreTransactions;
import io.cairn.dwn.store.EventLog;
import io.cairn.dwn.store.MessageStore;
import io.cairn.dwn.store.ResumableTaskStore;
import io.cairn.error.StorageException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The DWN's one RocksDB: messages, their indexes, the event log, resumable tasks and data references,
 * each in its own column family. Every write goes through a WAL-backed batch, so a killed process loses
 * nothing it acknowledged; {@link #transaction} groups the writes of one message (index entries, event,
 * data reference) into a single atomic batch.
 */
public final class DwnDatabase implements AutoCloseable {
    static {
        RocksDB.loadLibrary();
    }

    /**
     * {@code syncWrites}: fsync the WAL on every commit, so an acknowledged message survives a power cut and
     * not only a killed process (concurrent commits share one fsync: RocksDB groups them).
     */
    public record Options(boolean syncWrites, long blockCacheBytes) {
        public static final Options DEFAULT = new Options(true, 128L * 1024 * 1024);
        /** Commits reach the OS before they are acknowledged, the disk later: a killed process loses nothing, a power cut may. */
        public static final Options UNSYNCED = new Options(false, DEFAULT.blockCacheBytes());
    }

    static final String MESSAGES = "messages";
    static final String MESSAGE_INDEXES = "message_indexes";
    static final String EVENT_INDEXES = "event_indexes";
    static final String TASKS = "tasks";
    static final String DATA_REFERENCES = "data_references";

    private final Path dir;
    private final RocksDB db;
    private final Map<String, Column> columns = new LinkedHashMap<>();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final List<ColumnFamilyHandle> handles = new ArrayList<>();
    private final WriteOptions writeOptions;
    private final ThreadLocal<Transaction> current = new ThreadLocal<>();
    private final RocksMessageStore messageStore;
    private final RocksEventLog eventLog;
    private final RocksResumableTaskStore taskStore;
    private volatile boolean closed;

    private DwnDatabase(Path dir, Options options) {
        this.dir = dir;
        LRUCache cache = track(new LRUCache(options.blockCacheBytes()));
        ColumnFamilyOptions cfOptions = track(new ColumnFamilyOptions()
                .setWriteBufferSize(64L * 1024 * 1024)
                .setMaxWriteBufferNumber(3)
                .setCompressionType(CompressionType.LZ4_COMPRESSION)
                .setLevelCompactionDynamicLevelBytes(true)
                .setTableFormatConfig(new BlockBasedTableConfig()
                        .setBlockCache(cache)
                        .setBlockSize(16 * 1024)
                        .setCacheIndexAndFilterBlocks(true)
                        .setPinL0FilterAndIndexBlocksInCache(true)
                        .setFilterPolicy(new BloomFilter(10))));
        List<String> names = List.of(MESSAGES, MESSAGE_INDEXES, EVENT_INDEXES, TASKS, DATA_REFERENCES);
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, cfOptions));
        for (String name : names) descriptors.add(new ColumnFamilyDescriptor(name.getBytes(StandardCharsets.UTF_8), cfOptions));
        DBOptions dbOptions = track(new DBOptions()
                .setCreateIfMissing(true)
                .setCreateMissingColumnFamilies(true)
                .setMaxBackgroundJobs(2)
                .setBytesPerSync(1L << 20)
                .setKeepLogFileNum(3));
        try {
            Files.createDirectories(dir);
            db = RocksDB.open(dbOptions, dir.toString(), descriptors, handles);
        } catch (RocksDBException | java.io.IOException e) {
            resources.forEach(DwnDatabase::closeQuietly);
            throw new StorageException("storage_error", "cannot open the DWN database at " + dir + ": " + e.getMessage(), e);
        }
        for (int i = 0; i < names.size(); i++) columns.put(names.get(i), new Column(this, handles.get(i + 1)));
        writeOptions = track(new WriteOptions().setSync(options.syncWrites()));
        messageStore = new RocksMessageStore(this, column(MESSAGES), new RocksIndex(this, column(MESSAGE_INDEXES), RocksMessageStore.SORT_PROPERTIES));
        eventLog = new RocksEventLog(new RocksIndex(this, column(EVENT_INDEXES), List.of(RocksEventLog.WATERMARK)));
        taskStore = new RocksResumableTaskStore(column(TASKS));
    }

    public static DwnDatabase open(Path dir) {
        return open(dir, Options.DEFAULT);
    }

    public static DwnDatabase open(Path dir, Options options) {
        return new DwnDatabase(dir, options);
    }

    public Path path() {
        return dir;
    }

    public MessageStore messageStore() {
        return messageStore;
    }

    public EventLog eventLog() {
        return eventLog;
    }

    public ResumableTaskStore resumableTaskStore() {
        return taskStore;
    }

    /** The column that holds the data references of the DataStore (the storage module keeps them here so they commit with the message). */
    public Column dataReferences() {
        return column(DATA_REFERENCES);
    }

    /** Native memory RocksDB reports for memtables, table readers and the block cache, in bytes. */
    public long nativeMemoryBytes() {
        long total = 0;
        try {
            for (ColumnFamilyHandle handle : handles) {
                total += db.getLongProperty(handle, "rocksdb.cur-size-all-mem-tables");
                total += db.getLongProperty(handle, "rocksdb.estimate-table-readers-mem");
            }
            total += db.getLongProperty("rocksdb.block-cache-usage");
        } catch (RocksDBException e) {
            throw failure("property read", e);
        }
        return total;
    }

    /** Microseconds writes have been stalled or slowed by RocksDB since it opened (compaction falling behind). */
    public long stallMicros() {
        try {
            String stats = db.getProperty("rocksdb.stats");
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("Cumulative stall: (\\d+):(\\d+):(\\d+\\.\\d+) H:M:S").matcher(stats);
            if (!m.find()) return 0;
            return (long) ((Long.parseLong(m.group(1)) * 3600 + Long.parseLong(m.group(2)) * 60 + Double.parseDouble(m.group(3))) * 1e6);
        } catch (RocksDBException e) {
            throw failure("property read", e);
        }
    }

    /** The bytes of SST and blob files on disk. */
    public long diskBytes() {
        try {
            long total = 0;
            for (ColumnFamilyHandle handle : handles) total += db.getLongProperty(handle, "rocksdb.total-sst-files-size");
            return total;
        } catch (RocksDBException e) {
            throw failure("property read", e);
        }
    }

    Column column(String name) {
        return columns.get(name);
    }

    /**
     * Runs {@code work} so that every store write it makes commits in one atomic batch when it returns,
     * or not at all when it throws. Nested calls join the outer transaction. Reads inside do not see the
     * transaction's own uncommitted writes.
     */
    public <T> T transaction(Supplier<T> work) {
        if (current.get() != null) return work.get();
        Transaction tx = new Transaction();
        current.set(tx);
        boolean committed = false;
        try {
            T result = work.get();
            commit(tx.batch);
            committed = true;
            return result;
        } finally {
            current.remove();
            tx.batch.close();
            tx.finish(committed);
        }
    }

    /** The handlers' hook ({@code Dwn.Builder.transactions}) bound to {@link #transaction}. */
    public StoreTransactions storeTransactions() {
        return new StoreTransactions() {
            @Override
            public <T> T atomically(Supplier<T> work) {
                return transaction(work);
            }
        };
    }

    public void transaction(Runnable work) {
        transaction(() -> {
            work.run();
            return null;
        });
    }

    /** Runs {@code action} once the enclosing transaction has committed or been abandoned (at once when none is open). */
    public void afterTransaction(java.util.function.Consumer<Boolean> action) {
        Transaction tx = current.get();
        if (tx == null) action.accept(true);
        else tx.completions.add(action);
    }

    /** Applies {@code ops} to the open transaction, or commits them on their own when none is open. */
    void write(BatchWork ops) {
        Transaction tx = current.get();
        try {
            if (tx != null) {
                ops.addTo(tx.batch);
                return;
            }
            try (WriteBatch batch = new WriteBatch()) {
                ops.addTo(batch);
                commit(batch);
            }
        } catch (RocksDBException e) {
            throw failure("write", e);
        }
    }

    private void commit(WriteBatch batch) {
        ensureOpen();
        if (batch.count() == 0) return;
        try {
            db.write(writeOptions, batch);
        } catch (RocksDBException e) {
            throw failure("commit", e);
        }
    }

    RocksDB db() {
        ensureOpen();
        return db;
    }

    void ensureOpen() {
        if (closed) throw new StorageException("storage_closed", "the DWN database at " + dir + " is closed", null);
    }

    static StorageException failure(String what, RocksDBException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("No space left")) return StorageException.diskFull("the DWN database", e);
        return new StorageException("storage_error", "DWN database " + what + " failed: " + message, e);
    }

    @FunctionalInterface
    interface BatchWork {
        void addTo(WriteBatch batch) throws RocksDBException;
    }

    private static final class Transaction {
        final WriteBatch batch = new WriteBatch();
        final List<java.util.function.Consumer<Boolean>> completions = new ArrayList<>();

        void finish(boolean committed) {
            for (var completion : completions) completion.accept(committed);
        }
    }

    private <T extends AutoCloseable> T track(T resource) {
        resources.add(resource);
        return resource;
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception ignored) {
            // closing anyway
        }
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        try {
            db.syncWal();
        } catch (RocksDBException ignored) {
            // the WAL is already in the OS; closing anyway
        }
        handles.forEach(ColumnFamilyHandle::close);
        db.close();
        resources.forEach(DwnDatabase::closeQuietly);
    }
}
