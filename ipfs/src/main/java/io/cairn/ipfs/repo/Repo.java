package io.cairn.ipfs.repo;

import io.cairn.error.CairnException;
import io.cairn.error.StorageException;
import io.cairn.ipfs.block.Blockstore;
import io.cairn.ipfs.block.RocksBlockstore;
import io.cairn.ipfs.dag.DagWalker;
import io.cairn.ipfs.pin.PinStore;
import io.cairn.ipfs.pin.PinType;
import io.cairn.multiformats.Cid;
import io.cairn.multiformats.Multihash;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Stream;

/**
 * A Cairn repo on disk: the blockstore and pins in one embedded RocksDB under {@code DIR/datastore},
 * and a version file. One process at a time holds a repo open.
 */
public final class Repo implements AutoCloseable {
    public static final String VERSION = "1";
    private static final int GC_BATCH = 1024;

    private final Path dir;
    private final RepoDatabase database;
    private final RocksBlockstore blockstore;
    private final RocksPinStore pins;
    /** Writers hold the read side, so many run at once; GC takes the write side. */
    private final ReentrantReadWriteLock gcLock = new ReentrantReadWriteLock(true);

    private Repo(Path dir, RepoDatabase database) {
        this.dir = dir;
        this.database = database;
        this.blockstore = new RocksBlockstore(database.db, database.blocks, database.counters);
        this.pins = new RocksPinStore(database.db, database.pins, blockstore);
    }

    public static Repo open(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        try {
            if (Files.exists(abs) && !Files.isDirectory(abs)) {
                throw new CairnException(CairnException.Kind.BAD_INPUT, "invalid_repo", abs + " is not a directory");
            }
            Files.createDirectories(abs);
            Path version = abs.resolve("version");
            if (Files.exists(version)) {
                String v = Files.readString(version, StandardCharsets.UTF_8).trim();
                if (!VERSION.equals(v)) {
                    throw new CairnException(CairnException.Kind.BAD_INPUT, "repo_version",
                            "repo " + abs + " has version " + v + "; this Cairn reads version " + VERSION);
                }
            } else {
                Files.writeString(version, VERSION + "\n", StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new StorageException("storage_error", "cannot create the repo at " + abs + ": " + e.getMessage(), e);
        }
        return new Repo(abs, new RepoDatabase(abs.resolve("datastore")));
    }

    public Path path() {
        return dir;
    }

    public Blockstore blockstore() {
        return blockstore;
    }

    public PinStore pins() {
        return pins;
    }

    /** Call before writing blocks that are not pinned yet; close once they are pinned (or abandoned). */
    public WriteGuard beginWrite() {
        ReentrantReadWriteLock.ReadLock lock = gcLock.readLock();
        lock.lock();
        return lock::unlock;
    }

    /** Removes every block not reachable from a pin. Waits for writes in progress to finish first. */
    public GcResult collectGarbage() {
        gcLock.writeLock().lock();
        try {
            Set<Multihash> keep = new HashSet<>();
            DagWalker walker = new DagWalker(blockstore);
            for (Map.Entry<Cid, PinType> pin : pins.list().entrySet()) {
                if (pin.getValue() == PinType.RECURSIVE) walker.reachable(pin.getKey(), keep);
                else keep.add(pin.getKey().multihash());
            }
            List<Cid> doomed = new ArrayList<>();
            long[] removed = new long[2];
            long[] kept = new long[1];
            blockstore.forEach(cid -> {
                if (keep.contains(cid.multihash())) {
                    kept[0]++;
                    return;
                }
                doomed.add(cid);
            });
            for (int i = 0; i < doomed.size(); i += GC_BATCH) {
                List<Cid> batch = doomed.subList(i, Math.min(doomed.size(), i + GC_BATCH));
                for (Cid c : batch) removed[1] += Math.max(0, blockstore.size(c));
                blockstore.deleteAll(batch);
                removed[0] += batch.size();
            }
            blockstore.sync();
            return new GcResult(removed[0], removed[1], kept[0]);
        } finally {
            gcLock.writeLock().unlock();
        }
    }

    public RepoStats stat() {
        var s = blockstore.stats();
        return new RepoStats(s.blockCount(), s.totalBytes(), diskUsage(), dir, "rocksdb", VERSION);
    }

    private long diskUsage() {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException e) {
            return -1;
        }
    }

    /** Re-hashes every stored block and reports those whose bytes no longer match their multihash. */
    public VerifyResult verify() {
        List<String> corrupt = new ArrayList<>();
        long[] checked = new long[1];
        blockstore.forEachBlock((mh, data) -> {
            checked[0]++;
            boolean ok;
            try {
                ok = mh.matches(data);
            } catch (CairnException e) {
                ok = false;
            }
            if (!ok) corrupt.add(Cid.v1(io.cairn.multiformats.Multicodec.RAW, mh).toString());
        });
        return new VerifyResult(checked[0], corrupt);
    }

    @Override
    public void close() {
        gcLock.writeLock().lock();
        try {
            blockstore.sync();
            pins.close();
            blockstore.close();
            database.close();
        } finally {
            gcLock.writeLock().unlock();
        }
    }
}
