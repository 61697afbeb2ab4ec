package io.cairn.dwn.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The event log of dwn-sdk-js's {@code EventLogLevel}, held in memory (for embedding and tests): each
 * appended message gets a {@link Watermarks watermark}, added to its indexes; a query returns, in
 * watermark order, every event after the cursor that matches any filter, and the cursor of the last one
 * ({@code {messageCid, value: watermark}}). A cursor positions by its value and CID, as the SDK's index
 * key does, so it need not name an event that still exists.
 */
public final class InMemoryEventLog implements EventLog {
    static final String WATERMARK = "watermark";

    private final Watermarks watermarks = new Watermarks();
    private final Map<String, TenantLog> tenants = new ConcurrentHashMap<>();

    @Override
    public void append(String tenant, String messageCid, KeyValues indexes) {
        Map<String, Object> withWatermark = new HashMap<>(indexes.values());
        withWatermark.put(WATERMARK, watermarks.next());
        tenants.computeIfAbsent(tenant, t -> new TenantLog()).put(messageCid, withWatermark);
    }

    @Override
    public EventsPage queryEvents(String tenant, List<Filter> filters, PaginationCursor cursor) {
        TenantLog log = tenants.get(tenant);
        if (log == null) return new EventsPage(List.of(), null);
        return log.query(filters, cursor);
    }

    /** The cursor that resumes a query right after this event, if the event is in the log. */
    public Optional<PaginationCursor> cursorOf(String tenant, String messageCid) {
        TenantLog log = tenants.get(tenant);
        return log == null ? Optional.empty() : log.cursorOf(messageCid);
    }

    @Override
    public void deleteEventsByCid(String tenant, List<String> messageCids) {
        TenantLog log = tenants.get(tenant);
        if (log != null) log.delete(messageCids);
    }

    @Override
    public void close() {
        tenants.clear();
    }

    /** Sort key as IndexLevel writes it: the encoded watermark, NUL, the message CID. */
    private static String key(Object watermark, String messageCid) {
        return IndexValues.encode(watermark) + '\u0000' + messageCid;
    }

    private record Event(String messageCid, Map<String, Object> indexes) {}

    private static final class TenantLog {
        private final NavigableMap<String, Event> byWatermark = new TreeMap<>();
        private final Map<String, String> keyByCid = new HashMap<>();

        synchronized void put(String messageCid, Map<String, Object> indexes) {
            String previous = keyByCid.remove(messageCid);
            if (previous != null) byWatermark.remove(previous);
            String key = key(indexes.get(WATERMARK), messageCid);
            byWatermark.put(key, new Event(messageCid, Map.copyOf(indexes)));
            keyByCid.put(messageCid, key);
        }

        synchronized EventsPage query(List<Filter> filters, PaginationCursor cursor) {
            NavigableMap<String, Event> after = cursor == null ? byWatermark
                    : byWatermark.tailMap(key(cursor.value(), cursor.messageCid()), false);
            List<String> events = new ArrayList<>();
            Event last = null;
            for (Event event : after.values()) {
                if (FilterMatcher.matchesAny(event.indexes(), filters)) {
                    events.add(event.messageCid());
                    last = event;
                }
            }
            PaginationCursor next = last == null ? null : new PaginationCursor(last.messageCid(), last.indexes().get(WATERMARK));
            return new EventsPage(events, next);
        }

        synchronized Optional<PaginationCursor> cursorOf(String messageCid) {
            String key = keyByCid.get(messageCid);
            return key == null ? Optional.empty()
                    : Optional.of(new PaginationCursor(messageCid, byWatermark.get(key).indexes().get(WATERMARK)));
        }

        synchronized void delete(List<String> messageCids) {
            for (String cid : messageCids) {
                String key = keyByCid.remove(cid);
                if (key != null) byWatermark.remove(key);
            }
        }
    }
}
