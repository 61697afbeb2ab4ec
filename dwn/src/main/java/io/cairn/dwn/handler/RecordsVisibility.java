package io.cairn.dwn.handler;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.dwn.message.AuthoredMessage;
import io.cairn.dwn.message.Records;
import io.cairn.dwn.store.Filter;
import io.cairn.dwn.store.FilterValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which records a query or subscription may see (the filter builders of the SDK's RecordsQuery and
 * RecordsSubscribe handlers): everything for the tenant; for anyone else published records, plus
 * unpublished ones they wrote, ones addressed to them, and, with a protocol role, those the role reaches.
 */
final class RecordsVisibility {
    private final FilterValue methods;
    private final boolean latestOnly;

    private RecordsVisibility(FilterValue methods, boolean latestOnly) {
        this.methods = methods;
        this.latestOnly = latestOnly;
    }

    /** RecordsQuery: latest-state writes only. */
    static final RecordsVisibility QUERY = new RecordsVisibility(new FilterValue.Equal("Write"), true);
    /** RecordsSubscribe: writes and deletes, whatever the state. */
    static final RecordsVisibility SUBSCRIBE = new RecordsVisibility(new FilterValue.OneOf(List.of("Write", "Delete")), false);

    Filter owner(JsonNode filter, String dateSort) {
        return build(filter, dateSort, Map.of());
    }

    Filter published(JsonNode filter, String dateSort) {
        return build(filter, dateSort, Map.of("published", new FilterValue.Equal(true)));
    }

    List<Filter> nonOwner(AuthoredMessage message, String dateSort) {
        JsonNode filter = message.descriptor().path("filter");
        String author = message.author();
        List<Filter> filters = new ArrayList<>();
        if (Records.filterIncludesPublishedRecords(filter)) {
            filters.add(published(filter, dateSort));
        }
        if (Records.filterIncludesUnpublishedRecords(filter)) {
            if (Records.filterAdmits(filter, "author", author)) {
                filters.add(build(filter, dateSort, Map.of("author", new FilterValue.Equal(author), "published", new FilterValue.Equal(false))));
            }
            if (message.signaturePayload() != null && message.signaturePayload().has("protocolRole")) {
                filters.add(build(filter, dateSort, Map.of("published", new FilterValue.Equal(false))));
            }
            if (Records.filterAdmits(filter, "recipient", author)) {
                filters.add(build(filter, dateSort, Map.of("recipient", new FilterValue.Equal(author), "published", new FilterValue.Equal(false))));
            }
        }
        return filters;
    }

    private Filter build(JsonNode filter, String dateSort, Map<String, FilterValue> overrides) {
        Map<String, FilterValue> conditions = new LinkedHashMap<>(Records.convertFilter(filter, dateSort));
        conditions.putAll(overrides);
        conditions.put("interface", new FilterValue.Equal("Records"));
        conditions.put("method", methods);
        if (latestOnly) {
            conditions.put("isLatestBaseState", new FilterValue.Equal(true));
        }
        return new Filter(conditions);
    }
}
