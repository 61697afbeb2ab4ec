package io.cairn.anchor.bitcoin;

import io.cairn.anchor.AnchorException;
import io.cairn.error.CairnException;

/** The back-end failures, with stable codes the service, the CLI and the HTTP layer can tell apart. */
public final class ChainErrors {
    /** Cannot be reached, timed out, or answered with a server error: worth retrying later. */
    public static final String UNAVAILABLE = "backend_unavailable";
    /** Answered something that does not check out (wrong header, wrong transaction, not the expected format). */
    public static final String INVALID_ANSWER = "backend_invalid_answer";
    /** Refused a transaction (the back end's reason in the message). */
    public static final String REJECTED = "backend_rejected";
    /** An RPC call failed with an error from the node. */
    public static final String ERROR = "backend_error";
    /** Does not know the block or transaction asked for. */
    public static final String NOT_FOUND = "backend_not_found";
    public static final String UNAUTHORIZED = "backend_unauthorized";

    private ChainErrors() {}

    static AnchorException unavailable(String message, Throwable cause) {
        return new AnchorException(CairnException.Kind.STORAGE, UNAVAILABLE, message, cause);
    }

    static AnchorException invalidAnswer(String message) {
        return new AnchorException(CairnException.Kind.STORAGE, INVALID_ANSWER, message);
    }

    static AnchorException rejected(String message) {
        return new AnchorException(CairnException.Kind.CONFLICT, REJECTED, message);
    }

    static AnchorException notFound(String message) {
        return new AnchorException(CairnException.Kind.NOT_FOUND, NOT_FOUND, message);
    }

    /** True for failures that say nothing about the request itself: the back end may answer later. */
    public static boolean isTransient(CairnException e) {
        return UNAVAILABLE.equals(e.code()) || INVALID_ANSWER.equals(e.code()) || UNAUTHORIZED.equals(e.code());
    }
}
