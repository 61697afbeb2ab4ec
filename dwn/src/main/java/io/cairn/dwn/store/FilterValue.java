package io.cairn.dwn.store;

import java.util.List;

/** One property's condition in a {@link Filter}, as dwn-sdk-js's EqualFilter, OneOfFilter and RangeFilter. */
public sealed interface FilterValue {
    /** Matches an index value equal to {@code value} (or, for a list-valued index, containing it). */
    record Equal(Object value) implements FilterValue {}

    /** Matches an index value equal to any of {@code values}. */
    record OneOf(List<Object> values) implements FilterValue {
        public OneOf {
            values = List.copyOf(values);
        }
    }

    /**
     * Matches values within bounds; a null bound is absent. Strings compare lexicographically, numbers
     * numerically, as the SDK's index does.
     */
    record Range(Object gt, Object gte, Object lt, Object lte) implements FilterValue {}
}
