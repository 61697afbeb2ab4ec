package io.cairn.ipfs.car;

import io.cairn.error.CairnException;

/** A CAR stream that is truncated, malformed, or holds a block that does not match its CID. */
public final class CarFormatException extends CairnException {
    public CarFormatException(String message) {
        super(Kind.BAD_INPUT, "invalid_car", "invalid CAR: " + message);
    }
}
