package io.cairn.dwn;

/**
 * A rejection with one of dwn-sdk-js's error codes ({@code DwnErrorCode}, e.g.
 * {@code "GeneralJwsVerifierInvalidSignature"}). As in the SDK, the message is {@code "<code>: <text>"},
 * and that whole string becomes the {@code status.detail} of the reply; the handler that catches it
 * chooses the status code (400, 401, 404, 409…) the SDK uses for that code.
 */
public class DwnError extends RuntimeException {
    private final String code;

    public DwnError(String code, String text) {
        super(code + ": " + text);
        this.code = code;
    }

    public DwnError(String code, String text, Throwable cause) {
        super(code + ": " + text, cause);
        this.code = code;
    }

    /** An error the SDK raises as a plain JavaScript {@code Error}: the detail is the bare message (a {@link JsError}). */
    public static DwnError uncoded(String message) {
        return new JsError(message);
    }

    public String code() {
        return code;
    }

    /** The reply's {@code status.detail}, exactly as the SDK writes it. */
    public String detail() {
        return getMessage();
    }
}
