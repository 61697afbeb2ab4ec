package io.cairn.ipfs.unixfs;

import io.cairn.codec.dagpb.PbNode;
import io.cairn.multiformats.Cid;

/**
 * A verified, decoded block of a UnixFS DAG: a dag-pb node with its UnixFS data, or a raw leaf.
 *
 * @param pb     null for a raw leaf
 * @param unixfs null for a raw leaf
 * @param raw    the bytes of a raw leaf, null for a dag-pb node
 */
record UnixfsNode(Cid cid, PbNode pb, UnixfsData unixfs, byte[] raw) {
    boolean isRaw() {
        return raw != null;
    }

    boolean isDirectory() {
        return !isRaw() && (unixfs.type() == UnixfsType.DIRECTORY || unixfs.type() == UnixfsType.HAMT_SHARD);
    }

    boolean isFile() {
        return isRaw() || unixfs.type() == UnixfsType.FILE || unixfs.type() == UnixfsType.RAW;
    }

    /** The file bytes this node stands for. */
    long fileSize() {
        return isRaw() ? raw.length : unixfs.contentSize();
    }
}
