package io.cairn.dwn.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.message.RecordsWrite;
import io.cairn.dwn.store.Filter;
import io.cairn.dwn.store.FilterValue;
import io.cairn.dwn.store.MessageStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The message-store look-ups protocol authorization makes, each one filter in the store's default order. */
final class StoreQueries {
    private StoreQueries() {}

    static List<ObjectNode> query(MessageStore store, String tenant, Map<String, Object> conditions) {
        Map<String, FilterValue> filter = new HashMap<>();
        conditions.forEach((key, value) -> filter.put(key, value instanceof FilterValue v ? v : new FilterValue.Equal(value)));
        return store.query(tenant, List.of(new Filter(filter)), null, null).messages();
    }

    /** The initial RecordsWrite of a record among its stored writes (the SDK's {@code fetchInitialWrite}); null when none is stored. */
    static ObjectNode initialWrite(MessageStore store, String tenant, String recordId) {
        List<ObjectNode> writes = query(store, tenant, Map.of("interface", "Records", "method", "Write", "recordId", recordId));
        return writes.isEmpty() ? null : RecordsWrite.initialWrite(writes);
    }

    /** The SDK's {@code RecordsWrite.fetchInitialRecordsWriteMessage}: the message whose entry ID is the record ID. */
    static ObjectNode initialWriteByEntryId(MessageStore store, String tenant, String recordId) {
        List<ObjectNode> messages = query(store, tenant, Map.of("entryId", recordId));
        return messages.isEmpty() ? null : messages.get(0);
    }
}
