package io.cairn.node.http;

import java.io.InterruptedIOException;
import java.time.Duration;

/** A request body read that waited longer than the route's idle timeout for the client's next bytes. */
public final class RequestBodyTimeoutException extends InterruptedIOException {
    RequestBodyTimeoutException(long timeoutNanos) {
        super("no request body bytes for " + Duration.ofNanos(timeoutNanos));
    }
}
