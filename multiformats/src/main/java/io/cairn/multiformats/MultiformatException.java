package io.cairn.multiformats;

import io.cairn.error.CairnException;

/** A CID, multihash, multibase string or varint that cannot be parsed. */
public final class MultiformatException extends CairnException {
    public MultiformatException(String code, String message) {
        super(Kind.BAD_INPUT, code, message);
    }

    public static MultiformatException invalid(String what, String detail) {
        return new MultiformatException("invalid_" + what, "invalid " + what.replace('_', ' ') + ": " + detail);
    }
}
