package io.cairn.dwn.rocks;

import io.cairn.dwn.store.EventLog;
import io.cairn.dwn.store.Filter;
import io.cairn.dwn.store.Watermarks;
import io.cairn.dwn.store.KeyValues;
import io.cairn.dwn.store.PaginationCursor;
import io.cairn.dwn.store.SortDirection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * dwn-sdk-js's EventLogLevel on the {@link DwnDatabase}: each event is indexed with its message's
 * indexes plus a monotonic ULID {@code watermark}, the order events are returned in and their cursor.
 */
final class RocksEventLog implements EventLog {
    static final String WATERMARK = "watermark";

    private final RocksIndex index;
    private final Watermarks watermarks = new Watermarks();

    RocksEventLog(RocksIndex index) {
        this.index = index;
    }

    @Override
    public void append(String tenant, String messageCid, KeyValues indexes) {
        Map<String, Object> withWatermark = new HashMap<>(indexes.values());
        withWatermark.put(WATERMARK, watermarks.next());
        index.put(tenant, messageCid, withWatermark);
    }

    @Override
    public EventsPage queryEvents(String tenant, List<Filter> filters, PaginationCursor cursor) {
        List<RocksIndex.Item> items = index.query(tenant, new RocksIndex.Query(filters, WATERMARK, SortDirection.ASCENDING, cursor, null));
        List<String> events = items.stream().map(RocksIndex.Item::messageCid).toList();
        PaginationCursor next = items.isEmpty() ? null : RocksMessageStore.cursorAfter(items.getLast(), WATERMARK);
        return new EventsPage(events, next);
    }

    @Override
    public void deleteEventsByCid(String tenant, List<String> messageCids) {
        for (String messageCid : messageCids) index.delete(tenant, messageCid);
    }

    @Override
    public void close() {
        // the DwnDatabase owns the RocksDB
    }
}
