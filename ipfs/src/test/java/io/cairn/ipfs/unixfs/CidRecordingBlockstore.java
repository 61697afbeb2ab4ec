package io.cairn.ipfs.unixfs;

import io.cairn.ipfs.block.Block;
import io.cairn.ipfs.block.BlockNotFoundException;
import io.cairn.ipfs.block.Blockstore;
import io.cairn.ipfs.block.BlockstoreStats;
import io.cairn.multiformats.Cid;
import io.cairn.multiformats.Multicodec;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Keeps only the CIDs and sizes of the blocks written to it, for comparing imports too large to hold
 * in memory (a CID commits to its block's bytes, and every block put is checked against its CID).
 * Reading block bytes back is not possible.
 */
final class CidRecordingBlockstore implements Blockstore {
    private final Map<Cid, Long> sizes = new LinkedHashMap<>();

    @Override
    public synchronized boolean has(Cid cid) {
        return sizes.containsKey(Cid.v1(Multicodec.RAW, cid.multihash()));
    }

    @Override
    public byte[] get(Cid cid) {
        throw new BlockNotFoundException(cid);
    }

    @Override
    public synchronized long size(Cid cid) {
        return sizes.getOrDefault(Cid.v1(Multicodec.RAW, cid.multihash()), -1L);
    }

    @Override
    public synchronized void put(Block block) {
        // what makes equal CID sets mean equal bytes: every block written hashes to its CID
        if (!block.cid().matches(block.data())) throw new AssertionError("block bytes do not match " + block.cid());
        sizes.put(Cid.v1(Multicodec.RAW, block.cid().multihash()), (long) block.data().length);
    }

    @Override
    public void putAll(Collection<Block> blocks) {
        blocks.forEach(this::put);
    }

    @Override
    public synchronized void delete(Cid cid) {
        sizes.remove(Cid.v1(Multicodec.RAW, cid.multihash()));
    }

    @Override
    public void deleteAll(Collection<Cid> cids) {
        cids.forEach(this::delete);
    }

    @Override
    public synchronized void forEach(Consumer<Cid> visitor) {
        sizes.keySet().forEach(visitor);
    }

    @Override
    public void sync() {}

    @Override
    public synchronized BlockstoreStats stats() {
        return new BlockstoreStats(sizes.size(), sizes.values().stream().mapToLong(Long::longValue).sum());
    }

    @Override
    public void close() {}
}
