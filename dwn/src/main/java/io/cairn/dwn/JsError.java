package io.cairn.dwn;

/**
 * A rejection that dwn-sdk-js raises as a plain JavaScript {@code Error} (or {@code TypeError},
 * {@code SyntaxError}) rather than a coded {@code DwnError}: a library underneath the SDK threw it, e.g.
 * noble's {@code "invalid scalar, must be < L"} for a tampered Ed25519 signature. The SDK's handlers put
 * {@code error.message} alone into the reply's {@code status.detail}, so {@link #detail()} is the bare
 * message and {@link #code()} is empty.
 */
public class JsError extends DwnError {
    private final String message;

    public JsError(String message) {
        super("", message);
        this.message = message;
    }

    public JsError(String message, Throwable cause) {
        super("", message, cause);
        this.message = message;
    }

    @Override
    public String getMessage() {
        return message;
    }

    @Override
    public String code() {
        return "";
    }
}
