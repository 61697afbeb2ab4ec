package io.cairn.ipfs.unixfs;

import io.cairn.ipfs.block.Block;
import io.cairn.ipfs.block.Blockstore;
import io.cairn.ipfs.block.BlockstoreStats;
import io.cairn.multiformats.Cid;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** A blockstore that counts the blocks read from the one it wraps. */
final class CountingBlockstore implements Blockstore {
    private final Blockstore inner;
    final AtomicInteger gets = new AtomicInteger();

    CountingBlockstore(Blockstore inner) {
        this.inner = inner;
    }

    @Override
    public boolean has(Cid cid) {
        return inner.has(cid);
    }

    @Override
    public byte[] get(Cid cid) {
        gets.incrementAndGet();
        return inner.get(cid);
    }

    @Override
    public long size(Cid cid) {
        return inner.size(cid);
    }

    @Override
    public void put(Block block) {
        inner.put(block);
    }

    @Override
    public void putAll(Collection<Block> blocks) {
        inner.putAll(blocks);
    }

    @Override
    public void delete(Cid cid) {
        inner.delete(cid);
    }

    @Override
    public void deleteAll(Collection<Cid> cids) {
        inner.deleteAll(cids);
    }

    @Override
    public void forEach(Consumer<Cid> visitor) {
        inner.forEach(visitor);
    }

    @Override
    public void sync() {
        inner.sync();
    }

    @Override
    public BlockstoreStats stats() {
        return inner.stats();
    }

    @Override
    public void close() {
        inner.close();
    }
}
