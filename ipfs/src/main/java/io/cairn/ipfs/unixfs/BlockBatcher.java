package io.cairn.ipfs.unixfs;

import io.cairn.ipfs.block.Block;
import io.cairn.ipfs.block.Blockstore;
import java.util.ArrayList;
import java.util.List;

/** Groups blocks into atomic {@link Blockstore#putAll} writes of a bounded size. */
final class BlockBatcher {
    private static final long BATCH_BYTES = 16L * 1024 * 1024;

    private final Blockstore store;
    private final List<Block> pending = new ArrayList<>();
    private long pendingBytes;

    BlockBatcher(Blockstore store) {
        this.store = store;
    }

    void add(Block block) {
        pending.add(block);
        pendingBytes += block.data().length;
        if (pendingBytes >= BATCH_BYTES) flush();
    }

    void flush() {
        if (pending.isEmpty()) return;
        store.putAll(List.copyOf(pending));
        pending.clear();
        pendingBytes = 0;
    }
}
