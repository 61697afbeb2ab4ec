package io.cairn.ipfs.unixfs;

import io.cairn.codec.dagpb.DagPb;
import io.cairn.codec.dagpb.PbLink;
import io.cairn.codec.dagpb.PbNode;
import io.cairn.ipfs.block.Block;
import io.cairn.multiformats.Cid;
import io.cairn.multiformats.Multicodec;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the balanced layout of the reference importer incrementally: leaves are grouped into parents
 * of at most {@code maxLinks} links, those parents into grandparents, and so on until one root. Only the
 * open group of each level is held in memory, so memory is bounded by the tree's height, not the file size.
 */
final class BalancedTreeBuilder {
    private final int maxLinks;
    private final int cidVersion;
    private final BlockBatcher sink;
    private final List<List<FileNode>> levels = new ArrayList<>();
    private final List<Boolean> levelEmitted = new ArrayList<>();
    private long leafCount;

    BalancedTreeBuilder(ImportOptions options, BlockBatcher sink) {
        this.maxLinks = options.maxLinksPerNode();
        this.cidVersion = options.cidVersion();
        this.sink = sink;
    }

    void addLeaf(FileNode leaf) {
        leafCount++;
        push(0, leaf);
    }

    private void push(int level, FileNode node) {
        while (levels.size() <= level) {
            levels.add(new ArrayList<>(maxLinks));
            levelEmitted.add(false);
        }
        List<FileNode> group = levels.get(level);
        group.add(node);
        if (group.size() == maxLinks) {
            FileNode parent = reduce(group);
            group.clear();
            levelEmitted.set(level, true);
            push(level + 1, parent);
        }
    }

    /** Closes every open group and returns the root. */
    FileNode finish() {
        if (leafCount == 0) throw new IllegalStateException("a file has at least one leaf");
        if (leafCount == 1) return levels.get(0).get(0); // a single chunk is its own root
        for (int level = 0; ; level++) {
            List<FileNode> group = levels.get(level);
            boolean isTop = level + 1 >= levels.size() || levelIsEmptyFrom(level + 1);
            if (level > 0 && isTop && !levelEmitted.get(level) && group.size() == 1) return group.get(0);
            if (!group.isEmpty()) {
                FileNode parent = reduce(group);
                group.clear();
                levelEmitted.set(level, true);
                push(level + 1, parent);
            }
        }
    }

    private boolean levelIsEmptyFrom(int level) {
        for (int i = level; i < levels.size(); i++) if (!levels.get(i).isEmpty()) return false;
        return true;
    }

    private FileNode reduce(List<FileNode> children) {
        long[] blockSizes = new long[children.size()];
        List<PbLink> links = new ArrayList<>(children.size());
        long tsizeSum = 0;
        for (int i = 0; i < children.size(); i++) {
            FileNode child = children.get(i);
            blockSizes[i] = child.contentSize();
            links.add(new PbLink(child.cid(), "", child.tsize()));
            tsizeSum += child.tsize();
        }
        UnixfsData data = UnixfsData.fileParent(blockSizes);
        byte[] block = DagPb.encode(new PbNode(data.marshal(), links));
        Cid cid = Cid.sha256(cidVersion, Multicodec.DAG_PB, block);
        sink.add(new Block(cid, block));
        return new FileNode(cid, block.length + tsizeSum, data.fileSize());
    }
}
