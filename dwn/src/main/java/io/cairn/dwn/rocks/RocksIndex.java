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
 *   <li>{@code x tenant property value cid}: IndexLevel's own layout, for the sort properties (their
 *       order), the per-record properties and FilterSelector's properties (candidates when no plan below applies);
 *   <li>{@code s tenant property value sortProperty sortValue cid}: per string property value and sort
 *       property, so an equality condition yields its matches already in sort order. Not for the
 *       per-record properties (recordId, entryId, dataCid), whose few messages are sorted when read;
 *   <li>{@code u tenant property value sortProperty cid}: for the properties that make IndexLevel page in
 *       memory (schema, protocolPath, contextId, parentId), the messages lacking that sort property,
 *       which that paging turns into an empty result.
 * </ul>
 */
final class RocksIndex {
    /** Low-cardinality properties that never narrow a query enough to be worth a sorted entry. */
    private static final Set<String> UNSORTED_PROPERTIES = Set.of("interface", "method");
    /** Properties whose value names one record: their messages are read whole and sorted, no sorted entries needed. */
    private static final List<String> GROUP_PROPERTIES = List.of("recordId", "entryId", "dataCid");
    /** The non-group properties that make a filter concise (IndexLevel.isFilterConcise). */
    private static final List<String> CONCISE_PROPERTIES = List.of("schema", "protocolPath", "contextId", "parentId");
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
                if (hasValueEntries(property)) keys.add(Bytes.utf8("x" + '\0' + tenant + '\0' + property + '\0' + encoded + '\0' + messageCid));
                if (!hasSortedEntries(property, value)) continue;
                for (String sortProperty : sortProperties) {
                    Object sortValue = indexes.get(sortProperty);
                    String head = "\0" + tenant + '\0' + property + '\0' + encoded + '\0' + sortProperty + '\0';
                    if (sortValue == null) {
                        if (CONCISE_PROPERTIES.contains(property)) keys.add(Bytes.utf8("u" + head + messageCid));
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

    /**
     * 'x' entries serve as the sort order, as a record's group, and as IndexLevel's candidate search,
     * which in-memory paging only runs on a FilterSelector property; other properties need none.
     */
    private boolean hasValueEntries(String property) {
        return sortProperties.contains(property) || GROUP_PROPERTIES.contains(property) || PREFERRED.contains(property);
    }

    private boolean hasSortedEntries(String property, Object value) {
        return value instanceof String && !sortProperties.contains(property) && !UNSORTED_PROPERTIES.contains(property)
                && !GROUP_PROPERTIES.contains(property);
    }

    private static void checkSegment(String segment, String what) {
        if (segment.indexOf('\0') >= 0) throw new IllegalArgumentException(what + " must not contain U+0000");
    }

    // ---------------------------------------------------------------- queries

    List<Item> query(String tenant, Query query) {
        if (query.limit() != null && query.limit() < 0) throw new IllegalArgumentException("limit must not be negative");
        if (!sortProperties.contains(query.sortProperty())) {
            throw new IllegalArgumentException("cannot sort by " + query.sortProperty() + "; the sort properties are " + sortProperties);
        }
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
            List<Source> sources = new ArrayList<>();
            try {
                for (Filter filter : effective) {
                    Source source = source(filter, inMemory);
                    if (source == null) {
                        // a concise filter with no equality to plan on (e.g. only a contextId prefix): IndexLevel's own way
                        sources.forEach(Source::close);
                        sources.clear();
                        return new CandidateQuery(this).execute(effective);
                    }
                    sources.add(source);
                    if (source.lacksSortValue) return List.of();
                }
                return merge(sources);
            } finally {
                sources.forEach(Source::close);
            }
        }

        /**
         * An ordered source of one filter's matches: a record's few messages sorted in memory, the sorted
         * entries of its smallest equality condition, or (IndexLevel's iterator paging) the sort order itself.
         * In in-memory mode it also finds whether a match lacks the sort value. Null when in-memory mode
         * needs IndexLevel's candidate search.
         */
        private Source source(Filter filter, boolean inMemory) {
            Map<String, FilterValue> conditions = filter.conditions();
            for (String property : GROUP_PROPERTIES) {
                List<Object> values = equalityValues(conditions.get(property));
                if (values != null) return groupSource(filter, property, values, inMemory);
            }
            String best = null;
            long bestSize = Long.MAX_VALUE;
            List<byte[]> bestPrefixes = null;
            for (Map.Entry<String, FilterValue> condition : conditions.entrySet()) {
                String property = condition.getKey();
                List<Object> values = equalityValues(condition.getValue());
                if (values == null || !values.stream().allMatch(v -> hasSortedEntries(property, v))) continue;
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
            if (inMemory && !conditions.isEmpty()) {
                List<byte[]> lacking = lackingPrefixes(conditions);
                if (best == null || lacking == null) return null;
                Source source = new Source(filter, bestPrefixes);
                source.lacksSortValue = anyMatchLacksSortValue(filter, lacking);
                return source;
            }
            if (best != null) return new Source(filter, bestPrefixes);
            return new Source(filter, List.of(Bytes.joinTerminated("x", tenant, query.sortProperty())));
        }

        /** The values of an Equal or OneOf condition, or null for anything else. */
        private List<Object> equalityValues(FilterValue value) {
            return switch (value) {
                case null -> null;
                case FilterValue.Equal e -> List.of(e.value());
                case FilterValue.OneOf o -> o.values().isEmpty() ? null : new ArrayList<>(new LinkedHashSet<>(o.values()));
                case FilterValue.Range r -> null;
            };
        }

        /** The 'u' prefixes of one concise property's equality condition, or null when there is none. */
        private List<byte[]> lackingPrefixes(Map<String, FilterValue> conditions) {
            for (String property : CONCISE_PROPERTIES) {
                List<Object> values = equalityValues(conditions.get(property));
                if (values == null || !values.stream().allMatch(v -> v instanceof String)) continue;
                List<byte[]> prefixes = new ArrayList<>();
                for (Object value : values) {
                    prefixes.add(Bytes.utf8("u\0" + tenant + '\0' + property + '\0' + IndexValues.encode(value) + '\0' + query.sortProperty() + '\0'));
                }
                return prefixes;
            }
            return null;
        }

        /** All messages with one of the values, matched and sorted here. */
        private Source groupSource(Filter filter, String property, List<Object> values, boolean inMemory) {
            List<byte[][]> entries = new ArrayList<>(); // {rest, cid}
            boolean lacking = false;
            for (Object value : values) {
                byte[] prefix = Bytes.concat(Bytes.joinTerminated("x", tenant, property), Bytes.utf8(IndexValues.encode(value) + '\0'));
                List<String> cids = new ArrayList<>();
                column.scanPrefix(prefix, false, (key, v) -> cids.add(Bytes.string(key, prefix.length, key.length)));
                for (String cid : cids) {
                    Map<String, Object> indexes = cachedIndexes(cid);
                    if (indexes == null || !FilterMatcher.matches(indexes, filter)) continue;
                    Object sortValue = indexes.get(query.sortProperty());
                    if (sortValue == null) {
                        lacking = true;
                        continue;
                    }
                    for (Object scalar : IndexValues.scalars(sortValue)) {
                        byte[] rest = Bytes.utf8(IndexValues.encode(scalar) + '\0' + cid);
                        if (afterStart(rest)) entries.add(new byte[][] {rest, Bytes.utf8(cid)});
                    }
                }
            }
            Comparator<byte[][]> order = (a, b) -> Arrays.compareUnsigned(a[0], b[0]);
            entries.sort(descending ? order.reversed() : order);
            Source source = new Source(filter, entries, true);
            source.lacksSortValue = inMemory && lacking;
            return source;
        }

        private boolean afterStart(byte[] rest) {
            if (start == null) return true;
            int c = Arrays.compareUnsigned(rest, start);
            return descending ? c < 0 : c > 0;
        }

        private int rank(String property) {
            if (property == null) return Integer.MAX_VALUE;
            int i = PREFERRED.indexOf(property);
            if (i >= 0) return i;
            return property.startsWith("tag.") ? PREFERRED.size() : PREFERRED.size() + 1;
        }

        private boolean anyMatchLacksSortValue(Filter filter, List<byte[]> prefixes) {
            for (byte[] prefix : prefixes) {
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

        private List<Item> merge(List<Source> sources) {
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
        }

        /**
         * One filter's matches in query order from the cursor on: several key prefixes' entries merged
         * (each entry's tail is sortValue 0x00 cid), or a list already sorted.
         */
        private final class Source implements AutoCloseable {
            private final Filter filter;
            private final List<byte[]> prefixes = new ArrayList<>();
            private final List<Column.Cursor> cursors = new ArrayList<>();
            private final List<byte[][]> sorted;
            private int next;
            boolean lacksSortValue;
            byte[] rest;
            String cid;

            Source(Filter filter, List<byte[]> keyPrefixes) {
                this.filter = filter;
                this.sorted = null;
                for (byte[] prefix : keyPrefixes) {
                    byte[] from = prefix;
                    byte[] to = Bytes.prefixEnd(prefix);
                    if (start != null) {
                        byte[] startKey = Bytes.concat(prefix, start);
                        if (descending) to = startKey;
                        else from = Bytes.successor(startKey);
                    }
                    prefixes.add(prefix);
                    cursors.add(column.cursor(from, to, descending));
                }
            }

            /** Over entries already matched and sorted; {@code presorted} only tells this constructor apart. */
            Source(Filter filter, List<byte[][]> sorted, boolean presorted) {
                this.filter = filter;
                this.sorted = sorted;
            }

            boolean advance() {
                if (sorted != null) {
                    if (next >= sorted.size()) return false;
                    byte[][] entry = sorted.get(next++);
                    rest = entry[0];
                    cid = new String(entry[1], java.nio.charset.StandardCharsets.UTF_8);
                    return true;
                }
                // the next matching entry across this filter's prefixes (one prefix per OneOf value)
                while (true) {
                    int best = -1;
                    byte[] bestRest = null;
                    for (int i = 0; i < cursors.size(); i++) {
                        Column.Cursor cursor = cursors.get(i);
                        if (!cursor.valid()) continue;
                        byte[] key = cursor.key();
                        byte[] candidate = Arrays.copyOfRange(key, prefixes.get(i).length, key.length);
                        int c = bestRest == null ? -1 : Arrays.compareUnsigned(candidate, bestRest);
                        if (bestRest == null || (descending ? c > 0 : c < 0)) {
                            best = i;
                            bestRest = candidate;
                        }
                    }
                    if (best < 0) return false;
                    cursors.get(best).next();
                    int separator = lastSeparator(bestRest);
                    String messageCid = Bytes.string(bestRest, separator + 1, bestRest.length);
                    Map<String, Object> indexes = cachedIndexes(messageCid);
                    if (indexes != null && FilterMatcher.matches(indexes, filter)) {
                        rest = bestRest;
                        cid = messageCid;
                        return true;
                    }
                }
            }

            @Override
            public void close() {
                cursors.forEach(Column.Cursor::close);
                cursors.clear();
            }
        }
    }

    private static int lastSeparator(byte[] key) {
        for (int i = key.length - 1; i >= 0; i--) if (key[i] == 0) return i;
        return -1;
    }

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
            // a concise filter always has one (recordId, schema, protocolPath, contextId or parentId)
            for (String property : PREFERRED) if (filter.conditions().containsKey(property)) return property;
            throw new IllegalStateException("in-memory paging without a FilterSelector property: " + filter.conditions().keySet());
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
