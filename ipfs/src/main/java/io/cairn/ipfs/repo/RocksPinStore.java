package io.cairn.ipfs.repo;

import io.cairn.error.CairnException;
import io.cairn.error.StorageException;
import io.cairn.ipfs.block.BlockNotFoundException;
import io.cairn.ipfs.block.Blockstore;
import io.cairn.ipfs.dag.DagWalker;
import io.cairn.ipfs.pin.PinStore;
import io.cairn.ipfs.pin.PinType;
import io.cairn.multiformats.Cid;
import io.cairn.multiformats.Multihash;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteOptions;

/** Pins in the repo's RocksDB: key = the pinned CID's bytes, value = 'R' (recursive) or 'D' (direct). */
final class RocksPinStore implements PinStore {
    private final RocksDB db;
    private final ColumnFamilyHandle pins;
    private final Blockstore blocks;
    private final WriteOptions syncWrites = new WriteOptions().setSync(true);

    RocksPinStore(RocksDB db, ColumnFamilyHandle pins, Blockstore blocks) {
        this.db = db;
        this.pins = pins;
        this.blocks = blocks;
    }

    @Override
    public void pinRecursive(Cid cid) {
        new DagWalker(blocks).walk(cid, (c, data) -> {}); // every block must be present
        write(cid, 'R');
    }

    @Override
    public void pinDirect(Cid cid) {
        if (!blocks.has(cid)) throw new BlockNotFoundException(cid);
        if (stored(cid) == PinType.RECURSIVE) {
            throw new CairnException(CairnException.Kind.CONFLICT, "already_pinned", cid + " is already pinned recursively");
        }
        write(cid, 'D');
    }

    private void write(Cid cid, char type) {
        try {
            db.put(pins, syncWrites, cid.toBytes(), new byte[] {(byte) type});
        } catch (RocksDBException e) {
            throw new StorageException("storage_error", "cannot write pin " + cid + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void unpin(Cid cid) {
        if (stored(cid) == null) {
            throw new CairnException(CairnException.Kind.NOT_FOUND, "not_pinned", cid + " is not pinned");
        }
        try {
            db.delete(pins, syncWrites, cid.toBytes());
        } catch (RocksDBException e) {
            throw new StorageException("storage_error", "cannot remove pin " + cid + ": " + e.getMessage(), e);
        }
    }

    private PinType stored(Cid cid) {
        try {
            byte[] v = db.get(pins, cid.toBytes());
            if (v == null) return null;
            return v[0] == 'R' ? PinType.RECURSIVE : PinType.DIRECT;
        } catch (RocksDBException e) {
            throw new StorageException("storage_error", "cannot read pins: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<PinType> pinType(Cid cid) {
        PinType direct = stored(cid);
        if (direct != null) return Optional.of(direct);
        for (Map.Entry<Cid, PinType> pin : list().entrySet()) {
            if (pin.getValue() != PinType.RECURSIVE) continue;
            Set<Multihash> reachable = new DagWalker(blocks).reachable(pin.getKey(), new HashSet<>());
            if (reachable.contains(cid.multihash())) return Optional.of(PinType.INDIRECT);
        }
        return Optional.empty();
    }

    @Override
    public Map<Cid, PinType> list() {
        Map<Cid, PinType> out = new LinkedHashMap<>();
        try (RocksIterator it = db.newIterator(pins)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                out.put(Cid.fromBytes(it.key()), it.value()[0] == 'R' ? PinType.RECURSIVE : PinType.DIRECT);
            }
        }
        return out;
    }

    void close() {
        syncWrites.close();
    }
}
