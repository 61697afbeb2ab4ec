package io.cairn.dwn.did;

/**
 * @web5/dids' {@code DidError}: a resolution failure with a code, which method resolvers turn into an
 * error result ({@code error} = the code, {@code errorMessage} = {@code "<code>: <message>"}).
 */
public final class DidError extends RuntimeException {
    private final DidErrorCode code;

    public DidError(DidErrorCode code, String message) {
        super(code.code() + ": " + message);
        this.code = code;
    }

    public DidErrorCode code() {
        return code;
    }

    DidResolutionResult toResult() {
        return DidResolutionResult.error(code.code(), getMessage());
    }
}
