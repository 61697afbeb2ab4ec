package io.cairn.ipfs.unixfs;

import io.cairn.codec.dagpb.DagPb;
import io.cairn.codec.dagpb.PbNode;
import io.cairn.error.CairnException;
import io.cairn.ipfs.block.Blockstore;
import io.cairn.multiformats.Cid;
import io.cairn.multiformats.Multicodec;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Loads UnixFS blocks from a blockstore, checks each against its CID and decodes it. A block whose
 * bytes do not hash to its CID is never decoded or returned: the reader fails naming the CID.
 * Loads can run ahead on a small shared pool, so hashing the next blocks overlaps the caller's writing.
 */
final class BlockLoader {
    private static final ExecutorService POOL = Executors.newFixedThreadPool(
            Math.max(2, Runtime.getRuntime().availableProcessors()),
            r -> {
                Thread t = new Thread(r, "cairn-unixfs-reader");
                t.setDaemon(true);
                return t;
            });

    private final Blockstore store;

    BlockLoader(Blockstore store) {
        this.store = store;
    }

    UnixfsNode load(Cid cid) {
        boolean raw = cid.hasCodec(Multicodec.RAW);
        if (!raw && !cid.hasCodec(Multicodec.DAG_PB)) {
            throw UnixfsException.invalid(cid + " has codec " + codecName(cid) + ", not dag-pb or raw");
        }
        byte[] bytes = store.get(cid);
        verify(cid, bytes);
        if (raw) return new UnixfsNode(cid, null, null, bytes);
        PbNode pb;
        try {
            pb = DagPb.decode(bytes);
        } catch (CairnException e) {
            throw UnixfsException.invalid(cid + ": " + e.getMessage());
        }
        return new UnixfsNode(cid, pb, UnixfsData.unmarshal(pb.data()), null);
    }

    /** Starts loading (and verifying) a block on the pool. */
    CompletableFuture<UnixfsNode> loadAhead(Cid cid) {
        return CompletableFuture.supplyAsync(() -> load(cid), POOL);
    }

    /** Waits for a block started with {@link #loadAhead}, rethrowing its failure as it was thrown. */
    static UnixfsNode await(CompletableFuture<UnixfsNode> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            if (e.getCause() instanceof Error err) throw err;
            throw e;
        }
    }

    private static void verify(Cid cid, byte[] bytes) {
        boolean matches;
        try {
            matches = cid.matches(bytes);
        } catch (CairnException e) {
            throw UnixfsException.unverifiable(cid, e.getMessage());
        }
        if (!matches) throw UnixfsException.corruptBlock(cid);
    }

    private static String codecName(Cid cid) {
        try {
            return cid.codec().codecName();
        } catch (RuntimeException e) {
            return "0x" + Long.toHexString(cid.codecCode());
        }
    }
}
