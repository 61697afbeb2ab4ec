package io.cairn.ipfs.unixfs;

import io.cairn.codec.protobuf.ProtoWriter;
import io.cairn.ipfs.block.Block;
import io.cairn.multiformats.Cid;
import io.cairn.multiformats.Multicodec;
import io.cairn.multiformats.Multihash;

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
        byte[] block = dagPbFileLeaf(chunk);
        Cid cid = Cid.sha256(options.cidVersion(), Multicodec.DAG_PB, block);
        return new Leaf(new FileNode(cid, block.length, chunk.length), new Block(cid, block));
    }

    /**
     * The dag-pb block {@code PBNode{Data: UnixFS{Type: File, Data: chunk, filesize: n}}}, written
     * straight into an array of its exact size so the chunk is copied once. Byte for byte what
     * {@code DagPb.encode} of {@code UnixfsData.fileLeaf(...).marshal()} produces (a test pins that).
     */
    static byte[] dagPbFileLeaf(byte[] chunk) {
        int n = chunk.length;
        int dataField = n == 0 ? 0 : 1 + ProtoWriter.varintSize(n) + n; // an empty Data is omitted
        int unixfsLength = 2 + dataField + 1 + ProtoWriter.varintSize(n);
        byte[] out = new byte[1 + ProtoWriter.varintSize(unixfsLength) + unixfsLength];
        int p = 0;
        out[p++] = 0x0a; // PBNode.Data
        p = putVarint(out, p, unixfsLength);
        out[p++] = 0x08; // UnixFS.Type
        out[p++] = (byte) UnixfsType.FILE.number();
        if (n > 0) {
            out[p++] = 0x12; // UnixFS.Data
            p = putVarint(out, p, n);
            System.arraycopy(chunk, 0, out, p, n);
            p += n;
        }
        out[p++] = 0x18; // UnixFS.filesize
        putVarint(out, p, n);
        return out;
    }

    private static int putVarint(byte[] out, int p, long v) {
        while ((v & ~0x7FL) != 0) {
            out[p++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out[p++] = (byte) v;
        return p;
    }
}
