package io.cairn.ipfs.unixfs;

import io.cairn.error.CairnException;

/** A UnixFS node that cannot be read as asked: malformed, the wrong type, or a path that is not there. */
public final class UnixfsException extends CairnException {
    private UnixfsException(Kind kind, String code, String message) {
        super(kind, code, message);
    }

    public static UnixfsException invalid(String detail) {
        return new UnixfsException(Kind.BAD_INPUT, "invalid_unixfs", "invalid UnixFS node: " + detail);
    }

    public static UnixfsException notAFile(Object cid) {
        return new UnixfsException(Kind.BAD_INPUT, "not_a_file", cid + " is not a file");
    }

    public static UnixfsException notADirectory(Object cid) {
        return new UnixfsException(Kind.BAD_INPUT, "not_a_directory", cid + " is not a directory");
    }

    public static UnixfsException noLink(String name, Object under) {
        return new UnixfsException(Kind.NOT_FOUND, "no_link", "no link named \"" + name + "\" under " + under);
    }

    /** A stored block whose bytes no longer hash to its CID: the repository is damaged. */
    public static UnixfsException corruptBlock(Object cid) {
        return new UnixfsException(Kind.STORAGE, "corrupt_block",
                "block " + cid + " does not match its CID: the stored bytes are corrupted (run `cairn repo verify`)");
    }

    /** A block whose hash function Cairn cannot compute, so its bytes cannot be checked. */
    public static UnixfsException unverifiable(Object cid, String detail) {
        return new UnixfsException(Kind.BAD_INPUT, "unverifiable_block", "cannot verify block " + cid + ": " + detail);
    }

    public static UnixfsException badRange(String detail) {
        return new UnixfsException(Kind.BAD_INPUT, "invalid_range", detail);
    }
}
