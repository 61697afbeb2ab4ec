package io.cairn.ipfs.block;

/** How many blocks a store holds and how many bytes of block data. */
public record BlockstoreStats(long blockCount, long totalBytes) {}
