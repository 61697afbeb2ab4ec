package io.cairn.dwn.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link MessageStore} in memory, answering queries exactly as the SDK's {@code MessageStoreLevel}. */
public final class InMemoryMessageStore implements MessageStore {
    private final Map<String, Map<String, ObjectNode>> messages = new ConcurrentHashMap<>();
    private final InMemoryIndex index = new InMemoryIndex(Set.of("messageTimestamp", "dateCreated", "datePublished"));

    @Override
    public void put(String tenant, ObjectNode message, String messageCid, KeyValues indexes) {
        messages.computeIfAbsent(tenant, k -> new ConcurrentHashMap<>()).put(messageCid, (ObjectNode) CborKeyOrder.copy(message));
        index.put(tenant, messageCid, indexes);
    }

    @Override
    public Optional<ObjectNode> get(String tenant, String messageCid) {
        ObjectNode message = messages.getOrDefault(tenant, Map.of()).get(messageCid);
        return Optional.ofNullable(message).map(ObjectNode::deepCopy);
    }

    @Override
    public QueryResult query(String tenant, List<Filter> filters, MessageSort sort, Pagination pagination) {
        MessageSort s = sort == null ? MessageSort.DEFAULT : sort;
        Pagination p = pagination == null ? Pagination.ALL : pagination;
        Integer limit = p.limit();
        if (limit != null && limit > 0) {
            limit = limit + 1;
        }
        List<InMemoryIndex.Item> items = new ArrayList<>(index.query(tenant, filters, s.property(), s.direction(), p.cursor(), limit));
        PaginationCursor cursor = null;
        if (p.limit() != null && p.limit() < items.size()) {
            items.remove(items.size() - 1);
            if (!items.isEmpty()) {
                InMemoryIndex.Item last = items.get(items.size() - 1);
                cursor = new PaginationCursor(last.messageCid(), last.indexes().get(s.property()));
            }
        }
        List<ObjectNode> found = new ArrayList<>(items.size());
        for (InMemoryIndex.Item item : items) {
            get(tenant, item.messageCid()).ifPresent(found::add);
        }
        return new QueryResult(found, cursor);
    }

    @Override
    public void delete(String tenant, String messageCid) {
        Map<String, ObjectNode> partition = messages.get(tenant);
        if (partition != null) {
            partition.remove(messageCid);
        }
        index.delete(tenant, messageCid);
    }

    @Override
    public void close() {}
}
