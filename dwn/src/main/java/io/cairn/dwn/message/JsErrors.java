package io.cairn.dwn.message;

import io.cairn.dwn.DwnError;

/**
 * The TypeErrors the SDK's code raises on shapes its schemas allow but its code does not expect (a JWS
 * without {@code signatures}, a signature entry without {@code protected}): their V8 message becomes the
 * reply's detail, so Cairn reproduces it.
 */
public final class JsErrors {
    private JsErrors() {}

    public static DwnError cannotReadUndefined(String property) {
        return DwnError.uncoded("Cannot read properties of undefined (reading '" + property + "')");
    }
}
