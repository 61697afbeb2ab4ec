package io.cairn.codec;

import io.cairn.error.CairnException;

/** Bytes that are not a valid encoding in the codec that was asked to read them. */
public final class CodecException extends CairnException {
    public CodecException(String code, String message) {
        super(Kind.BAD_INPUT, code, message);
    }
}
