package io.cairn.error;

import java.util.Objects;

/**
 * Root of Cairn's own exceptions. Each carries a stable machine-readable {@link #code()} and a
 * {@link #kind()} that the HTTP layer and the CLI map, once, to a status or an exit code.
 */
public class CairnException extends RuntimeException {

    /** What sort of failure this is, independent of the layer that raised it. */
    public enum Kind {
        /** The caller sent something malformed: HTTP 400, CLI exit 1. */
        BAD_INPUT,
        /** The thing asked for does not exist here: HTTP 404. */
        NOT_FOUND,
        /** The request conflicts with the current state: HTTP 409. */
        CONFLICT,
        /** The request is too large for the configured limits: HTTP 413. */
        TOO_LARGE,
        /** The local store failed (I/O error, disk full, corruption): HTTP 500/507. */
        STORAGE,
        /** A bug or an unexpected state. */
        INTERNAL
    }

    private final Kind kind;
    private final String code;

    public CairnException(Kind kind, String code, String message) {
        this(kind, code, message, null);
    }

    public CairnException(Kind kind, String code, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind);
        this.code = Objects.requireNonNull(code);
    }

    public Kind kind() {
        return kind;
    }

    /** A short stable identifier such as {@code invalid_cid}, usable by clients. */
    public String code() {
        return code;
    }
}
