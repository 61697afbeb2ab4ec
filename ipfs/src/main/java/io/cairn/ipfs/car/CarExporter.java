package io.cairn.ipfs.car;

import io.cairn.ipfs.block.Block;
import io.cairn.ipfs.block.Blockstore;
import io.cairn.ipfs.dag.DagWalker;
import io.cairn.multiformats.Cid;
import java.io.OutputStream;
import java.util.List;

/** Writes a whole DAG, or a chosen list of its blocks, as a CARv1. */
public final class CarExporter {
    private CarExporter() {}

    /** The DAG under {@code root}, depth-first, each block once. */
    public static void exportDag(Blockstore store, Cid root, OutputStream out) {
        store.get(root); // fail before writing a header if the root is missing
        try (CarWriter car = new CarWriter(out, List.of(root))) {
            new DagWalker(store).walk(root, (cid, data) -> car.write(new Block(cid, data)));
        }
    }

    /** The given blocks, in order, under {@code root}. */
    public static void exportBlocks(Blockstore store, Cid root, List<Cid> blocks, OutputStream out) {
        try (CarWriter car = new CarWriter(out, List.of(root))) {
            for (Cid c : blocks) car.write(new Block(c, store.get(c)));
        }
    }
}
