package io.cairn.anchor;

import io.cairn.error.CairnException;

/** An anchoring failure: bad input (a malformed hash or proof), a missing hash, or a store failure. */
public class AnchorException extends CairnException {
    public AnchorException(Kind kind, String code, String message) {
        super(kind, code, message);
    }

    public AnchorException(Kind kind, String code, String message, Throwable cause) {
        super(kind, code, message, cause);
    }

    public static AnchorException badInput(String code, String message) {
        return new AnchorException(Kind.BAD_INPUT, code, message);
    }
}
