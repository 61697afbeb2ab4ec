/**
 * UnixFS v1: the importer (fixed-size chunker, balanced layout, raw or dag-pb leaves, directories) that
 * reproduces the reference importer's blocks byte for byte, and the exporter (byte ranges, directories,
 * HAMT shards, paths).
 */
package io.cairn.ipfs.unixfs;
