package io.cairn.storage;

import io.cairn.ipfs.block.Block;
import io.cairn.ipfs.block.BlockNotFoundException;
import io.cairn.ipfs.block.Blockstore;
import io.cairn.ipfs.block.BlockstoreStats;
import io.cairn.multiformats.Cid;
import java.util.Collection;
import java.util.function.Consumer;

/** A blockstore that keeps nothing: the UnixFS importer run over it only computes CIDs (the SDK's BlockstoreMock). */
final class HashOnlyBlockstore implements Blockstore {
    @Override
    public boolean has(Cid cid) {
        return false;
    }

    @Override
    public byte[] get(Cid cid) {
        throw new BlockNotFoundException(cid);
    }

    @Override
    public long size(Cid cid) {
        return -1;
    }

    @Override
    public void put(Block block) {}

    @Override
    public void putAll(Collection<Block> blocks) {}

    @Override
    public void delete(Cid cid) {}

    @Override
    public void deleteAll(Collection<Cid> cids) {}

    @Override
    public void forEach(Consumer<Cid> visitor) {}

    @Override
    public void sync() {}

    @Override
    public BlockstoreStats stats() {
        return new BlockstoreStats(0, 0);
    }

    @Override
    public void close() {}
}
