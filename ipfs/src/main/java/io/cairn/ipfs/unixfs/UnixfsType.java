package io.cairn.ipfs.unixfs;

/** The UnixFS {@code Data.DataType} values, with their protobuf numbers. */
public enum UnixfsType {
    RAW(0), DIRECTORY(1), FILE(2), METADATA(3), SYMLINK(4), HAMT_SHARD(5);

    private final int number;

    UnixfsType(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }

    static UnixfsType ofNumber(long n) {
        for (UnixfsType t : values()) if (t.number == n) return t;
        throw UnixfsException.invalid("unknown UnixFS type " + n);
    }
}
