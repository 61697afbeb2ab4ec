package io.cairn.ipfs.unixfs;

import io.cairn.ipfs.block.Block;
import io.cairn.ipfs.block.Blockstore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Groups blocks into atomic {@link Blockstore#putAll} writes of a bounded size, written on a writer
 * thread so that reading and hashing the next chunks overlaps the write. At most one batch is being
 * written while the next fills, so memory stays bounded at two batches.
 */
final class BlockBatcher {
    private static final long BATCH_BYTES = 4L * 1024 * 1024;
    private static final ExecutorService WRITER = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "cairn-block-writer");
        t.setDaemon(true);
        return t;
    });

    private final Blockstore store;
    private List<Block> pending = new ArrayList<>();
    private long pendingBytes;
    private CompletableFuture<Void> writing = CompletableFuture.completedFuture(null);

    BlockBatcher(Blockstore store) {
        this.store = store;
    }

    void add(Block block) {
        pending.add(block);
        pendingBytes += block.data().length;
        if (pendingBytes >= BATCH_BYTES) submit();
    }

    private void submit() {
        if (pending.isEmpty()) return;
        await(); // the previous batch first: keeps order and bounds memory
        List<Block> batch = pending;
        pending = new ArrayList<>();
        pendingBytes = 0;
        writing = CompletableFuture.runAsync(() -> store.putAll(batch), WRITER);
    }

    /** Writes everything added so far and waits for it. */
    void flush() {
        submit();
        await();
    }

    private void await() {
        try {
            writing.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw e;
        }
    }
}
