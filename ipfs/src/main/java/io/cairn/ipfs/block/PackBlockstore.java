package io.cairn.ipfs.block;

import io.cairn.error.StorageException;
import io.cairn.multiformats.Cid;
import io.cairn.multiformats.Multicodec;
import io.cairn.multiformats.Multihash;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * Block bytes appended to large pack files, with a RocksDB index from multihash to (pack, offset,
 * length). Writing a block is one sequential append, so adds run at the speed of the disk rather
 * than of an LSM tree rewriting large values (see BENCHMARKS.md for both measured).
 *
 * <p>Crash safety comes from ordering: appended blocks are visible at once but indexed durably only
 * in {@link #sync()}, which first fsyncs the packs and then writes every pending index entry in one
 * synced RocksDB batch. The index therefore never points at bytes that are not on disk; blocks
 * appended but not yet indexed when the process dies are dead bytes that compaction reclaims.
 */
public final class PackBlockstore implements Blockstore {
    /** A pack is closed for appends once it reaches this size. */
    static final long PACK_SIZE = 1L << 30;
    private static final int MAX_PENDING = 16_384;
    private static final byte[] COUNT_KEY = {'c'};
    private static final byte[] BYTES_KEY = {'b'};

    private final Path dir;
    private final RocksDB db;
    private final ColumnFamilyHandle index;
    private final ColumnFamilyHandle counters;
    private final WriteOptions synced = new WriteOptions().setSync(true);
    private final WriteOptions unsynced = new WriteOptions();
    private final ConcurrentHashMap<Integer, FileChannel> readers = new ConcurrentHashMap<>();
    private final Object writeLock = new Object();

    /** Appended since the last sync: visible to readers, not yet in the durable index. */
    private final Map<ByteBuffer, Location> pending = new ConcurrentHashMap<>();
    private final Set<Integer> dirtyPacks = new LinkedHashSet<>();
    private FileChannel appendChannel;
    private int appendPack;
    private long appendOffset;
    private long blockCount;
    private long totalBytes;

    /** Where a block's bytes are: pack number, offset of the data, length. */
    record Location(int pack, long offset, int length) {
        byte[] encode() {
            return ByteBuffer.allocate(16).order(ByteOrder.BIG_ENDIAN).putInt(pack).putLong(offset).putInt(length).array();
        }

        static Location decode(byte[] b) {
            ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.BIG_ENDIAN);
            return new Location(buf.getInt(), buf.getLong(), buf.getInt());
        }
    }

    public PackBlockstore(Path dir, RocksDB db, ColumnFamilyHandle index, ColumnFamilyHandle counters) {
        this.dir = dir;
        this.db = db;
        this.index = index;
        this.counters = counters;
        try {
            Files.createDirectories(dir);
            blockCount = readLong(db.get(counters, COUNT_KEY));
            totalBytes = readLong(db.get(counters, BYTES_KEY));
            int last = 0;
            try (var files = Files.list(dir)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    Integer n = packNumber(p);
                    if (n != null) last = Math.max(last, n);
                }
            }
            // appending after a torn write at the end of the last pack is harmless: those bytes were never indexed
            openForAppend(last == 0 ? 1 : last);
        } catch (IOException | RocksDBException e) {
            throw new StorageException("storage_error", "cannot open the block packs in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static Integer packNumber(Path p) {
        String n = p.getFileName().toString();
        if (!n.startsWith("pack-") || !n.endsWith(".dat")) return null;
        try {
            return Integer.parseInt(n.substring(5, n.length() - 4));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private Path packPath(int n) {
        return dir.resolve(String.format("pack-%06d.dat", n));
    }

    private void openForAppend(int n) throws IOException {
        if (appendChannel != null) appendChannel.close();
        appendPack = n;
        appendChannel = FileChannel.open(packPath(n), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        appendOffset = appendChannel.size();
    }

    private static ByteBuffer key(Cid cid) {
        return ByteBuffer.wrap(cid.multihash().toBytes());
    }

    private Location locate(Cid cid) {
        ByteBuffer k = key(cid);
        Location p = pending.get(k);
        if (p != null) return p;
        try {
            byte[] v = db.get(index, k.array());
            return v == null ? null : Location.decode(v);
        } catch (RocksDBException e) {
            throw storageError("reading the block index", e);
        }
    }

    @Override
    public boolean has(Cid cid) {
        return cid.multihash().isIdentity() || locate(cid) != null;
    }

    @Override
    public byte[] get(Cid cid) {
        if (cid.multihash().isIdentity()) return cid.multihash().digest();
        for (int attempt = 0; ; attempt++) {
            Location loc = locate(cid);
            if (loc == null) throw new BlockNotFoundException(cid);
            try {
                return read(loc);
            } catch (ClosedChannelException | NoSuchFileException e) {
                if (attempt > 0) throw new StorageException("storage_error", "block " + cid + " moved while being read", e);
                // compaction moved the block between the lookup and the read: look it up again
            } catch (IOException e) {
                throw new StorageException("storage_error", "cannot read block " + cid + ": " + e.getMessage(), e);
            }
        }
    }

    private byte[] read(Location loc) throws IOException {
        FileChannel ch = readers.get(loc.pack);
        if (ch == null) {
            ch = FileChannel.open(packPath(loc.pack), StandardOpenOption.READ);
            FileChannel raced = readers.putIfAbsent(loc.pack, ch);
            if (raced != null) {
                ch.close();
                ch = raced;
            }
        }
        byte[] out = new byte[loc.length];
        ByteBuffer buf = ByteBuffer.wrap(out);
        long pos = loc.offset;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos);
            if (n < 0) throw new StorageException("corrupt_pack", "pack " + loc.pack + " ends before a block it indexes", null);
            pos += n;
        }
        return out;
    }

    @Override
    public long size(Cid cid) {
        if (cid.multihash().isIdentity()) return cid.multihash().digestLength();
        Location loc = locate(cid);
        return loc == null ? -1 : loc.length;
    }

    @Override
    public void put(Block block) {
        putAll(List.of(block));
    }

    @Override
    public void putAll(Collection<Block> blocks) {
        synchronized (writeLock) {
            try {
                for (Block b : blocks) {
                    if (b.cid().multihash().isIdentity()) continue;
                    ByteBuffer k = key(b.cid());
                    if (pending.containsKey(k) || db.get(index, k.array()) != null) continue;
                    pending.put(k, append(k.array(), b.data()));
                }
                if (pending.size() >= MAX_PENDING) syncLocked();
            } catch (IOException e) {
                throw ioError("writing " + blocks.size() + " blocks", e);
            } catch (RocksDBException e) {
                throw storageError("reading the block index", e);
            }
        }
    }

    /** Appends [mh length u16][multihash][data length u32][data]; the header lets a pack be read without the index. */
    private Location append(byte[] multihash, byte[] data) throws IOException {
        if (appendOffset >= PACK_SIZE) openForAppend(appendPack + 1);
        ByteBuffer header = ByteBuffer.allocate(2 + multihash.length + 4).order(ByteOrder.BIG_ENDIAN);
        header.putShort((short) multihash.length).put(multihash).putInt(data.length).flip();
        ByteBuffer[] parts = {header, ByteBuffer.wrap(data)};
        long expected = header.remaining() + (long) data.length;
        long written = 0;
        appendChannel.position(appendOffset);
        while (written < expected) written += appendChannel.write(parts);
        Location loc = new Location(appendPack, appendOffset + 2 + multihash.length + 4, data.length);
        appendOffset += expected;
        dirtyPacks.add(appendPack);
        return loc;
    }

    @Override
    public void sync() {
        synchronized (writeLock) {
            try {
                syncLocked();
            } catch (IOException e) {
                throw ioError("syncing block packs", e);
            } catch (RocksDBException e) {
                throw storageError("writing the block index", e);
            }
        }
    }

    private void syncLocked() throws IOException, RocksDBException {
        if (pending.isEmpty()) return;
        for (int pack : dirtyPacks) {
            if (pack == appendPack) {
                appendChannel.force(false);
            } else {
                try (FileChannel ch = FileChannel.open(packPath(pack), StandardOpenOption.WRITE)) {
                    ch.force(false);
                }
            }
        }
        dirtyPacks.clear();
        long addedBytes = 0;
        Map<Integer, Long> livePerPack = new HashMap<>();
        try (WriteBatch wb = new WriteBatch()) {
            for (Map.Entry<ByteBuffer, Location> e : pending.entrySet()) {
                wb.put(index, e.getKey().array(), e.getValue().encode());
                addedBytes += e.getValue().length;
                livePerPack.merge(e.getValue().pack, (long) e.getValue().length, Long::sum);
            }
            for (Map.Entry<Integer, Long> e : livePerPack.entrySet()) {
                wb.put(counters, liveKey(e.getKey()), longBytes(liveBytes(e.getKey()) + e.getValue()));
            }
            wb.put(counters, COUNT_KEY, longBytes(blockCount + pending.size()));
            wb.put(counters, BYTES_KEY, longBytes(totalBytes + addedBytes));
            db.write(synced, wb);
        }
        blockCount += pending.size();
        totalBytes += addedBytes;
        pending.clear();
    }

    private static byte[] liveKey(int pack) {
        return ByteBuffer.allocate(5).put((byte) 'p').putInt(pack).array();
    }

    private long liveBytes(int pack) throws RocksDBException {
        return readLong(db.get(counters, liveKey(pack)));
    }

    @Override
    public void delete(Cid cid) {
        deleteAll(List.of(cid));
    }

    @Override
    public void deleteAll(Collection<Cid> cids) {
        synchronized (writeLock) {
            try {
                syncLocked(); // deletes apply to the durable index only
                Map<Integer, Long> freed = new HashMap<>();
                long removedCount = 0, removedBytes = 0;
                try (WriteBatch wb = new WriteBatch()) {
                    Set<ByteBuffer> seen = new java.util.HashSet<>();
                    for (Cid cid : cids) {
                        if (cid.multihash().isIdentity()) continue;
                        ByteBuffer k = key(cid);
                        if (!seen.add(k)) continue;
                        byte[] v = db.get(index, k.array());
                        if (v == null) continue;
                        Location loc = Location.decode(v);
                        wb.delete(index, k.array());
                        freed.merge(loc.pack, (long) loc.length, Long::sum);
                        removedCount++;
                        removedBytes += loc.length;
                    }
                    if (removedCount == 0) return;
                    for (Map.Entry<Integer, Long> e : freed.entrySet()) {
                        wb.put(counters, liveKey(e.getKey()), longBytes(Math.max(0, liveBytes(e.getKey()) - e.getValue())));
                    }
                    wb.put(counters, COUNT_KEY, longBytes(blockCount - removedCount));
                    wb.put(counters, BYTES_KEY, longBytes(totalBytes - removedBytes));
                    db.write(unsynced, wb);
                }
                blockCount -= removedCount;
                totalBytes -= removedBytes;
            } catch (IOException e) {
                throw ioError("deleting blocks", e);
            } catch (RocksDBException e) {
                throw storageError("deleting blocks", e);
            }
        }
    }

    /**
     * Reclaims the space of deleted blocks: a closed pack with no live block is removed; one less than
     * half live has its live blocks copied to the current pack first. Returns the bytes reclaimed.
     */
    @Override
    public long compact() {
        synchronized (writeLock) {
            try {
                syncLocked();
                if (appendOffset > 0 && liveBytes(appendPack) * 2 < appendOffset) openForAppend(appendPack + 1); // so it can be compacted too
                long reclaimed = 0;
                List<Integer> packs = new ArrayList<>();
                try (var files = Files.list(dir)) {
                    for (Path p : (Iterable<Path>) files::iterator) {
                        Integer n = packNumber(p);
                        if (n != null && n != appendPack) packs.add(n);
                    }
                }
                for (int pack : packs) {
                    long size = Files.size(packPath(pack));
                    long live = liveBytes(pack);
                    if (live * 2 >= size) continue;
                    if (live > 0) moveLiveBlocks(pack);
                    FileChannel reader = readers.remove(pack);
                    if (reader != null) reader.close();
                    Files.deleteIfExists(packPath(pack));
                    db.delete(counters, synced, liveKey(pack));
                    reclaimed += size - live;
                }
                return reclaimed;
            } catch (IOException e) {
                throw ioError("compacting block packs", e);
            } catch (RocksDBException e) {
                throw storageError("compacting block packs", e);
            }
        }
    }

    private void moveLiveBlocks(int pack) throws IOException, RocksDBException {
        Map<ByteBuffer, Location> moved = new LinkedHashMap<>();
        try (RocksIterator it = db.newIterator(index)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                Location loc = Location.decode(it.value());
                if (loc.pack != pack) continue;
                byte[] mh = it.key();
                moved.put(ByteBuffer.wrap(mh), append(mh, read(loc)));
            }
        }
        appendChannel.force(false);
        dirtyPacks.remove(appendPack);
        long movedBytes = 0;
        try (WriteBatch wb = new WriteBatch()) {
            for (Map.Entry<ByteBuffer, Location> e : moved.entrySet()) {
                wb.put(index, e.getKey().array(), e.getValue().encode());
                movedBytes += e.getValue().length;
            }
            wb.put(counters, liveKey(appendPack), longBytes(liveBytes(appendPack) + movedBytes));
            wb.put(counters, liveKey(pack), longBytes(0));
            db.write(synced, wb);
        }
    }

    @Override
    public void forEach(Consumer<Cid> visitor) {
        forEachBlockLocation((mh, loc) -> visitor.accept(Cid.v1(Multicodec.RAW, mh)));
    }

    /** Visits every block with its bytes (for verification). */
    public void forEachBlock(BiConsumer<Multihash, byte[]> visitor) {
        forEachBlockLocation((mh, loc) -> {
            try {
                visitor.accept(mh, read(loc));
            } catch (IOException e) {
                throw ioError("reading blocks", e);
            }
        });
    }

    private void forEachBlockLocation(BiConsumer<Multihash, Location> visitor) {
        for (Map.Entry<ByteBuffer, Location> e : pending.entrySet()) visitor.accept(Multihash.fromBytes(e.getKey().array()), e.getValue());
        try (RocksIterator it = db.newIterator(index)) {
            for (it.seekToFirst(); it.isValid(); it.next()) visitor.accept(Multihash.fromBytes(it.key()), Location.decode(it.value()));
            it.status();
        } catch (RocksDBException e) {
            throw storageError("listing blocks", e);
        }
    }

    @Override
    public BlockstoreStats stats() {
        synchronized (writeLock) {
            long pendingBytes = 0;
            for (Location l : pending.values()) pendingBytes += l.length;
            return new BlockstoreStats(blockCount + pending.size(), totalBytes + pendingBytes);
        }
    }

    /** Bytes the pack files take on disk, live or not. */
    public long diskBytes() {
        try (var files = Files.list(dir)) {
            long total = 0;
            for (Path p : (Iterable<Path>) files::iterator) if (packNumber(p) != null) total += Files.size(p);
            return total;
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        synchronized (writeLock) {
            try {
                syncLocked();
                appendChannel.close();
                for (FileChannel ch : readers.values()) ch.close();
                readers.clear();
                if (appendOffset == 0) Files.deleteIfExists(packPath(appendPack));
            } catch (IOException e) {
                throw ioError("closing block packs", e);
            } catch (RocksDBException e) {
                throw storageError("closing block packs", e);
            } finally {
                synced.close();
                unsynced.close();
            }
        }
    }

    private static StorageException ioError(String what, IOException e) {
        String msg = String.valueOf(e.getMessage());
        if (msg.contains("No space left")) return StorageException.diskFull(what, e);
        return new StorageException("storage_error", "storage failure while " + what + ": " + msg, e);
    }

    private static StorageException storageError(String what, RocksDBException e) {
        return RocksBlockstore.storageError(what, e);
    }

    private static byte[] longBytes(long v) {
        return ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN).putLong(v).array();
    }

    private static long readLong(byte[] b) {
        return b == null ? 0 : ByteBuffer.wrap(b).order(ByteOrder.BIG_ENDIAN).getLong();
    }
}
