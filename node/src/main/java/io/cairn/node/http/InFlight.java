package io.cairn.node.http;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Counts requests in progress; once closed it admits no more, and shutdown can wait for the rest. */
final class InFlight {
    private int count;
    private boolean closed;

    /** Admits a request; false once the server is shutting down. */
    synchronized boolean enter() {
        if (closed) return false;
        count++;
        return true;
    }

    synchronized void exit() {
        if (--count == 0) notifyAll();
    }

    synchronized void close() {
        closed = true;
    }

    synchronized boolean isClosed() {
        return closed;
    }

    /** Waits until no request is in progress or {@code grace} has passed; true if none is left. */
    synchronized boolean awaitIdle(Duration grace) throws InterruptedException {
        long deadline = System.nanoTime() + grace.toNanos();
        while (count > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) return false;
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }
}
