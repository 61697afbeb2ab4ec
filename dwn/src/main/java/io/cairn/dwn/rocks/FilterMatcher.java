package io.cairn.dwn.rocks;

import io.cairn.dwn.store.Filter;
import io.cairn.dwn.store.FilterValue;
import java.util.List;
import java.util.Map;

/** dwn-sdk-js's {@code FilterUtility.matchFilter}/{@code matchAnyFilter}: whether a message's indexes satisfy filters. */
final class FilterMatcher {
    private FilterMatcher() {}

    static boolean matchesAny(Map<String, Object> indexes, List<Filter> filters) {
        if (filters.isEmpty()) return true;
        for (Filter filter : filters) if (matches(indexes, filter)) return true;
        return false;
    }

    static boolean matches(Map<String, Object> indexes, Filter filter) {
        for (Map.Entry<String, FilterValue> condition : filter.conditions().entrySet()) {
            Object indexValue = indexes.get(condition.getKey());
            if (indexValue == null) return false;
            boolean matched = false;
            for (Object scalar : IndexValues.scalars(indexValue)) {
                if (matchesValue(condition.getValue(), scalar)) {
                    matched = true;
                    break;
                }
            }
            if (!matched) return false;
        }
        return true;
    }

    static boolean matchesValue(FilterValue filter, Object value) {
        return switch (filter) {
            case FilterValue.Equal equal -> IndexValues.same(value, equal.value());
            case FilterValue.OneOf oneOf -> oneOf.values().stream().anyMatch(v -> IndexValues.same(value, v));
            case FilterValue.Range range -> inRange(range, value);
        };
    }

    private static boolean inRange(FilterValue.Range range, Object value) {
        // each bound fails only when JavaScript's comparison is true, so an unordered pair passes it
        if (range.lt() != null && isAtLeast(value, range.lt())) return false;
        if (range.lte() != null && IndexValues.compare(value, range.lte()) == 1) return false;
        if (range.gt() != null && isAtMost(value, range.gt())) return false;
        if (range.gte() != null && IndexValues.compare(value, range.gte()) == -1) return false;
        return true;
    }

    private static boolean isAtLeast(Object a, Object b) {
        int c = IndexValues.compare(a, b);
        return c == 0 || c == 1;
    }

    private static boolean isAtMost(Object a, Object b) {
        int c = IndexValues.compare(a, b);
        return c == 0 || c == -1;
    }
}
