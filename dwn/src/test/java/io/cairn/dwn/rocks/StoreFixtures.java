package io.cairn.dwn.rocks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.codec.dagcbor.DagCbor;
import io.cairn.dwn.store.Filter;
import io.cairn.dwn.store.FilterValue;
import io.cairn.dwn.store.KeyValues;
import io.cairn.dwn.store.PaginationCursor;
import io.cairn.multiformats.Cid;
import io.cairn.multiformats.Multicodec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Seeded messages, indexes shaped like RecordsWrite's, and filters over every indexed property. */
final class StoreFixtures {
    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> TENANTS = List.of("did:example:alice", "did:example:bob");

    record Stored(String tenant, ObjectNode message, String cid, Map<String, Object> indexes) {}

    private final Random random;

    StoreFixtures(long seed) {
        random = new Random(seed);
    }

    /** The CID dwn-sdk-js gives a message (Message.getCid): DAG-CBOR without encodedData, CIDv1, SHA-256. */
    static String messageCid(ObjectNode message) {
        ObjectNode copy = message.deepCopy();
        copy.remove("encodedData");
        return Cid.sha256(1, Multicodec.DAG_CBOR, DagCbor.encode(RocksResumableTaskStore.dataModel(copy))).toString();
    }

    List<Stored> messages(int count) {
        List<Stored> stored = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String tenant = TENANTS.get(random.nextInt(10) < 8 ? 0 : 1);
            ObjectNode message = JSON.createObjectNode();
            message.putObject("descriptor").put("interface", "Records").put("method", "Write").put("seq", i);
            message.put("recordId", "rec" + i);
            stored.add(new Stored(tenant, message, messageCid(message), indexes(i)));
        }
        return stored;
    }

    private Map<String, Object> indexes(int i) {
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("interface", "Records");
        x.put("method", random.nextInt(10) == 0 ? "Delete" : "Write");
        x.put("messageTimestamp", timestamp());
        if (random.nextInt(10) < 9) x.put("dateCreated", timestamp());
        boolean published = random.nextInt(10) < 4;
        x.put("published", published);
        if (published) x.put("datePublished", timestamp());
        x.put("schema", "https://schema.example/" + random.nextInt(3));
        if (random.nextInt(10) < 7) x.put("protocol", "https://protocol.example/" + random.nextInt(3));
        x.put("protocolPath", pick("post", "post/comment", "thread"));
        String root = "ctx" + random.nextInt(6);
        x.put("contextId", random.nextBoolean() ? root : root + "/c" + random.nextInt(4));
        if (random.nextInt(3) == 0) x.put("parentId", "rec" + random.nextInt(50));
        x.put("recipient", "did:example:r" + random.nextInt(4));
        x.put("author", "did:example:a" + random.nextInt(3));
        if (random.nextInt(10) < 3) x.put("attester", "did:example:t" + random.nextInt(2));
        x.put("dataFormat", pick("application/json", "text/plain"));
        x.put("isLatestBaseState", random.nextInt(10) < 8);
        x.put("recordId", "rec" + (i % 200));
        x.put("dataSize", (long) random.nextInt(5000));
        if (random.nextInt(10) < 7) x.put("tag.kind", "k" + random.nextInt(5));
        if (random.nextInt(10) < 5) x.put("tag.score", random.nextInt(8) == 0 ? (Object) (random.nextInt(40) + 0.5) : (Object) (long) (random.nextInt(101) - 50));
        if (random.nextInt(10) < 5) {
            List<Object> labels = new ArrayList<>();
            for (String label : List.of("a", "b", "c", "d")) if (random.nextInt(3) == 0) labels.add(label);
            if (!labels.isEmpty()) x.put("tag.labels", labels);
        }
        return x;
    }

    String timestamp() {
        return String.format("2024-05-01T0%d:%02d:%02d.%06dZ", random.nextInt(3), random.nextInt(60), random.nextInt(60), random.nextInt(3) * 1000);
    }

    private String pick(String... options) {
        return options[random.nextInt(options.length)];
    }

    record QuerySpec(String tenant, List<Filter> filters, String sortProperty, boolean descending, Integer limit, PaginationCursor cursor) {}

    QuerySpec query(List<Stored> stored) {
        int filterCount = switch (random.nextInt(10)) {
            case 0 -> 0;
            case 1, 2 -> 2;
            case 3 -> 3;
            default -> 1;
        };
        List<Filter> filters = new ArrayList<>();
        for (int f = 0; f < filterCount; f++) filters.add(filter());
        String sort = pick("messageTimestamp", "dateCreated", "datePublished");
        Integer limit = switch (random.nextInt(6)) {
            case 0, 1 -> null;
            case 2 -> 1;
            case 3 -> 3;
            case 4 -> 10;
            default -> 25;
        };
        PaginationCursor cursor = null;
        if (random.nextInt(8) == 0) {
            Stored any = stored.get(random.nextInt(stored.size()));
            cursor = new PaginationCursor(any.cid(), timestamp());
        }
        return new QuerySpec(random.nextInt(10) < 8 ? TENANTS.get(0) : TENANTS.get(1), filters, sort, random.nextBoolean(), limit, cursor);
    }

    Filter filter() {
        Map<String, FilterValue> conditions = new LinkedHashMap<>();
        int count = 1 + random.nextInt(3);
        for (int c = 0; c < count; c++) {
            switch (random.nextInt(20)) {
                case 0 -> conditions.put("schema", eq("https://schema.example/" + random.nextInt(3)));
                case 1 -> conditions.put("protocol", random.nextBoolean() ? eq("https://protocol.example/" + random.nextInt(3))
                        : new FilterValue.OneOf(List.of("https://protocol.example/0", "https://protocol.example/" + random.nextInt(3))));
                case 2 -> conditions.put("protocolPath", eq(pick("post", "post/comment", "thread")));
                case 3 -> {
                    String root = "ctx" + random.nextInt(6);
                    conditions.put("contextId", random.nextBoolean() ? eq(root) : new FilterValue.Range(null, root, root + "\uffff", null));
                }
                case 4 -> conditions.put("parentId", eq("rec" + random.nextInt(50)));
                case 5 -> conditions.put("recipient", new FilterValue.OneOf(List.of("did:example:r" + random.nextInt(4), "did:example:r" + random.nextInt(4))));
                case 6 -> conditions.put("author", eq("did:example:a" + random.nextInt(3)));
                case 7 -> conditions.put("attester", eq("did:example:t" + random.nextInt(2)));
                case 8 -> conditions.put("dataFormat", eq(pick("application/json", "text/plain")));
                case 9 -> conditions.put("published", eq(random.nextBoolean()));
                case 10 -> conditions.put("isLatestBaseState", eq(true));
                case 11 -> conditions.put("recordId", eq("rec" + random.nextInt(200)));
                case 12 -> conditions.put("tag.kind", random.nextBoolean() ? eq("k" + random.nextInt(5)) : new FilterValue.OneOf(List.of("k1", "k" + random.nextInt(5))));
                case 13 -> conditions.put("tag.score", numberRange());
                case 14 -> conditions.put("tag.labels", eq(pick("a", "b", "c", "d")));
                case 15 -> conditions.put("dateCreated", dateRange());
                case 16 -> conditions.put("messageTimestamp", dateRange());
                case 17 -> conditions.put("datePublished", dateRange());
                case 18 -> conditions.put("method", eq(pick("Write", "Delete")));
                default -> conditions.put("dataSize", new FilterValue.Range(null, (long) random.nextInt(2500), null, null));
            }
        }
        return new Filter(conditions);
    }

    private FilterValue numberRange() {
        long a = random.nextInt(101) - 50;
        return switch (random.nextInt(4)) {
            case 0 -> new FilterValue.Range(a, null, null, null);
            case 1 -> new FilterValue.Range(null, a, null, a + 30);
            case 2 -> new FilterValue.Range(null, null, a, null);
            default -> new FilterValue.Range(null, null, null, a);
        };
    }

    private FilterValue dateRange() {
        String a = timestamp();
        String b = timestamp();
        String low = a.compareTo(b) <= 0 ? a : b;
        String high = a.compareTo(b) <= 0 ? b : a;
        return switch (random.nextInt(4)) {
            case 0 -> new FilterValue.Range(null, low, high, null);
            case 1 -> new FilterValue.Range(null, low, null, null);
            case 2 -> new FilterValue.Range(null, null, high, null);
            default -> new FilterValue.Range(low, null, null, high);
        };
    }

    private static FilterValue eq(Object value) {
        return new FilterValue.Equal(value);
    }

    // ------------------------------------------------------------- the SDK's JSON shapes

    static ObjectNode filterJson(Filter filter) {
        ObjectNode json = JSON.createObjectNode();
        filter.conditions().forEach((property, value) -> json.set(property, switch (value) {
            case FilterValue.Equal e -> JSON.valueToTree(e.value());
            case FilterValue.OneOf o -> JSON.valueToTree(o.values());
            case FilterValue.Range r -> {
                ObjectNode range = JSON.createObjectNode();
                if (r.gt() != null) range.set("gt", JSON.valueToTree(r.gt()));
                if (r.gte() != null) range.set("gte", JSON.valueToTree(r.gte()));
                if (r.lt() != null) range.set("lt", JSON.valueToTree(r.lt()));
                if (r.lte() != null) range.set("lte", JSON.valueToTree(r.lte()));
                yield range;
            }
        }));
        return json;
    }

    static ArrayNode filtersJson(List<Filter> filters) {
        ArrayNode array = JSON.createArrayNode();
        filters.forEach(f -> array.add(filterJson(f)));
        return array;
    }

    static JsonNode cursorJson(PaginationCursor cursor) {
        if (cursor == null) return JSON.nullNode();
        ObjectNode json = JSON.createObjectNode().put("messageCid", cursor.messageCid());
        json.set("value", JSON.valueToTree(cursor.value()));
        return json;
    }

    static PaginationCursor cursorFromJson(JsonNode json) {
        if (json == null || json.isNull()) return null;
        JsonNode value = json.get("value");
        Object v = value.isTextual() ? value.asText() : value.isIntegralNumber() ? (Object) value.asLong() : (Object) value.asDouble();
        return new PaginationCursor(json.get("messageCid").asText(), v);
    }

    static KeyValues keyValues(Map<String, Object> indexes) {
        return new KeyValues(indexes);
    }
}
