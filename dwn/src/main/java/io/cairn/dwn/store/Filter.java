package io.cairn.dwn.store;

import java.util.Map;

/**
 * A conjunction of property conditions (dwn-sdk-js's {@code Filter}). A query takes a list of filters,
 * which are OR-ed; an empty filter matches every message of the tenant.
 */
public record Filter(Map<String, FilterValue> conditions) {
    public Filter {
        conditions = Map.copyOf(conditions);
    }
}
