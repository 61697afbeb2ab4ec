package io.cairn.ipfs.unixfs;

import io.cairn.codec.dagpb.PbLink;
import io.cairn.multiformats.Cid;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;

/**
 * The content of a byte range of a UnixFS file as a lazy sequence of {@link Segment}s, in file order.
 * It descends only into children whose blocksizes overlap the range, and loads each child a few
 * blocks ahead of the consumer (verified against its CID on the loader's pool), so reading runs at the
 * speed of hashing on several cores while memory stays bounded: at most {@link #READ_AHEAD} blocks per
 * open level of the tree.
 */
final class FileRangeReader implements Iterator<FileRangeReader.Segment> {
    static final int READ_AHEAD = 4;

    /** A contiguous piece of file content inside one block's bytes (never copied). */
    record Segment(byte[] bytes, int from, int to) {
        int length() {
            return to - from;
        }
    }

    /** The part {@code [from, to)} of a child's content that the range needs. */
    private record Need(Cid cid, long from, long to) {}

    /** The overlapping children of one open node, with loads started ahead of the cursor. */
    private final class Level {
        private final List<Need> children;
        private final ArrayDeque<CompletableFuture<UnixfsNode>> ahead = new ArrayDeque<>();
        private int next;
        private int started;

        Level(List<Need> children) {
            this.children = children;
            startAhead();
        }

        boolean exhausted() {
            return next == children.size();
        }

        Need peek() {
            return children.get(next);
        }

        UnixfsNode take() {
            CompletableFuture<UnixfsNode> f = ahead.poll();
            next++;
            startAhead();
            return BlockLoader.await(f);
        }

        private void startAhead() {
            while (started < children.size() && started - next < READ_AHEAD) {
                ahead.add(loader.loadAhead(children.get(started++).cid()));
            }
        }
    }

    private final BlockLoader loader;
    private final ArrayDeque<Level> open = new ArrayDeque<>();
    private Segment pending;

    /** Reads {@code [start, end)} of the file whose root is {@code root}; the caller clipped it to the file. */
    FileRangeReader(BlockLoader loader, UnixfsNode root, long start, long end) {
        this.loader = loader;
        if (end > start) pending = enter(root, start, end);
    }

    @Override
    public boolean hasNext() {
        if (pending != null) return true;
        while (!open.isEmpty() && open.peek().exhausted()) open.pop();
        return !open.isEmpty();
    }

    @Override
    public Segment next() {
        if (pending != null) {
            Segment s = pending;
            pending = null;
            return s;
        }
        while (true) {
            Level level = open.peek();
            if (level == null) throw new NoSuchElementException();
            if (level.exhausted()) {
                open.pop();
                continue;
            }
            Need need = level.peek();
            UnixfsNode child = level.take();
            Segment s = enter(child, need.from(), need.to());
            if (s != null) return s;
        }
    }

    /**
     * Opens a node for {@code [s, e)} of its content: returns the part held in the block itself, if
     * any, and opens a level for the overlapping children (which follow that part in file order).
     */
    private Segment enter(UnixfsNode n, long s, long e) {
        if (n.isRaw()) {
            if (e > n.raw().length) throw UnixfsException.invalid("raw block " + n.cid() + " is shorter than its parent says");
            return new Segment(n.raw(), (int) s, (int) e);
        }
        if (!n.isFile()) throw UnixfsException.notAFile(n.cid());
        long[] sizes = n.unixfs().blockSizes();
        List<PbLink> links = n.pb().links();
        if (sizes.length != links.size()) {
            throw UnixfsException.invalid(n.cid() + " has " + links.size() + " links but " + sizes.length + " blocksizes");
        }
        int dataLength = n.unixfs().dataLength();
        long pos = dataLength;
        List<Need> needs = new ArrayList<>();
        for (int i = 0; i < links.size() && pos < e; i++) {
            if (sizes[i] > Long.MAX_VALUE - pos) throw UnixfsException.invalid(n.cid() + " has blocksizes summing past 2^63");
            long childEnd = pos + sizes[i];
            if (childEnd > s) needs.add(new Need(links.get(i).hash(), Math.max(s, pos) - pos, Math.min(e, childEnd) - pos));
            pos = childEnd;
        }
        if (pos < e) throw UnixfsException.invalid(n.cid() + " holds fewer bytes than its size says");
        if (!needs.isEmpty()) open.push(new Level(needs));
        return s < dataLength ? new Segment(n.unixfs().data(), (int) s, (int) Math.min(e, dataLength)) : null;
    }
}
