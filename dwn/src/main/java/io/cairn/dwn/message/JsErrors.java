package io.cairn.dwn.message;

import io.cairn.dwn.JsError;

/**
 * The TypeErrors the SDK's code raises on shapes its schemas allow but its code does not expect (a JWS
 * without {@code signatures}, an attestation without signatures): their V8 message becomes the reply's detail.
 */
public final class JsErrors {
    private JsErrors() {}

    public static JsError cannotReadUndefined(String property) {
        return new JsError("Cannot read properties of undefined (reading '" + property + "')");
    }
}
