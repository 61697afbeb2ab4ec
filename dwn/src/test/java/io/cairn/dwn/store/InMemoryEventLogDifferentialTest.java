package io.cairn.dwn.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.interop.SdkPeer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The in-memory event log against dwn-sdk-js's EventLogLevel in the same run: the same appends, random
 * filters (equal, one-of, string and number ranges, list-valued indexes), cursors and deletions give the
 * same events in the same order and a cursor on the same last event.
 */
class InMemoryEventLogDifferentialTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> TENANTS = List.of("did:example:alice", "did:example:bob");
    private static final String[] INTERFACES = {"Records", "Protocols", "Messages"};
    private static final String[] METHODS = {"Write", "Delete", "Configure"};
    private static final String[] PROTOCOLS = {"https://p.one", "https://p.two"};
    private static final String[] KINDS = {"a", "b", "c"};

    private static SdkPeer sdk;
    private final Random random = new Random(20261204);

    @BeforeAll
    static void startPeer() {
        sdk = SdkPeer.start();
    }

    @AfterAll
    static void stopPeer() {
        if (sdk != null) sdk.close();
    }

    @Test
    void sameEventsSameOrderSameCursorsAsEventLogLevel() {
        sdk.construct("EventLogLevel", "log", SdkPeer.options().set("location", SdkPeer.tempDir("event-log-differential")));
        InMemoryEventLog log = new InMemoryEventLog();
        Map<String, List<String>> cids = new HashMap<>();
        for (String tenant : TENANTS) cids.put(tenant, new ArrayList<>());
        for (int i = 0; i < 60; i++) {
            String tenant = TENANTS.get(random.nextInt(TENANTS.size()));
            String cid = "bafyreievent" + i;
            Map<String, Object> indexes = randomIndexes();
            log.append(tenant, cid, new KeyValues(indexes));
            sdk.call("log.append", null, tenant, cid, indexes);
            cids.get(tenant).add(cid);
        }

        compareRandomQueries(log, cids, 80);
        for (String tenant : TENANTS) {
            List<String> gone = cids.get(tenant).subList(0, 5);
            log.deleteEventsByCid(tenant, List.copyOf(gone));
            sdk.call("log.deleteEventsByCid", null, tenant, List.copyOf(gone));
            gone.clear();
        }
        compareRandomQueries(log, cids, 40);
        assertThat(log.queryEvents("did:example:nobody", List.of(), null).events()).isEmpty();
    }

    private void compareRandomQueries(InMemoryEventLog log, Map<String, List<String>> cids, int count) {
        for (int q = 0; q < count; q++) {
            String tenant = TENANTS.get(random.nextInt(TENANTS.size()));
            List<Filter> filters = new ArrayList<>();
            ArrayNode sdkFilters = JsonNodeFactory.instance.arrayNode();
            int filterCount = random.nextInt(3);
            for (int f = 0; f < filterCount; f++) {
                Map<String, FilterValue> conditions = randomConditions();
                filters.add(new Filter(conditions));
                sdkFilters.add(toSdk(conditions));
            }
            PaginationCursor cursor = null;
            JsonNode sdkCursor = null;
            if (random.nextBoolean() && !cids.get(tenant).isEmpty()) {
                List<String> present = cids.get(tenant);
                String after = present.get(random.nextInt(present.size()));
                cursor = log.cursorOf(tenant, after).orElseThrow();
                JsonNode sdkIndexes = sdk.call("log.index.getIndexes", null, tenant, after);
                sdkCursor = JsonNodeFactory.instance.objectNode().put("messageCid", after)
                        .put("value", sdkIndexes.get("watermark").asText());
            }
            EventLog.EventsPage ours = log.queryEvents(tenant, filters, cursor);
            JsonNode theirs = sdk.call("log.queryEvents", null, tenant, sdkFilters, sdkCursor);
            List<String> theirEvents = new ArrayList<>();
            theirs.get("events").forEach(e -> theirEvents.add(e.asText()));
            String context = "filters " + sdkFilters + " cursor " + sdkCursor;
            assertThat(ours.events()).as(context).isEqualTo(theirEvents);
            if (theirs.hasNonNull("cursor")) {
                assertThat(ours.cursor()).as(context).isNotNull();
                assertThat(ours.cursor().messageCid()).as(context).isEqualTo(theirs.at("/cursor/messageCid").asText());
                assertThat(ours.cursor().value()).as(context).isEqualTo(log.cursorOf(tenant, ours.cursor().messageCid()).orElseThrow().value());
            } else {
                assertThat(ours.cursor()).as(context).isNull();
            }
        }
    }

    private Map<String, Object> randomIndexes() {
        Map<String, Object> indexes = new LinkedHashMap<>();
        indexes.put("interface", pick(INTERFACES));
        indexes.put("method", pick(METHODS));
        if (random.nextInt(3) > 0) indexes.put("protocol", pick(PROTOCOLS));
        indexes.put("messageTimestamp", "2026-12-0" + (1 + random.nextInt(5)) + "T10:00:00.000000Z");
        if (random.nextBoolean()) indexes.put("dataSize", (long) random.nextInt(2000) - 100);
        if (random.nextBoolean()) indexes.put("tag.kind", List.of(pick(KINDS), pick(KINDS)));
        if (random.nextInt(4) == 0) indexes.put("published", random.nextBoolean());
        return indexes;
    }

    private Map<String, FilterValue> randomConditions() {
        Map<String, FilterValue> conditions = new LinkedHashMap<>();
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            switch (random.nextInt(7)) {
                case 0 -> conditions.put("interface", new FilterValue.Equal(pick(INTERFACES)));
                case 1 -> conditions.put("method", new FilterValue.OneOf(List.of(pick(METHODS), pick(METHODS))));
                case 2 -> conditions.put("protocol", new FilterValue.Equal(pick(PROTOCOLS)));
                case 3 -> conditions.put("messageTimestamp", randomRange(
                        () -> "2026-12-0" + (1 + random.nextInt(5)) + "T10:00:00.000000Z"));
                case 4 -> conditions.put("dataSize", randomRange(() -> (long) random.nextInt(2200) - 200));
                case 5 -> conditions.put("tag.kind", new FilterValue.Equal(pick(KINDS)));
                default -> conditions.put("published", new FilterValue.Equal(random.nextBoolean()));
            }
        }
        return conditions;
    }

    private FilterValue.Range randomRange(java.util.function.Supplier<Object> bound) {
        Object gt = null, gte = null, lt = null, lte = null;
        if (random.nextBoolean()) {
            if (random.nextBoolean()) gt = bound.get();
            else gte = bound.get();
        }
        if (random.nextBoolean()) {
            if (random.nextBoolean()) lt = bound.get();
            else lte = bound.get();
        }
        return new FilterValue.Range(gt, gte, lt, lte);
    }

    private static ObjectNode toSdk(Map<String, FilterValue> conditions) {
        ObjectNode filter = JsonNodeFactory.instance.objectNode();
        conditions.forEach((property, value) -> filter.set(property, switch (value) {
            case FilterValue.Equal equal -> JSON.valueToTree(equal.value());
            case FilterValue.OneOf oneOf -> JSON.valueToTree(oneOf.values());
            case FilterValue.Range range -> {
                ObjectNode r = JsonNodeFactory.instance.objectNode();
                if (range.gt() != null) r.set("gt", JSON.valueToTree(range.gt()));
                if (range.gte() != null) r.set("gte", JSON.valueToTree(range.gte()));
                if (range.lt() != null) r.set("lt", JSON.valueToTree(range.lt()));
                if (range.lte() != null) r.set("lte", JSON.valueToTree(range.lte()));
                yield r;
            }
        }));
        return filter;
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }
}
