package io.cairn.dwn.event;

import io.cairn.dwn.Subscription;
import io.cairn.dwn.store.KeyValues;

/**
 * Publish/subscribe of stored messages (dwn-sdk-js's {@code EventStream}). {@link #emit} delivers to the
 * tenant's listeners on the caller's thread, in subscription order, before it returns, so a subscriber
 * sees the events of one tenant in the order they were stored.
 */
public interface EventStream extends AutoCloseable {
    /** Adds a listener for the tenant's events until the returned subscription (whose id is {@code id}) is closed. */
    Subscription subscribe(String tenant, String id, EventListener listener);

    void emit(String tenant, MessageEvent event, KeyValues indexes);

    /** Drops every listener. */
    @Override
    void close();
}
