package io.cairn.ipfs.block;

import io.cairn.multiformats.Cid;
import java.util.Collection;
import java.util.function.Consumer;

/**
 * Persistent block storage. Blocks are keyed by multihash, as Kubo does, so a CIDv0 and the
 * equivalent CIDv1 name the same stored bytes. Identity-hash CIDs are never stored: their bytes
 * are inside the CID and every implementation answers for them directly.
 *
 * <p>Writes are atomic per call; a write is durable once {@link #sync()} has returned (an
 * implementation may make it durable earlier). Implementations are thread-safe.
 */
public interface Blockstore extends AutoCloseable {

    boolean has(Cid cid);

    /** The block's bytes; throws {@link BlockNotFoundException} when absent. */
    byte[] get(Cid cid);

    /** The block's size in bytes, or -1 when absent. */
    long size(Cid cid);

    /** Stores one block. The caller vouches that the bytes match the CID (see {@link Block#verified}). */
    void put(Block block);

    /** Stores all blocks atomically: after a crash either all or none are present. */
    void putAll(Collection<Block> blocks);

    /** Deletes the block if present. */
    void delete(Cid cid);

    /** Deletes all the blocks atomically. */
    void deleteAll(Collection<Cid> cids);

    /**
     * Visits every stored block's CID (as CIDv1 with the raw codec, since the store keeps only
     * multihashes, as Kubo's {@code refs local} does).
     */
    void forEach(Consumer<Cid> visitor);

    /** Visits every stored block with its bytes, keyed by multihash (for verification). */
    default void forEachBlock(java.util.function.BiConsumer<io.cairn.multiformats.Multihash, byte[]> visitor) {
        forEach(cid -> visitor.accept(cid.multihash(), get(cid)));
    }

    /**
     * Reclaims the disk space of deleted blocks, for stores that do not free it on delete.
     * Returns the bytes reclaimed.
     */
    default long compact() {
        return 0;
    }

    /** Makes every write that has returned durable. */
    void sync();

    /** Number of blocks and their total size. */
    BlockstoreStats stats();

    @Override
    void close();
}
