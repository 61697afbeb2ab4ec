package io.cairn.node.anchor;

import io.cairn.anchor.bitcoin.AnchorService;
import io.cairn.error.CairnException;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the anchoring service's {@link AnchorService#tick()} on its own thread: every interval, and at
 * once when {@link #nudge()}d (an urgent digest, a flush). A failing tick (the Bitcoin node is down)
 * is logged once per distinct error and tried again at the next interval; nothing is lost, since every
 * step the service takes is durable.
 */
final class AnchorScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AnchorScheduler.class);

    private final AnchorService service;
    private final Duration interval;
    private final Runnable afterTick;
    private final Thread thread;
    private final Object signal = new Object();
    private boolean nudged;
    private long ticksStarted;
    private long ticksFinished;
    private RuntimeException lastFailure;
    private volatile boolean closed;
    private volatile Instant lastTick;
    private volatile String lastError;

    AnchorScheduler(AnchorService service, Duration interval, Runnable afterTick) {
        this.service = service;
        this.interval = interval;
        this.afterTick = afterTick;
        this.thread = Thread.ofPlatform().name("cairn-anchoring").daemon(true).unstarted(this::loop);
    }

    void start() {
        thread.start();
    }

    /** Asks for a tick now rather than at the next interval. */
    void nudge() {
        synchronized (signal) {
            nudged = true;
            signal.notifyAll();
        }
    }

    Instant lastTick() {
        return lastTick;
    }

    /** The last tick's failure, or null if it succeeded. */
    String lastError() {
        return lastError;
    }

    Duration interval() {
        return interval;
    }

    /**
     * Asks for a tick now and waits until one that started after this call has finished; rethrows the
     * failure of the last finished tick, so a caller sees the chain as the service last saw it.
     */
    void tickNow(Duration timeout) throws InterruptedException {
        synchronized (signal) {
            long wanted = ticksStarted + 1;
            nudged = true;
            signal.notifyAll();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (ticksFinished < wanted) {
                if (closed) throw new CairnException(CairnException.Kind.INTERNAL, "shutting_down", "the anchoring service is stopping");
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new CairnException(CairnException.Kind.INTERNAL, "tick_timeout",
                            "the anchoring service did not finish a pass within " + timeout.toSeconds() + " s");
                }
                signal.wait(Math.max(1, left / 1_000_000));
            }
            if (lastFailure != null) throw lastFailure;
        }
    }

    private void loop() {
        while (!closed) {
            synchronized (signal) {
                ticksStarted++;
            }
            RuntimeException failure = null;
            try {
                service.tick();
                lastTick = Instant.now();
                if (lastError != null) LOG.info("anchoring: the Bitcoin node answers again");
                lastError = null;
            } catch (RuntimeException e) {
                if (closed) return;
                if (!String.valueOf(e.getMessage()).equals(lastError)) LOG.warn("anchoring: {} (retrying every {})", e.getMessage(), interval);
                lastError = String.valueOf(e.getMessage());
                failure = e;
            }
            try {
                afterTick.run();
            } catch (RuntimeException e) {
                LOG.warn("anchoring: refreshing the metrics failed: {}", e.getMessage());
            }
            synchronized (signal) {
                ticksFinished++;
                lastFailure = failure;
                signal.notifyAll();
                long deadline = System.nanoTime() + interval.toNanos();
                while (!nudged && !closed) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) break;
                    try {
                        signal.wait(Math.max(1, left / 1_000_000));
                    } catch (InterruptedException e) {
                        if (closed) return;
                    }
                }
                nudged = false;
            }
        }
    }

    /** Stops after the tick in progress, if any: the queue must outlive every step the service takes. */
    @Override
    public void close() {
        closed = true;
        synchronized (signal) {
            signal.notifyAll();
        }
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
