package io.cairn.ipfs.unixfs;

import io.cairn.multiformats.Cid;

/**
 * A finished node of a file DAG, as its parent needs it.
 *
 * @param tsize      the cumulative size written in the parent's link (block bytes of the whole subtree,
 *                   or the chunk length for a raw leaf), as the reference importer computes it
 * @param contentSize the file bytes below this node, written in the parent's blocksizes
 */
record FileNode(Cid cid, long tsize, long contentSize) {}
