package io.cairn.ipfs.unixfs;

import io.cairn.multiformats.Cid;

/** The root of an import and the number of content bytes it holds. */
public record ImportResult(Cid root, long size) {}
