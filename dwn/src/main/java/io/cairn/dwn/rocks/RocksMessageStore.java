package io.cairn.dwn.rocks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.DwnError;
import io.cairn.dwn.store.CborKeyOrder;
import io.cairn.dwn.store.Filter;
import io.cairn.dwn.store.KeyValues;
import io.cairn.dwn.store.MessageSort;
import io.cairn.dwn.store.MessageStore;
import io.cairn.dwn.store.Pagination;
import io.cairn.dwn.store.PaginationCursor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * dwn-sdk-js's MessageStoreLevel on the {@link DwnDatabase}: messages as JSON by tenant and CID, indexed
 * by {@link RocksIndex}; a page asks the index for one extra item to know whether a cursor is due.
 * Closing it is a no-op: the database owns the resources.
 */
final class RocksMessageStore implements MessageStore {
    static final List<String> SORT_PROPERTIES = List.of("messageTimestamp", "dateCreated", "datePublished");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DwnDatabase database;
    private final Column messages;
    private final RocksIndex index;

    RocksMessageStore(DwnDatabase database, Column messages, RocksIndex index) {
        this.database = database;
        this.messages = messages;
        this.index = index;
    }

    @Override
    public void put(String tenant, ObjectNode message, String messageCid, KeyValues indexes) {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(CborKeyOrder.copy(message)); // as the SDK's store gives it back: decoded from DAG-CBOR
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        database.transaction(() -> {
            index.put(tenant, messageCid, indexes.values());
            messages.put(key(tenant, messageCid), bytes);
        });
    }

    @Override
    public Optional<ObjectNode> get(String tenant, String messageCid) {
        byte[] bytes = messages.get(key(tenant, messageCid));
        if (bytes == null) return Optional.empty();
        try {
            return Optional.of((ObjectNode) JSON.readTree(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException("stored message " + messageCid + " is not valid JSON", e);
        }
    }

    @Override
    public QueryResult query(String tenant, List<Filter> filters, MessageSort sort, Pagination pagination) {
        MessageSort messageSort = sort == null ? MessageSort.DEFAULT : sort;
        Pagination page = pagination == null ? Pagination.ALL : pagination;
        Integer limit = page.limit() != null && page.limit() > 0 ? Integer.valueOf(page.limit() + 1) : page.limit();
        List<RocksIndex.Item> items = new ArrayList<>(index.query(tenant,
                new RocksIndex.Query(filters, messageSort.property(), messageSort.direction(), page.cursor(), limit)));
        PaginationCursor cursor = null;
        if (page.limit() != null && page.limit() < items.size()) {
            items.removeLast();
            cursor = cursorAfter(items.getLast(), messageSort.property());
        }
        List<ObjectNode> found = new ArrayList<>(items.size());
        for (RocksIndex.Item item : items) get(tenant, item.messageCid()).ifPresent(found::add);
        return new QueryResult(found, cursor);
    }

    /** IndexLevel.createCursorFromItem. */
    static PaginationCursor cursorAfter(RocksIndex.Item item, String sortProperty) {
        Map<String, Object> indexes = item.indexes();
        Object value = indexes.get(sortProperty);
        if (value == null) {
            throw new DwnError("IndexInvalidCursorSortProperty", "the sort property '" + sortProperty + "' is not defined within the given item.");
        }
        if (value instanceof Boolean || value instanceof List<?>) {
            String type = value instanceof Boolean ? "boolean" : "object";
            throw new DwnError("IndexInvalidCursorValueType", "only string or number values are supported for cursors, a(n) " + type + " was given.");
        }
        return new PaginationCursor(item.messageCid(), value);
    }

    @Override
    public void delete(String tenant, String messageCid) {
        database.transaction(() -> {
            messages.delete(key(tenant, messageCid));
            index.delete(tenant, messageCid);
        });
    }

    private static byte[] key(String tenant, String messageCid) {
        return Bytes.joinTerminated(tenant, messageCid);
    }

    @Override
    public void close() {
        // the DwnDatabase owns the RocksDB; closing a view of it releases nothing
    }
}
