/** The repo: one embedded RocksDB holding blocks, counters and pins; garbage collection; verification. */
package io.cairn.ipfs.repo;
