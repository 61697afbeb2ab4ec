package io.cairn.dwn.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * Messages by tenant and message CID, with their indexes (dwn-sdk-js's {@code MessageStore}). Messages
 * are the wire JSON; a stored RecordsWrite may carry {@code encodedData}.
 */
public interface MessageStore extends AutoCloseable {
    void put(String tenant, ObjectNode message, String messageCid, KeyValues indexes);

    Optional<ObjectNode> get(String tenant, String messageCid);

    /** Messages matching any of {@code filters}, sorted, from the cursor on; the cursor is set when more remain. */
    QueryResult query(String tenant, List<Filter> filters, MessageSort sort, Pagination pagination);

    void delete(String tenant, String messageCid);

    record QueryResult(List<ObjectNode> messages, PaginationCursor cursor) {}

    @Override
    void close();
}
