package io.cairn.ipfs.unixfs;

import io.cairn.multiformats.Cid;

/** One named child of a UnixFS directory. */
public record DirectoryEntry(String name, Cid cid, long tsize) {}
