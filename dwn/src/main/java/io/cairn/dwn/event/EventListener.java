package io.cairn.dwn.event;

import io.cairn.dwn.store.KeyValues;

/** Receives every event of the tenant it subscribed for, with the message's indexes (dwn-sdk-js's {@code EventListener}). */
@FunctionalInterface
public interface EventListener {
    void onEvent(String tenant, MessageEvent event, KeyValues indexes);
}
