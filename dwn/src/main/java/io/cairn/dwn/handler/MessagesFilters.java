package io.cairn.dwn.handler;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.dwn.store.Filter;
import io.cairn.dwn.store.FilterValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * dwn-sdk-js's {@code Messages.convertFilters}: the {@code filters} of a MessagesQuery or MessagesSubscribe
 * as event-log filters. A {@code messageTimestamp} {@code {from, to}} becomes {@code gte}/{@code lt}; a
 * filter naming a protocol also brings, as a filter of its own placed before it, the permission requests,
 * grants and revocations tagged with that protocol (within the same time range).
 */
public final class MessagesFilters {
    static final String PERMISSIONS_PROTOCOL = "https://tbd.website/dwn/permissions";

    private MessagesFilters() {}

    public static List<Filter> convert(JsonNode messagesFilters) {
        List<Filter> filters = new ArrayList<>();
        if (messagesFilters == null) return filters;
        for (JsonNode filter : messagesFilters) {
            JsonNode protocol = filter.get("protocol");
            JsonNode timestamp = filter.get("messageTimestamp");
            if (protocol != null && !protocol.isNull()) {
                Map<String, FilterValue> permissions = new LinkedHashMap<>();
                permissions.put("protocol", new FilterValue.Equal(PERMISSIONS_PROTOCOL));
                permissions.put("tag.protocol", new FilterValue.Equal(protocol.asText()));
                FilterValue.Range range = timestamp == null ? null : range(timestamp);
                if (range != null) permissions.put("messageTimestamp", range);
                filters.add(new Filter(permissions));
            }
            filters.add(convertFilter(filter));
        }
        return filters;
    }

    private static Filter convertFilter(JsonNode filter) {
        Map<String, FilterValue> conditions = new LinkedHashMap<>();
        filter.properties().forEach(property -> {
            String name = property.getKey();
            JsonNode value = property.getValue();
            if (name.equals("messageTimestamp")) {
                FilterValue.Range range = range(value);
                // the SDK keeps a criterion without bounds as it is: an object filter that every value passes
                conditions.put(name, range != null ? range : new FilterValue.Range(null, null, null, null));
            } else if (!value.isNull()) {
                conditions.put(name, new FilterValue.Equal(value.isNumber() ? value.numberValue() : value.asText()));
            }
        });
        return new Filter(conditions);
    }

    /** {@code FilterUtility.convertRangeCriterion}: null when neither bound is set. */
    private static FilterValue.Range range(JsonNode criterion) {
        String from = text(criterion.get("from"));
        String to = text(criterion.get("to"));
        if (from == null && to == null) return null;
        return new FilterValue.Range(null, from, to, null);
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }
}
