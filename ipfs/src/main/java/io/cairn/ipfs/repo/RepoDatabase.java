package io.cairn.ipfs.repo;

import io.cairn.error.StorageException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

/** The repo's RocksDB instance and its column families: blocks, counters, pins. */
final class RepoDatabase implements AutoCloseable {
    static {
        RocksDB.loadLibrary();
    }

    final RocksDB db;
    final ColumnFamilyHandle blocks;
    final ColumnFamilyHandle counters;
    final ColumnFamilyHandle pins;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final List<ColumnFamilyHandle> handles = new ArrayList<>();

    RepoDatabase(Path dir) {
        LRUCache cache = track(new LRUCache(64L * 1024 * 1024));
        ColumnFamilyOptions blockOptions = track(new ColumnFamilyOptions()
                .setEnableBlobFiles(true)
                .setMinBlobSize(4096)
                .setBlobFileSize(256L * 1024 * 1024)
                .setWriteBufferSize(128L * 1024 * 1024)
                .setMaxWriteBufferNumber(4)
                .setCompressionType(CompressionType.NO_COMPRESSION)
                .setTableFormatConfig(new BlockBasedTableConfig()
                        .setBlockCache(cache)
                        .setFilterPolicy(new BloomFilter(10))));
        ColumnFamilyOptions smallOptions = track(new ColumnFamilyOptions());
        List<ColumnFamilyDescriptor> descriptors = List.of(
                new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, smallOptions),
                new ColumnFamilyDescriptor("blocks".getBytes(StandardCharsets.UTF_8), blockOptions),
                new ColumnFamilyDescriptor("counters".getBytes(StandardCharsets.UTF_8), smallOptions),
                new ColumnFamilyDescriptor("pins".getBytes(StandardCharsets.UTF_8), smallOptions));
        DBOptions options = track(new DBOptions()
                .setCreateIfMissing(true)
                .setCreateMissingColumnFamilies(true)
                .setMaxBackgroundJobs(2)
                .setKeepLogFileNum(3));
        try {
            db = RocksDB.open(options, dir.toString(), descriptors, handles);
        } catch (RocksDBException e) {
            String msg = String.valueOf(e.getMessage());
            if (msg.contains("lock") || msg.contains("LOCK")) throw new RepoLockedException(dir.getParent(), e);
            throw new StorageException("storage_error", "cannot open the repo database at " + dir + ": " + msg, e);
        }
        blocks = handles.get(1);
        counters = handles.get(2);
        pins = handles.get(3);
    }

    private <T extends AutoCloseable> T track(T resource) {
        resources.add(resource);
        return resource;
    }

    @Override
    public void close() {
        try {
            db.syncWal();
        } catch (RocksDBException ignored) {
            // closing anyway; the WAL is synced by every acknowledged write path
        }
        handles.forEach(ColumnFamilyHandle::close);
        db.close();
        for (AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception ignored) {
                // native handles; nothing more to do
            }
        }
    }
}
