package io.cairn.node.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * An upload body read from an InputStream in 1 MiB buffers, one per unit of demand. The JDK's own
 * {@code BodyPublishers.ofInputStream} sends 16 KiB chunks, which halves the CLI's add rate through a node.
 */
final class StreamBodyPublisher implements Flow.Publisher<ByteBuffer> {
    private static final int BUFFER = 1 << 20;

    private final Supplier<InputStream> source;
    private volatile IOException readFailure;

    StreamBodyPublisher(Supplier<InputStream> source) {
        this.source = source;
    }

    /** Why reading the source failed, if it did: the upload broke on this side, not the node's. */
    IOException readFailure() {
        return readFailure;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        subscriber.onSubscribe(new Subscription(source, subscriber));
    }

    private final class Subscription implements Flow.Subscription {
        private final Supplier<InputStream> source;
        private final Flow.Subscriber<? super ByteBuffer> subscriber;
        private final AtomicLong demand = new AtomicLong();
        private final AtomicBoolean draining = new AtomicBoolean();
        private volatile boolean done;
        private InputStream in;

        Subscription(Supplier<InputStream> source, Flow.Subscriber<? super ByteBuffer> subscriber) {
            this.source = source;
            this.subscriber = subscriber;
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                finish(new IllegalArgumentException("demand must be positive, got " + n));
                return;
            }
            demand.getAndAccumulate(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
            drain();
        }

        /** Sends buffers while there is demand; the one thread draining also serves demand signalled from onNext. */
        private void drain() {
            while (!done && demand.get() > 0 && draining.compareAndSet(false, true)) {
                try {
                    while (!done && demand.get() > 0) {
                        if (in == null) in = source.get();
                        byte[] buf = new byte[BUFFER];
                        int n = in.readNBytes(buf, 0, buf.length);
                        if (n == 0) {
                            finish(null);
                            return;
                        }
                        demand.decrementAndGet();
                        subscriber.onNext(ByteBuffer.wrap(buf, 0, n));
                    }
                } catch (IOException e) {
                    finish(e);
                } catch (UncheckedIOException e) {
                    finish(e.getCause());
                } finally {
                    draining.set(false);
                }
            }
        }

        @Override
        public void cancel() {
            done = true;
            close();
        }

        private void finish(Throwable failure) {
            if (done) return;
            done = true;
            close();
            if (failure instanceof IOException io) readFailure = io;
            if (failure == null) subscriber.onComplete();
            else subscriber.onError(failure);
        }

        private void close() {
            try {
                if (in != null) in.close();
            } catch (IOException ignored) {
                // the body is over either way
            }
        }
    }
}
