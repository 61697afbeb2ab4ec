package io.cairn.ipfs.block;

import io.cairn.error.StorageException;
import io.cairn.multiformats.Cid;
import io.cairn.multiformats.Multicodec;
import io.cairn.multiformats.Multihash;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Collection;
import java.util.function.Consumer;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * Blocks in a RocksDB column family, keyed by multihash; large values go to RocksDB's blob files so
 * that compaction does not rewrite them. Block count and total bytes are kept in a second column
 * family, updated in the same atomic batch as the blocks.
 */
public final class RocksBlockstore implements Blockstore {
    private static final byte[] COUNT_KEY = {'c'};
    private static final byte[] BYTES_KEY = {'b'};

    private final RocksDB db;
    private final ColumnFamilyHandle blocks;
    private final ColumnFamilyHandle counters;
    private final WriteOptions writeOptions = new WriteOptions();
    private final Object writeLock = new Object();
    private long blockCount;
    private long totalBytes;

    /** Uses column families opened by the repo; see {@code io.cairn.ipfs.repo.RepoDatabase}. */
    public RocksBlockstore(RocksDB db, ColumnFamilyHandle blocks, ColumnFamilyHandle counters) {
        this.db = db;
        this.blocks = blocks;
        this.counters = counters;
        try {
            blockCount = readLong(db.get(counters, COUNT_KEY));
            totalBytes = readLong(db.get(counters, BYTES_KEY));
        } catch (RocksDBException e) {
            throw storageError("reading block counters", e);
        }
    }

    private static byte[] key(Cid cid) {
        return cid.multihash().toBytes();
    }

    @Override
    public boolean has(Cid cid) {
        if (cid.multihash().isIdentity()) return true;
        return size(cid) >= 0;
    }

    @Override
    public byte[] get(Cid cid) {
        if (cid.multihash().isIdentity()) return cid.multihash().digest();
        try {
            byte[] b = db.get(blocks, key(cid));
            if (b == null) throw new BlockNotFoundException(cid);
            return b;
        } catch (RocksDBException e) {
            throw storageError("reading block " + cid, e);
        }
    }

    @Override
    public long size(Cid cid) {
        if (cid.multihash().isIdentity()) return cid.multihash().digestLength();
        byte[] k = key(cid);
        try {
            if (!db.keyMayExist(blocks, k, null)) return -1;
            byte[] b = db.get(blocks, k);
            return b == null ? -1 : b.length;
        } catch (RocksDBException e) {
            throw storageError("reading block " + cid, e);
        }
    }

    @Override
    public void put(Block block) {
        putAll(java.util.List.of(block));
    }

    @Override
    public void putAll(Collection<Block> batch) {
        synchronized (writeLock) {
            try (WriteBatch wb = new WriteBatch()) {
                long addedCount = 0, addedBytes = 0;
                java.util.Set<ByteBuffer> seen = new java.util.HashSet<>();
                for (Block b : batch) {
                    if (b.cid().multihash().isIdentity()) continue;
                    byte[] k = key(b.cid());
                    if (!seen.add(ByteBuffer.wrap(k)) || existingSize(k) >= 0) continue;
                    wb.put(blocks, k, b.data());
                    addedCount++;
                    addedBytes += b.data().length;
                }
                if (addedCount == 0) return;
                writeCounters(wb, blockCount + addedCount, totalBytes + addedBytes);
                db.write(writeOptions, wb);
                blockCount += addedCount;
                totalBytes += addedBytes;
            } catch (RocksDBException e) {
                throw storageError("writing " + batch.size() + " blocks", e);
            }
        }
    }

    private long existingSize(byte[] k) throws RocksDBException {
        if (!db.keyMayExist(blocks, k, null)) return -1;
        byte[] b = db.get(blocks, k);
        return b == null ? -1 : b.length;
    }

    @Override
    public void delete(Cid cid) {
        deleteAll(java.util.List.of(cid));
    }

    @Override
    public void deleteAll(Collection<Cid> cids) {
        synchronized (writeLock) {
            try (WriteBatch wb = new WriteBatch()) {
                long removedCount = 0, removedBytes = 0;
                java.util.Set<ByteBuffer> seen = new java.util.HashSet<>();
                for (Cid cid : cids) {
                    if (cid.multihash().isIdentity()) continue;
                    byte[] k = key(cid);
                    if (!seen.add(ByteBuffer.wrap(k))) continue;
                    long size = existingSize(k);
                    if (size < 0) continue;
                    wb.delete(blocks, k);
                    removedCount++;
                    removedBytes += size;
                }
                if (removedCount == 0) return;
                writeCounters(wb, blockCount - removedCount, totalBytes - removedBytes);
                db.write(writeOptions, wb);
                blockCount -= removedCount;
                totalBytes -= removedBytes;
            } catch (RocksDBException e) {
                throw storageError("deleting blocks", e);
            }
        }
    }

    private void writeCounters(WriteBatch wb, long count, long bytes) throws RocksDBException {
        wb.put(counters, COUNT_KEY, longBytes(count));
        wb.put(counters, BYTES_KEY, longBytes(bytes));
    }

    @Override
    public void forEach(Consumer<Cid> visitor) {
        try (RocksIterator it = db.newIterator(blocks)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                visitor.accept(Cid.v1(Multicodec.RAW, Multihash.fromBytes(it.key())));
            }
            it.status();
        } catch (RocksDBException e) {
            throw storageError("listing blocks", e);
        }
    }

    @Override
    public void forEachBlock(java.util.function.BiConsumer<Multihash, byte[]> visitor) {
        try (RocksIterator it = db.newIterator(blocks)) {
            for (it.seekToFirst(); it.isValid(); it.next()) visitor.accept(Multihash.fromBytes(it.key()), it.value());
            it.status();
        } catch (RocksDBException e) {
            throw storageError("reading blocks", e);
        }
    }

    @Override
    public void sync() {
        try {
            db.flushWal(true);
        } catch (RocksDBException e) {
            throw storageError("syncing the write-ahead log", e);
        }
    }

    @Override
    public BlockstoreStats stats() {
        synchronized (writeLock) {
            return new BlockstoreStats(blockCount, totalBytes);
        }
    }

    @Override
    public void close() {
        writeOptions.close();
    }

    static StorageException storageError(String what, RocksDBException e) {
        String msg = String.valueOf(e.getMessage());
        if (msg.contains("No space left") || msg.contains("NoSpace")) return StorageException.diskFull(what, e);
        return new StorageException("storage_error", "storage failure while " + what + ": " + msg, e);
    }

    private static byte[] longBytes(long v) {
        return ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN).putLong(v).array();
    }

    private static long readLong(byte[] b) {
        return b == null ? 0 : ByteBuffer.wrap(b).order(ByteOrder.BIG_ENDIAN).getLong();
    }
}
