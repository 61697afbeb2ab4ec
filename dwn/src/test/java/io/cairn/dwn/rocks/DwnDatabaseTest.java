package io.cairn.dwn.rocks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.DwnError;
import io.cairn.dwn.store.KeyValues;
import io.cairn.dwn.store.ResumableTaskStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DwnDatabaseTest {
    private static final String TENANT = "did:example:alice";

    @TempDir
    Path dir;

    @Test
    void aTransactionCommitsEverythingOrNothing() {
        try (DwnDatabase database = DwnDatabase.open(dir)) {
            ObjectNode message = StoreFixtures.JSON.createObjectNode().put("n", 1);
            KeyValues indexes = new KeyValues(Map.of("schema", "s", "messageTimestamp", "2024-01-01T00:00:00.000000Z"));
            assertThatThrownBy(() -> database.transaction(() -> {
                database.messageStore().put(TENANT, message, "cid1", indexes);
                database.eventLog().append(TENANT, "cid1", indexes);
                throw new IllegalStateException("the handler failed after storing");
            })).isInstanceOf(IllegalStateException.class);
            assertThat(database.messageStore().get(TENANT, "cid1")).isEmpty();
            assertThat(database.eventLog().queryEvents(TENANT, List.of(), null).events()).isEmpty();

            AtomicReference<Boolean> completion = new AtomicReference<>();
            database.transaction(() -> {
                database.messageStore().put(TENANT, message, "cid1", indexes);
                database.eventLog().append(TENANT, "cid1", indexes);
                database.afterTransaction(completion::set);
                // not visible before the commit
                assertThat(database.messageStore().get(TENANT, "cid1")).isEmpty();
            });
            assertThat(completion.get()).isTrue();
            assertThat(database.messageStore().get(TENANT, "cid1")).contains(message);
            assertThat(database.eventLog().queryEvents(TENANT, List.of(), null).events()).containsExactly("cid1");
        }
        try (DwnDatabase reopened = DwnDatabase.open(dir)) {
            assertThat(reopened.messageStore().get(TENANT, "cid1")).isPresent();
        }
    }

    @Test
    void anIndexNeedsAProperty() {
        try (DwnDatabase database = DwnDatabase.open(dir)) {
            assertThatThrownBy(() -> database.messageStore().put(TENANT, StoreFixtures.JSON.createObjectNode(), "cid", new KeyValues(Map.of())))
                    .isInstanceOf(DwnError.class).extracting(e -> ((DwnError) e).code()).isEqualTo("IndexMissingIndexableProperty");
        }
    }

    @Test
    void deletingAMessageRemovesItsIndexEntries() {
        try (DwnDatabase database = DwnDatabase.open(dir)) {
            KeyValues indexes = new KeyValues(Map.of("schema", "s", "tag.labels", List.of("a", "b"), "messageTimestamp", "t1"));
            database.messageStore().put(TENANT, StoreFixtures.JSON.createObjectNode(), "cid1", indexes);
            database.messageStore().delete(TENANT, "cid1");
            int[] left = {0};
            database.column(DwnDatabase.MESSAGE_INDEXES).scan(new byte[0], new byte[] {(byte) 0xff}, false, (k, v) -> ++left[0] > 0);
            assertThat(left[0]).isZero();
        }
    }

    @Test
    void timedOutTasksAreGrabbedOnceAndExtended() {
        try (DwnDatabase database = DwnDatabase.open(dir)) {
            Instant[] now = {Instant.parse("2026-01-01T00:00:00Z")};
            Clock clock = new Clock() {
                public ZoneOffset getZone() { return ZoneOffset.UTC; }
                public Clock withZone(java.time.ZoneId zone) { return this; }
                public Instant instant() { return now[0]; }
            };
            ResumableTaskStore tasks = new RocksResumableTaskStore(database.column(DwnDatabase.TASKS), clock);
            ObjectNode task = StoreFixtures.JSON.createObjectNode().put("name", "delete").put("recordId", "r1");
            ResumableTaskStore.ManagedTask registered = tasks.register(task, 10);
            assertThat(registered.id()).startsWith("bafyrei");
            assertThat(tasks.grab(5)).isEmpty();
            now[0] = now[0].plusSeconds(11);
            List<ResumableTaskStore.ManagedTask> grabbed = tasks.grab(5);
            assertThat(grabbed).singleElement().satisfies(t -> {
                assertThat(t.retryCount()).isEqualTo(1);
                assertThat(t.timeoutEpochSeconds()).isEqualTo(now[0].getEpochSecond() + 60);
                assertThat(t.task()).isEqualTo(task);
            });
            assertThat(tasks.grab(5)).isEmpty();
            tasks.extend(registered.id(), 1);
            now[0] = now[0].plusSeconds(2);
            assertThat(tasks.grab(5)).hasSize(1);
            tasks.delete(registered.id());
            assertThat(tasks.read(registered.id())).isEmpty();
        }
    }
}
