package io.cairn.ipfs.block;

import io.cairn.multiformats.Cid;
import io.cairn.multiformats.Multicodec;
import io.cairn.multiformats.Multihash;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/** A blockstore held in memory: for tests, tools and embedding without persistence. */
public final class MemoryBlockstore implements Blockstore {
    private final ConcurrentHashMap<ByteBuffer, byte[]> blocks = new ConcurrentHashMap<>();

    private static ByteBuffer key(Cid cid) {
        return ByteBuffer.wrap(cid.multihash().toBytes());
    }

    @Override
    public boolean has(Cid cid) {
        return cid.multihash().isIdentity() || blocks.containsKey(key(cid));
    }

    @Override
    public byte[] get(Cid cid) {
        if (cid.multihash().isIdentity()) return cid.multihash().digest();
        byte[] b = blocks.get(key(cid));
        if (b == null) throw new BlockNotFoundException(cid);
        return b;
    }

    @Override
    public long size(Cid cid) {
        if (cid.multihash().isIdentity()) return cid.multihash().digestLength();
        byte[] b = blocks.get(key(cid));
        return b == null ? -1 : b.length;
    }

    @Override
    public void put(Block block) {
        if (!block.cid().multihash().isIdentity()) blocks.put(key(block.cid()), block.data());
    }

    @Override
    public synchronized void putAll(Collection<Block> batch) {
        batch.forEach(this::put);
    }

    @Override
    public void delete(Cid cid) {
        blocks.remove(key(cid));
    }

    @Override
    public synchronized void deleteAll(Collection<Cid> cids) {
        cids.forEach(this::delete);
    }

    @Override
    public void forEach(Consumer<Cid> visitor) {
        for (ByteBuffer k : blocks.keySet()) visitor.accept(Cid.v1(Multicodec.RAW, Multihash.fromBytes(k.array())));
    }

    @Override
    public void sync() {}

    @Override
    public BlockstoreStats stats() {
        long bytes = 0;
        for (byte[] b : blocks.values()) bytes += b.length;
        return new BlockstoreStats(blocks.size(), bytes);
    }

    @Override
    public void close() {}
}
