package io.cairn.dwn.handler;

import java.util.function.Supplier;

/**
 * Makes the store writes of one message atomic: the persistent stores bind this to their database
 * transaction so that no crash leaves an index entry without its message or data, or the reverse. The
 * in-memory stores need none ({@link #NONE}).
 */
@FunctionalInterface
public interface StoreTransactions {
    <T> T atomically(Supplier<T> work);

    StoreTransactions NONE = new StoreTransactions() {
        @Override
        public <T> T atomically(Supplier<T> work) {
            return work.get();
        }
    };
}
