package io.cairn.dwn.rocks;

import io.cairn.dwn.DwnError;
import io.cairn.dwn.store.Filter;
import io.cairn.dwn.store.FilterMatcher;
import io.cairn.dwn.store.IndexValues;
import io.cairn.dwn.store.FilterValue;
import io.cairn.dwn.store.PaginationCursor;
import io.cairn.dwn.store.SortDirection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An index of messages by their {@code KeyValues} with the query semantics of dwn-sdk-js's IndexLevel
 * (the same matches, order, cursor and limit), but planned so a query costs about its page, not the tenant.
 *
 * <p>Keys, in one column family (segments end in 0x00; values are IndexLevel-encoded):
 * <ul>
 *   <li>{@code i tenant cid} → the message's indexes (JSON);
 *   <li>{@code x tenant property value cid}: one per property value, IndexLevel's own layout. The entries
 *       of a sort property are the sort order; the others find candidates when no plan below applies;
 *   <li>{@code s tenant property value sortProperty sortValue cid}: per string property value and sort
 *       property, so an equality condition yields its matches already in sort order;
 *   <li>{@code u tenant property value sortProperty cid}: the same for messages lacking that sort property,
 *       which IndexLevel's in-memory paging turns into an empty result.
 * </ul>
 */
final class RocksIndex {
    /** Low-cardinality properties that never narrow a query enough to be worth a sorted entry. */
    private static final Set<String> UNSORTED_PROPERTIES = Set.of("interface", "method");
    /** IndexLevel's FilterSelector order, used to break ties between equally small plans. */
    private static final List<String> PREFERRED = List.of(
            "recordId", "attester", "parentId", "recipient", "contextId", "protocolPath", "schema", "protocol");

    private final Column column;
    private final List<String> sortProperties;
    private final IndexCodec codec = new IndexCodec();

    record Item(String messageCid, Map<String, Object> indexes) {}

    record Query(List<Filter> filters, String sortProperty, SortDirection direction, PaginationCursor cursor, Integer limit) {}

    RocksIndex(DwnDatabase database, Column column, List<String> sortProperties) {
        this.column = column;
        this.sortProperties = List.copyOf(sortProperties);
    }

    void put(String tenant, String messageCid, Map<String, Object> indexes) {
        if (indexes.isEmpty()) {
            throw new DwnError("IndexMissingIndexableProperty", "Index must include at least one valid indexable property");
        }
        checkSegment(tenant, "tenant");
        checkSegment(messageCid, "message CID");
        Map<String, Object> previous = indexes(tenant, messageCid);
        List<byte[]> removed = previous == null ? List.of() : entryKeys(tenant, messageCid, previous);
        List<byte[]> added = entryKeys(tenant, messageCid, indexes);
        byte[] itemKey = itemKey(tenant, messageCid);
        byte[] itemValue = codec.write(indexes);
        column.database().write(batch -> {
            for (byte[] key : removed) batch.delete(column.handle, key);
            for (byte[] key : added) batch.put(column.handle, key, new byte[0]);
            batch.put(column.handle, itemKey, itemValue);
        });
    }

    /** Removes the message's entries; returns false when it was not indexed. */
    boolean delete(String tenant, String messageCid) {
        Map<String, Object> previous = indexes(tenant, messageCid);
        if (previous == null) return false;
        List<byte[]> removed = entryKeys(tenant, messageCid, previous);
        byte[] itemKey = itemKey(tenant, messageCid);
        column.database().write(batch -> {
            for (byte[] key : removed) batch.delete(column.handle, key);
            batch.delete(column.handle, itemKey);
        });
        return true;
    }

    Map<String, Object> indexes(String tenant, String messageCid) {
        byte[] value = column.get(itemKey(tenant, messageCid));
        return value == null ? null : codec.read(value);
    }

    private byte[] itemKey(String tenant, String messageCid) {
        return Bytes.joinTerminated("i", tenant, messageCid);
    }

    private List<byte[]> entryKeys(String tenant, String messageCid, Map<String, Object> indexes) {
        List<byte[]> keys = new ArrayList<>();
        for (Map.Entry<String, Object> entry : indexes.entrySet()) {
            String property = entry.getKey();
            checkSegment(property, "index property");
            for (Object value : IndexValues.scalars(entry.getValue())) {
                String encoded = IndexValues.encode(value);
                keys.add(Bytes.utf8("x" + '\0' + tenant + '\0' + property + '\0' + encoded + '\0' + messageCid));
                if (!(value instanceof String) || sortProperties.contains(property) || UNSORTED_PROPERTIES.contains(property)) continue;
                for (String sortProperty : sortProperties) {
                    Object sortValue = indexes.get(sortProperty);
                    String head = "\0" + tenant + '\0' + property + '\0' + encoded + '\0' + sortProperty + '\0';
                    if (sortValue == null) {
                        keys.add(Bytes.utf8("u" + head + messageCid));
                    } else {
                        for (Object sortScalar : IndexValues.scalars(sortValue)) {
                            keys.add(Bytes.utf8("s" + head + IndexValues.encode(sortScalar) + '\0' + messageCid));
                        }
                    }
                }
            }
        }
        return keys;
    }

    private static void checkSegment(String segment, String what) {
        if (segment.indexOf('\0') >= 0) throw new IllegalArgumentException(what + " must not contain U+0000");
    }

    // ---------------------------------------------------------------- queries

    List<Item> query(String tenant, Query query) {
        if (query.limit() != null && query.limit() < 0) throw new IllegalArgumentException("limit must not be negative");
        QueryRun run = new QueryRun(tenant, query);
        return run.execute();
    }

    /** IndexLevel.isFilterConcise. */
    private static boolean isConcise(Filter filter, PaginationCursor cursor) {
        Map<String, FilterValue> c = filter.conditions();
        if (c.containsKey("recordId")) return true;
        if (cursor != null) return false;
        return c.containsKey("protocolPath") || c.containsKey("contextId") || c.containsKey("parentId") || c.containsKey("schema");
    }

    /** The state of one query: cached indexes and the cursor's starting point. */
    private final class QueryRun {
        private final String tenant;
        private final Query query;
        private final boolean descending;
        private final byte[] start; // sortValue 0x00 cid of the cursor, or null
        private final Map<String, Map<String, Object>> cache = new HashMap<>();

        QueryRun(String tenant, Query query) {
            this.tenant = tenant;
            this.query = query;
            this.descending = query.direction() == SortDirection.DESCENDING;
            this.start = query.cursor() == null ? null
                    : Bytes.utf8(IndexValues.encode(query.cursor().value()) + '\0' + query.cursor().messageCid());
        }

        List<Item> execute() {
            List<Filter> filters = query.filters();
            boolean inMemory = filters.stream().allMatch(f -> isConcise(f, query.cursor()));
            List<Filter> effective = filters.isEmpty() ? List.of(new Filter(Map.of())) : filters;
            List<Plan> plans = new ArrayList<>();
            for (Filter filter : effective) plans.add(plan(filter, inMemory));
            if (inMemory) {
                if (plans.stream().anyMatch(p -> p == null)) return new CandidateQuery(this).execute(effective);
                for (int i = 0; i < effective.size(); i++) {
                    if (plans.get(i) != null && plans.get(i).sortedPrefixes != null && anyMatchLacksSortValue(effective.get(i), plans.get(i))) {
                        return List.of();
                    }
                }
            }
            return merge(effective, plans);
        }

        /** An ordered source for one filter: sorted entries of an equality condition, or the sort property's own entries. */
        private Plan plan(Filter filter, boolean inMemory) {
            String best = null;
            long bestSize = Long.MAX_VALUE;
            List<byte[]> bestPrefixes = null;
            for (Map.Entry<String, FilterValue> condition : filter.conditions().entrySet()) {
                String property = condition.getKey();
                if (sortProperties.contains(property) || UNSORTED_PROPERTIES.contains(property)) continue;
                List<Object> values = switch (condition.getValue()) {
                    case FilterValue.Equal e -> List.of(e.value());
                    case FilterValue.OneOf o -> new ArrayList<>(new LinkedHashSet<>(o.values()));
                    case FilterValue.Range r -> null;
                };
                if (values == null || values.isEmpty() || !values.stream().allMatch(v -> v instanceof String)) continue;
                List<byte[]> prefixes = new ArrayList<>();
                long size = 0;
                for (Object value : values) {
                    byte[] prefix = Bytes.utf8("s\0" + tenant + '\0' + property + '\0' + IndexValues.encode(value) + '\0' + query.sortProperty() + '\0');
                    prefixes.add(prefix);
                    size += column.approximateSize(prefix, Bytes.prefixEnd(prefix));
                }
                if (size < bestSize || (size == bestSize && rank(property) < rank(best))) {
                    best = property;
                    bestSize = size;
                    bestPrefixes = prefixes;
                }
            }
            if (best != null) return new Plan(bestPrefixes, best, filter);
            // in iterator mode (and for the empty filter) IndexLevel itself scans the sort order; a concise
            // filter without sorted entries needs IndexLevel's candidate search instead (see CandidateQuery)
            if (filter.conditions().isEmpty() || !inMemory) return new Plan(null, null, filter);
            return null;
        }

        private int rank(String property) {
            if (property == null) return Integer.MAX_VALUE;
            int i = PREFERRED.indexOf(property);
            if (i >= 0) return i;
            return property.startsWith("tag.") ? PREFERRED.size() : PREFERRED.size() + 1;
        }

        private boolean anyMatchLacksSortValue(Filter filter, Plan plan) {
            for (byte[] sortedPrefix : plan.sortedPrefixes) {
                byte[] prefix = sortedPrefix.clone();
                prefix[0] = 'u';
                boolean[] found = {false};
                column.scanPrefix(prefix, false, (key, value) -> {
                    String cid = Bytes.string(key, prefix.length, key.length);
                    Map<String, Object> indexes = cachedIndexes(cid);
                    if (indexes != null && FilterMatcher.matches(indexes, filter)) found[0] = true;
                    return !found[0];
                });
                if (found[0]) return true;
            }
            return false;
        }

        Map<String, Object> cachedIndexes(String cid) {
            return cache.computeIfAbsent(cid, c -> indexes(tenant, c));
        }

        private List<Item> merge(List<Filter> filters, List<Plan> plans) {
            List<Source> sources = new ArrayList<>();
            try {
                for (Plan plan : plans) {
                    if (plan.sortedPrefixes == null) {
                        byte[] prefix = Bytes.joinTerminated("x", tenant, query.sortProperty());
                        sources.add(new Source(prefix, plan.filter));
                    } else {
                        for (byte[] prefix : plan.sortedPrefixes) sources.add(new Source(prefix, plan.filter));
                    }
                }
                Comparator<Source> order = (a, b) -> Arrays.compareUnsigned(a.rest, b.rest);
                if (descending) order = order.reversed();
                java.util.PriorityQueue<Source> heads = new java.util.PriorityQueue<>(Math.max(1, sources.size()), order);
                for (Source source : sources) if (source.advance()) heads.add(source);
                List<Item> items = new ArrayList<>();
                byte[] last = null;
                Integer limit = query.limit();
                while (!heads.isEmpty() && (limit == null || items.size() < limit)) {
                    Source head = heads.poll();
                    if (last == null || !Arrays.equals(last, head.rest)) {
                        items.add(new Item(head.cid, cachedIndexes(head.cid)));
                        last = head.rest;
                    }
                    if (head.advance()) heads.add(head);
                }
                return items;
            } finally {
                sources.forEach(Source::close);
            }
        }

        /** One prefix's entries from the cursor on, in query order, keeping those whose message matches the filter. */
        private final class Source implements AutoCloseable {
            private final byte[] prefix;
            private final Filter filter;
            private final Column.Cursor cursor;
            byte[] rest;
            String cid;

            Source(byte[] prefix, Filter filter) {
                this.prefix = prefix;
                this.filter = filter;
                byte[] end = Bytes.prefixEnd(prefix);
                byte[] from = prefix;
                byte[] to = end;
                if (start != null) {
                    byte[] startKey = Bytes.concat(prefix, start);
                    if (descending) to = startKey;
                    else from = Bytes.successor(startKey);
                }
                this.cursor = column.cursor(from, to, descending);
            }

            boolean advance() {
                while (cursor.valid()) {
                    byte[] key = cursor.key();
                    cursor.next();
                    int separator = lastSeparator(key);
                    String messageCid = Bytes.string(key, separator + 1, key.length);
                    Map<String, Object> indexes = cachedIndexes(messageCid);
                    if (indexes != null && FilterMatcher.matches(indexes, filter)) {
                        rest = Arrays.copyOfRange(key, prefix.length, key.length);
                        cid = messageCid;
                        return true;
                    }
                }
                return false;
            }

            @Override
            public void close() {
                cursor.close();
            }
        }
    }

    private static int lastSeparator(byte[] key) {
        for (int i = key.length - 1; i >= 0; i--) if (key[i] == 0) return i;
        return -1;
    }

    /** {@code sortedPrefixes} null: scan the sort property's entries. */
    private record Plan(List<byte[]> sortedPrefixes, String property, Filter filter) {}

    /**
     * IndexLevel's in-memory paging, used when a concise filter has no equality condition with sorted
     * entries (e.g. only a contextId prefix): candidates from one property's entries, matched, sorted.
     */
    private final class CandidateQuery {
        private final QueryRun run;

        CandidateQuery(QueryRun run) {
            this.run = run;
        }

        List<Item> execute(List<Filter> filters) {
            Query query = run.query;
            String sortProperty = query.sortProperty();
            Map<String, Item> matches = new LinkedHashMap<>();
            for (Filter filter : filters) {
                for (String cid : candidates(filter, sortProperty)) {
                    if (matches.containsKey(cid)) continue;
                    Map<String, Object> indexes = run.cachedIndexes(cid);
                    if (indexes == null || !FilterMatcher.matches(indexes, filter)) continue;
                    if (indexes.get(sortProperty) == null) return List.of();
                    matches.put(cid, new Item(cid, indexes));
                }
            }
            Comparator<Item> order = Comparator.comparing(item -> sortKey(item, sortProperty, ""));
            if (query.direction() == SortDirection.DESCENDING) order = order.reversed();
            List<Item> sorted = new ArrayList<>(matches.values());
            sorted.sort(order);
            int from = 0;
            if (query.cursor() != null) {
                String cursorKey = IndexValues.encode(query.cursor().value()) + '\0' + query.cursor().messageCid();
                from = -1;
                for (int i = 0; i < sorted.size(); i++) {
                    int c = sortKey(sorted.get(i), sortProperty, "\0").compareTo(cursorKey);
                    if (query.direction() == SortDirection.DESCENDING ? c < 0 : c > 0) {
                        from = i;
                        break;
                    }
                }
                if (from < 0) return List.of();
            }
            int to = query.limit() == null ? sorted.size() : Math.min(sorted.size(), from + query.limit());
            return new ArrayList<>(sorted.subList(from, to));
        }

        private String sortKey(Item item, String sortProperty, String separator) {
            return IndexValues.encode(item.indexes().get(sortProperty)) + separator + item.messageCid();
        }

        /** FilterSelector.reduceFilter's property, then filterExactMatches or filterRangeMatches on it. */
        private List<String> candidates(Filter filter, String sortProperty) {
            List<String> cids = new ArrayList<>();
            if (filter.conditions().isEmpty()) {
                scanValues(Bytes.joinTerminated("x", run.tenant, sortProperty), null, null, cids);
                return cids;
            }
            String property = reducedProperty(filter);
            byte[] prefix = Bytes.joinTerminated("x", run.tenant, property);
            switch (filter.conditions().get(property)) {
                case FilterValue.Equal e -> exact(prefix, e.value(), cids);
                case FilterValue.OneOf o -> new LinkedHashSet<>(o.values()).forEach(v -> exact(prefix, v, cids));
                case FilterValue.Range r -> range(prefix, r, cids);
            }
            return cids;
        }

        private String reducedProperty(Filter filter) {
            for (String property : PREFERRED) if (filter.conditions().containsKey(property)) return property;
            return filter.conditions().keySet().stream().sorted().findFirst().orElseThrow();
        }

        private void exact(byte[] prefix, Object value, List<String> cids) {
            byte[] valuePrefix = Bytes.concat(prefix, Bytes.utf8(IndexValues.encode(value)));
            scanValues(prefix, Bytes.successor(valuePrefix), Bytes.prefixEnd(valuePrefix), cids);
        }

        private void range(byte[] prefix, FilterValue.Range range, List<String> cids) {
            byte[] from = null;
            byte[] to = null;
            if (range.gt() != null) from = Bytes.successor(Bytes.concat(prefix, Bytes.utf8(IndexValues.encode(range.gt()))));
            else if (range.gte() != null) from = Bytes.concat(prefix, Bytes.utf8(IndexValues.encode(range.gte())));
            if (range.lt() != null) to = Bytes.concat(prefix, Bytes.utf8(IndexValues.encode(range.lt())));
            else if (range.lte() != null) to = Bytes.successor(Bytes.concat(prefix, Bytes.utf8(IndexValues.encode(range.lte()))));
            String gtValue = range.gt() == null ? null : IndexValues.encode(range.gt());
            List<String> scanned = new ArrayList<>();
            column.scan(from == null ? prefix : from, to == null ? Bytes.prefixEnd(prefix) : to, false, (key, value) -> {
                int separator = lastSeparator(key);
                String encodedValue = Bytes.string(key, prefix.length, separator);
                if (gtValue == null || !gtValue.equals(encodedValue)) scanned.add(Bytes.string(key, separator + 1, key.length));
                return true;
            });
            cids.addAll(scanned);
            if (range.lte() != null) exact(prefix, range.lte(), cids);
        }

        private void scanValues(byte[] prefix, byte[] from, byte[] to, List<String> cids) {
            column.scan(from == null ? prefix : from, to == null ? Bytes.prefixEnd(prefix) : to, false, (key, value) -> {
                cids.add(Bytes.string(key, lastSeparator(key) + 1, key.length));
                return true;
            });
        }
    }
}
