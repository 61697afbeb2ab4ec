package io.cairn.ipfs.repo;

import io.cairn.error.CairnException;
import io.cairn.error.StorageException;
import io.cairn.ipfs.block.Blockstore;
import io.cairn.ipfs.block.PackBlockstore;
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
 * A Cairn repo on disk: block bytes in pack files under {@code DIR/blocks} indexed by an embedded
 * RocksDB under {@code DIR/datastore}, which also holds pins and counters; and a version file. One
 * process at a time holds a repo open. (A repo can instead keep block bytes as RocksDB values, the
 * layout measured against packs in BENCHMARKS.md; the choice is fixed when the repo is created.)
 */
public final class Repo implements AutoCloseable {
    public static final String VERSION = "1";
    private static final int GC_BATCH = 1024;

    private final Path dir;
    private final RepoDatabase database;
    private final Blockstore blockstore;
    private final BlockstoreKind kind;
    private final RocksPinStore pins;
    /** Writers hold the read side, so many run at once; GC takes the write side. */
    private final ReentrantReadWriteLock gcLock = new ReentrantReadWriteLock(true);
    private final List<GcRootProvider> rootProviders = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Where block bytes live. */
    public enum BlockstoreKind {
        /** Append-only pack files with a RocksDB index: the default. */
        PACKS,
        /** Block bytes as RocksDB values (blob files). */
        ROCKSDB
    }

    private Repo(Path dir, RepoDatabase database, BlockstoreKind kind) {
        this.dir = dir;
        this.database = database;
        this.kind = kind;
        this.blockstore = kind == BlockstoreKind.PACKS
                ? new PackBlockstore(dir.resolve("blocks"), database.db, database.blocks, database.counters)
                : new RocksBlockstore(database.db, database.blocks, database.counters);
        this.pins = new RocksPinStore(database.db, database.pins, blockstore);
    }

    public static Repo open(Path dir) {
        return open(dir, BlockstoreKind.PACKS);
    }

    /** Opens a repo; {@code kindForNewRepo} applies only when the repo is created. */
    public static Repo open(Path dir, BlockstoreKind kindForNewRepo) {
        Path abs = dir.toAbsolutePath().normalize();
        BlockstoreKind kind;
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
            Path kindFile = abs.resolve("blockstore");
            if (!Files.exists(kindFile)) Files.writeString(kindFile, kindForNewRepo.name().toLowerCase() + "\n", StandardCharsets.UTF_8);
            String k = Files.readString(kindFile, StandardCharsets.UTF_8).trim();
            try {
                kind = BlockstoreKind.valueOf(k.toUpperCase());
            } catch (IllegalArgumentException e) {
                throw new CairnException(CairnException.Kind.BAD_INPUT, "invalid_repo", "repo " + abs + " has an unknown blockstore '" + k + "'");
            }
        } catch (IOException e) {
            throw new StorageException("storage_error", "cannot create the repo at " + abs + ": " + e.getMessage(), e);
        }
        return new Repo(abs, new RepoDatabase(abs.resolve("datastore")), kind);
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

    /** Adds roots that garbage collection keeps besides the pins; the returned handle removes them again. */
    public AutoCloseable addGcRoots(GcRootProvider provider) {
        rootProviders.add(provider);
        return () -> rootProviders.remove(provider);
    }

    /** Removes every block not reachable from a pin or a {@link GcRootProvider} root. Waits for writes in progress to finish first. */
    public GcResult collectGarbage() {
        gcLock.writeLock().lock();
        try {
            Set<Multihash> keep = new HashSet<>();
            DagWalker walker = new DagWalker(blockstore);
            for (Map.Entry<Cid, PinType> pin : pins.list().entrySet()) {
                if (pin.getValue() == PinType.RECURSIVE) walker.reachable(pin.getKey(), keep);
                else keep.add(pin.getKey().multihash());
            }
            for (GcRootProvider provider : rootProviders) provider.roots(root -> walker.reachable(root, keep));
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
            blockstore.compact();
            return new GcResult(removed[0], removed[1], kept[0]);
        } finally {
            gcLock.writeLock().unlock();
        }
    }

    public RepoStats stat() {
        var s = blockstore.stats();
        return new RepoStats(s.blockCount(), s.totalBytes(), diskUsage(), dir, kind.name().toLowerCase(), VERSION);
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
