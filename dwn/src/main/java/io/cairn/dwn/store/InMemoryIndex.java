package io.cairn.dwn.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * One tenant-partitioned index as the SDK's {@code IndexLevel} answers queries: results ordered by the
 * sort property's encoded value, then message CID; a cursor resumes after its key. Like the SDK, a query
 * whose filters are all "concise" (recordId; or, without a cursor, protocolPath, contextId, parentId or
 * schema) is paged in memory, where a matching message lacking the sort property empties the result;
 * otherwise the sort property's index is walked and messages without it never appear.
 */
final class InMemoryIndex {
    record Item(String messageCid, Map<String, Object> indexes) {}

    private static final class Tenant {
        final Map<String, Item> items = new ConcurrentHashMap<>();
        /** Per sort property: "encodedValue\0messageCid" to item. */
        final Map<String, ConcurrentSkipListMap<String, Item>> sorted = new ConcurrentHashMap<>();
        /** Per lookup property and value: the CIDs of the items holding it, so equality filters need no scan. */
        final Map<String, Map<Object, Set<String>>> lookups = new ConcurrentHashMap<>();
    }

    /** Properties queries select on by equality often enough (recordId on every write) to deserve a lookup map. */
    private static final List<String> LOOKUP_PROPERTIES = List.of("recordId", "entryId", "parentId", "contextId", "protocolPath", "schema");

    private final Map<String, Tenant> tenants = new ConcurrentHashMap<>();
    private final Set<String> sortProperties;

    InMemoryIndex(Set<String> sortProperties) {
        this.sortProperties = Set.copyOf(sortProperties);
    }

    synchronized void put(String tenant, String messageCid, KeyValues indexes) {
        Tenant t = tenants.computeIfAbsent(tenant, k -> new Tenant());
        remove(t, messageCid);
        Item item = new Item(messageCid, new LinkedHashMap<>(indexes.values()));
        t.items.put(messageCid, item);
        for (String property : LOOKUP_PROPERTIES) {
            Object value = lookupKey(item.indexes().get(property));
            if (value != null) {
                t.lookups.computeIfAbsent(property, k -> new ConcurrentHashMap<>())
                    .computeIfAbsent(value, k -> ConcurrentHashMap.newKeySet()).add(messageCid);
            }
        }
        for (String property : sortProperties) {
            Object value = item.indexes().get(property);
            if (value != null && !(value instanceof List<?>) && !(value instanceof Boolean)) {
                t.sorted.computeIfAbsent(property, k -> new ConcurrentSkipListMap<>()).put(key(value, messageCid), item);
            }
        }
    }

    synchronized void delete(String tenant, String messageCid) {
        Tenant t = tenants.get(tenant);
        if (t != null) {
            remove(t, messageCid);
        }
    }

    Map<String, Object> indexes(String tenant, String messageCid) {
        Tenant t = tenants.get(tenant);
        Item item = t == null ? null : t.items.get(messageCid);
        return item == null ? null : item.indexes();
    }

    private void remove(Tenant t, String messageCid) {
        Item old = t.items.remove(messageCid);
        if (old == null) {
            return;
        }
        for (String property : LOOKUP_PROPERTIES) {
            Object value = lookupKey(old.indexes().get(property));
            Map<Object, Set<String>> lookup = t.lookups.get(property);
            if (value != null && lookup != null) {
                Set<String> cids = lookup.get(value);
                if (cids != null) {
                    cids.remove(messageCid);
                    if (cids.isEmpty()) {
                        lookup.remove(value);
                    }
                }
            }
        }
        for (String property : sortProperties) {
            Object value = old.indexes().get(property);
            ConcurrentSkipListMap<String, Item> sorted = t.sorted.get(property);
            if (value != null && sorted != null) {
                sorted.remove(key(value, messageCid));
            }
        }
    }

    /** Up to {@code limit} items (null: all) after the cursor, as the SDK's IndexLevel.query returns them. */
    synchronized List<Item> query(String tenant, List<Filter> filters, String sortProperty, SortDirection direction,
                                  PaginationCursor cursor, Integer limit) {
        if (!sortProperties.contains(sortProperty)) {
            throw new IllegalArgumentException("not a sort property: " + sortProperty);
        }
        Tenant t = tenants.get(tenant);
        if (t == null) {
            return List.of();
        }
        String cursorKey = cursor == null ? null : key(cursor.value(), cursor.messageCid());
        boolean ascending = direction == SortDirection.ASCENDING;
        if (allConcise(filters, cursor != null)) {
            return queryInMemory(t, filters, sortProperty, ascending, cursorKey, limit);
        }
        ConcurrentSkipListMap<String, Item> sorted = t.sorted.get(sortProperty);
        List<Item> matches = new ArrayList<>();
        if (sorted == null) {
            return matches;
        }
        Map<String, Item> range;
        if (cursorKey == null) {
            range = ascending ? sorted : sorted.descendingMap();
        } else {
            range = ascending ? sorted.tailMap(cursorKey, false) : sorted.headMap(cursorKey, false).descendingMap();
        }
        for (Item item : range.values()) {
            if (limit != null && matches.size() == limit) {
                break;
            }
            if (FilterMatcher.matchesAny(item.indexes(), filters)) {
                matches.add(item);
            }
        }
        return matches;
    }

    private static List<Item> queryInMemory(Tenant t, List<Filter> filters, String sortProperty, boolean ascending,
                                            String cursorKey, Integer limit) {
        List<Filter> effective = filters.isEmpty() ? List.of(new Filter(Map.of())) : filters;
        Map<String, Item> matches = new LinkedHashMap<>();
        for (Filter filter : effective) {
            for (Item item : candidates(t, filter)) {
                if (matches.containsKey(item.messageCid()) || !FilterMatcher.matches(item.indexes(), filter)) {
                    continue;
                }
                if (item.indexes().get(sortProperty) == null) {
                    return List.of();
                }
                matches.put(item.messageCid(), item);
            }
        }
        Comparator<Item> order = Comparator.comparing(
            (Item item) -> IndexValues.encode(item.indexes().get(sortProperty)) + item.messageCid());
        List<Item> sorted = new ArrayList<>(matches.values());
        sorted.sort(ascending ? order : order.reversed());
        int start = 0;
        if (cursorKey != null) {
            start = -1;
            for (int i = 0; i < sorted.size(); i++) {
                Item item = sorted.get(i);
                int c = key(item.indexes().get(sortProperty), item.messageCid()).compareTo(cursorKey);
                if (ascending ? c > 0 : c < 0) {
                    start = i;
                    break;
                }
            }
            if (start < 0) {
                return List.of();
            }
        }
        int end = limit == null ? sorted.size() : Math.min(sorted.size(), start + limit);
        return end <= start ? List.of() : List.copyOf(sorted.subList(start, end));
    }

    /** The items that can match: through a lookup map when the filter has an equality on a lookup property. */
    private static Iterable<Item> candidates(Tenant t, Filter filter) {
        for (String property : LOOKUP_PROPERTIES) {
            if (filter.conditions().get(property) instanceof FilterValue.Equal eq && lookupKey(eq.value()) != null) {
                Set<String> cids = t.lookups.getOrDefault(property, Map.of()).getOrDefault(lookupKey(eq.value()), Set.of());
                List<Item> items = new ArrayList<>(cids.size());
                for (String cid : cids) {
                    Item item = t.items.get(cid);
                    if (item != null) {
                        items.add(item);
                    }
                }
                return items;
            }
        }
        return t.items.values();
    }

    /** Strings only: other types would need JavaScript's cross-type equality, which the scan applies. */
    private static Object lookupKey(Object value) {
        return value instanceof String ? value : null;
    }

    private static boolean allConcise(List<Filter> filters, boolean hasCursor) {
        for (Filter filter : filters) {
            Map<String, FilterValue> c = filter.conditions();
            if (c.containsKey("recordId")) {
                continue;
            }
            if (hasCursor) {
                return false;
            }
            if (!(c.containsKey("protocolPath") || c.containsKey("contextId") || c.containsKey("parentId") || c.containsKey("schema"))) {
                return false;
            }
        }
        return true;
    }

    static String key(Object value, String messageCid) {
        return IndexValues.encode(value) + "\u0000" + messageCid;
    }
}
