/**
 * UnixFS v1: the importer (fixed-size chunker, balanced layout, raw or dag-pb leaves, flat and
 * HAMT-sharded directories) that reproduces the reference importer's blocks byte for byte while
 * streaming, and the exporter (byte ranges read a few verified blocks ahead, directories, HAMT lookups
 * by name hash, paths, export to disk), which checks every block against its CID before using it.
 */
package io.cairn.ipfs.unixfs;
