package io.cairn.dwn.store;

import java.util.List;

/** A tenant's events in the order they happened (dwn-sdk-js's {@code EventLog}), for MessagesQuery/Subscribe. */
public interface EventLog extends AutoCloseable {
    void append(String tenant, String messageCid, KeyValues indexes);

    /** Events after the cursor (all when null) that match any filter (all when the list is empty). */
    EventsPage queryEvents(String tenant, List<Filter> filters, PaginationCursor cursor);

    void deleteEventsByCid(String tenant, List<String> messageCids);

    record EventsPage(List<String> events, PaginationCursor cursor) {}

    @Override
    void close();
}
