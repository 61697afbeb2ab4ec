package io.cairn.dwn.event;

import io.cairn.dwn.Subscription;
import io.cairn.dwn.store.KeyValues;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The events of one node's process (dwn-sdk-js's {@code EventEmitterStream}). A listener that throws is
 * logged and does not stop the others nor the write that emitted the event.
 */
public final class InMemoryEventStream implements EventStream {
    private static final Logger LOG = LoggerFactory.getLogger(InMemoryEventStream.class);

    private final Map<String, List<EventListener>> listenersByTenant = new ConcurrentHashMap<>();

    @Override
    public Subscription subscribe(String tenant, String id, EventListener listener) {
        List<EventListener> listeners = listenersByTenant.computeIfAbsent(tenant, t -> new CopyOnWriteArrayList<>());
        listeners.add(listener);
        AtomicBoolean open = new AtomicBoolean(true);
        return new Subscription() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public void close() {
                if (open.compareAndSet(true, false)) listeners.remove(listener);
            }
        };
    }

    @Override
    public void emit(String tenant, MessageEvent event, KeyValues indexes) {
        List<EventListener> listeners = listenersByTenant.get(tenant);
        if (listeners == null) return;
        for (EventListener listener : listeners) {
            try {
                listener.onEvent(tenant, event, indexes);
            } catch (RuntimeException e) {
                LOG.warn("a subscription listener failed on an event of {}: {}", tenant, e.toString());
            }
        }
    }

    /** How many subscriptions are open for the tenant. */
    public int listenerCount(String tenant) {
        List<EventListener> listeners = listenersByTenant.get(tenant);
        return listeners == null ? 0 : listeners.size();
    }

    @Override
    public void close() {
        listenersByTenant.values().forEach(List::clear);
        listenersByTenant.clear();
    }
}
