package io.cairn.ipfs.dag;

import io.cairn.ipfs.block.Blockstore;
import io.cairn.multiformats.Cid;
import io.cairn.multiformats.Multihash;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Visits a DAG depth-first in link order, each block once (by multihash), with an explicit stack so
 * deep DAGs cannot overflow the thread's stack. Missing blocks raise BlockNotFoundException.
 */
public final class DagWalker {
    private final Blockstore store;

    public DagWalker(Blockstore store) {
        this.store = store;
    }

    /** Calls {@code visitor} with each block's CID and bytes, root first. */
    public void walk(Cid root, BiConsumer<Cid, byte[]> visitor) {
        Set<Multihash> seen = new HashSet<>();
        ArrayDeque<Cid> stack = new ArrayDeque<>();
        stack.push(root);
        while (!stack.isEmpty()) {
            Cid cid = stack.pop();
            if (!seen.add(cid.multihash())) continue;
            byte[] data = store.get(cid);
            visitor.accept(cid, data);
            List<Cid> links = DagLinks.of(cid, data);
            for (int i = links.size() - 1; i >= 0; i--) {
                if (!seen.contains(links.get(i).multihash())) stack.push(links.get(i));
            }
        }
    }

    /** Every multihash reachable from {@code root}, root included. */
    public Set<Multihash> reachable(Cid root, Set<Multihash> into) {
        ArrayDeque<Cid> stack = new ArrayDeque<>();
        stack.push(root);
        while (!stack.isEmpty()) {
            Cid cid = stack.pop();
            if (!into.add(cid.multihash())) continue;
            for (Cid link : DagLinks.of(cid, store.get(cid))) {
                if (!into.contains(link.multihash())) stack.push(link);
            }
        }
        return into;
    }
}
