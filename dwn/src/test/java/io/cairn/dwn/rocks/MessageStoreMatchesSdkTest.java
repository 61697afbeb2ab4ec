package io.cairn.dwn.rocks;

import static io.cairn.dwn.rocks.StoreFixtures.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.DwnError;
import io.cairn.dwn.store.EventLog;
import io.cairn.dwn.store.Filter;
import io.cairn.dwn.store.MessageSort;
import io.cairn.dwn.store.MessageStore;
import io.cairn.dwn.store.Pagination;
import io.cairn.dwn.store.PaginationCursor;
import io.cairn.dwn.store.SortDirection;
import io.cairn.interop.NodePeer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The RocksDB message store and event log answer exactly as dwn-sdk-js 0.5.2's MessageStoreLevel and
 * EventLogLevel, run in Node in the same test on the same messages, indexes and queries: the same
 * messages in the same order, page by page, with the same cursors (and the same errors).
 */
class MessageStoreMatchesSdkTest {
    @TempDir
    Path dir;

    @Test
    void queriesAndEventsMatchTheSdk() throws Exception {
        StoreFixtures fixtures = new StoreFixtures(20261204L);
        List<StoreFixtures.Stored> stored = fixtures.messages(700);
        List<StoreFixtures.QuerySpec> queries = new ArrayList<>();
        for (int i = 0; i < 400; i++) queries.add(fixtures.query(stored));
        List<StoreFixtures.QuerySpec> eventQueries = new ArrayList<>();
        for (int i = 0; i < 60; i++) eventQueries.add(fixtures.query(stored));

        JsonNode sdk = runSdk(stored, queries, eventQueries);

        assertThat(sdk.get("cids")).hasSize(stored.size());
        for (int i = 0; i < stored.size(); i++) assertThat(stored.get(i).cid()).isEqualTo(sdk.get("cids").get(i).asText());

        try (DwnDatabase database = DwnDatabase.open(dir.resolve("dwn"))) {
            MessageStore store = database.messageStore();
            for (StoreFixtures.Stored s : stored) store.put(s.tenant(), s.message(), s.cid(), StoreFixtures.keyValues(s.indexes()));
            int nonEmpty = 0;
            int paged = 0;
            for (int q = 0; q < queries.size(); q++) {
                JsonNode ours = pages(store, queries.get(q));
                JsonNode theirs = sdk.get("queries").get(q);
                assertThat(ours).as("query %d: %s", q, describe(queries.get(q))).isEqualTo(theirs);
                if (!theirs.get(0).path("messages").isEmpty()) nonEmpty++;
                if (theirs.size() > 1) paged++;
            }
            // the generator must exercise results and pagination, not only empty answers
            assertThat(nonEmpty).isGreaterThan(150);
            assertThat(paged).isGreaterThan(40);

            EventLog events = database.eventLog();
            int half = stored.size() / 2;
            List<PaginationCursor> cursors = new ArrayList<>();
            eventQueries.forEach(q -> cursors.add(null));
            for (int phase = 0; phase < 2; phase++) {
                for (int i = phase == 0 ? 0 : half; i < (phase == 0 ? half : stored.size()); i++) {
                    events.append(stored.get(i).tenant(), stored.get(i).cid(), StoreFixtures.keyValues(stored.get(i).indexes()));
                }
                for (int f = 0; f < eventQueries.size(); f++) {
                    StoreFixtures.QuerySpec q = eventQueries.get(f);
                    EventLog.EventsPage page = events.queryEvents(q.tenant(), q.filters(), cursors.get(f));
                    assertThat(page.events()).as("event filter %d phase %d: %s", f, phase, describe(q))
                            .containsExactlyElementsOf(texts(sdk.get("events").get(f).get(phase)));
                    if (page.cursor() != null) cursors.set(f, page.cursor());
                }
            }
        }
    }

    private JsonNode runSdk(List<StoreFixtures.Stored> stored, List<StoreFixtures.QuerySpec> queries, List<StoreFixtures.QuerySpec> eventQueries) throws Exception {
        ObjectNode input = JSON.createObjectNode();
        ArrayNode messages = input.putArray("messages");
        for (StoreFixtures.Stored s : stored) {
            ObjectNode m = messages.addObject().put("tenant", s.tenant());
            m.set("message", s.message());
            m.set("indexes", JSON.valueToTree(s.indexes()));
        }
        ArrayNode queryArray = input.putArray("queries");
        for (StoreFixtures.QuerySpec q : queries) {
            ObjectNode json = queryArray.addObject().put("tenant", q.tenant());
            json.set("filters", StoreFixtures.filtersJson(q.filters()));
            json.putObject("sort").put(q.sortProperty(), q.descending() ? -1 : 1);
            if (q.limit() != null) json.put("limit", q.limit());
            if (q.cursor() != null) json.set("cursor", StoreFixtures.cursorJson(q.cursor()));
        }
        ArrayNode eventArray = input.putArray("eventFilters");
        for (StoreFixtures.QuerySpec q : eventQueries) {
            eventArray.addObject().put("tenant", q.tenant()).set("filters", StoreFixtures.filtersJson(q.filters()));
        }
        byte[] out = NodePeer.runBytes("../dwn/store-sdk.mjs", List.of(dir.resolve("sdk").toString()),
                JSON.writeValueAsBytes(input), Duration.ofMinutes(5));
        return JSON.readTree(new String(out, StandardCharsets.UTF_8));
    }

    /** The pages the store returns, following its own cursor, in the script's JSON shape. */
    private static JsonNode pages(MessageStore store, StoreFixtures.QuerySpec q) {
        ArrayNode pages = JSON.createArrayNode();
        MessageSort sort = new MessageSort(q.sortProperty(), q.descending() ? SortDirection.DESCENDING : SortDirection.ASCENDING);
        PaginationCursor next = q.cursor();
        for (int page = 0; page < 50; page++) {
            ObjectNode result = pages.addObject();
            Pagination pagination = q.limit() == null && next == null ? null : new Pagination(next, q.limit());
            MessageStore.QueryResult answer;
            try {
                answer = store.query(q.tenant(), q.filters(), sort, pagination);
            } catch (DwnError e) {
                result.put("error", e.code());
                break;
            }
            ArrayNode cids = result.putArray("messages");
            answer.messages().forEach(m -> cids.add(StoreFixtures.messageCid(m)));
            result.set("cursor", StoreFixtures.cursorJson(answer.cursor()));
            if (answer.cursor() == null || q.limit() == null) break;
            next = answer.cursor();
        }
        return pages;
    }

    private static List<String> texts(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(n -> list.add(n.asText()));
        return list;
    }

    private static String describe(StoreFixtures.QuerySpec q) {
        StringBuilder s = new StringBuilder(q.tenant()).append(' ').append(StoreFixtures.filtersJson(q.filters()))
                .append(" sort ").append(q.sortProperty()).append(q.descending() ? " desc" : " asc")
                .append(" limit ").append(q.limit());
        if (q.cursor() != null) s.append(" cursor ").append(StoreFixtures.cursorJson(q.cursor()));
        return s.toString();
    }

}
