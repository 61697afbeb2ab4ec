package io.cairn.ipfs.unixfs;

import io.cairn.multiformats.Cid;

/** What a CID holds as UnixFS: its kind and, for files, the content size. */
public record UnixfsStat(Cid cid, Kind kind, long size) {
    public enum Kind { FILE, DIRECTORY, HAMT_DIRECTORY, RAW, SYMLINK }

    public boolean isDirectory() {
        return kind == Kind.DIRECTORY || kind == Kind.HAMT_DIRECTORY;
    }
}
