package io.cairn.ipfs.unixfs;

import io.cairn.codec.dagpb.DagPb;
import io.cairn.codec.dagpb.PbNode;
import io.cairn.ipfs.block.Block;
import io.cairn.multiformats.Cid;
import io.cairn.multiformats.Multicodec;
import io.cairn.multiformats.Multihash;
import java.util.List;

/** Turns one chunk into a leaf block: a raw block, or a dag-pb node holding a UnixFS file. */
final class LeafEncoder {
    private final ImportOptions options;

    LeafEncoder(ImportOptions options) {
        this.options = options;
    }

    /** A leaf and the block that stores it. */
    record Leaf(FileNode node, Block block) {}

    Leaf encode(byte[] chunk) {
        if (options.rawLeaves()) {
            // the reference importer always makes raw leaves CIDv1, whatever the requested version
            Cid cid = Cid.v1(Multicodec.RAW, Multihash.sha256(chunk));
            return new Leaf(new FileNode(cid, chunk.length, chunk.length), new Block(cid, chunk));
        }
        UnixfsData data = UnixfsData.fileLeaf(chunk, 0, chunk.length);
        byte[] block = DagPb.encode(new PbNode(data.marshal(), List.of()));
        Cid cid = Cid.sha256(options.cidVersion(), Multicodec.DAG_PB, block);
        return new Leaf(new FileNode(cid, block.length, chunk.length), new Block(cid, block));
    }
}
