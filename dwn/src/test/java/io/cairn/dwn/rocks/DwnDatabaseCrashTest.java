package io.cairn.dwn.rocks;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.dwn.store.Filter;
import io.cairn.dwn.store.FilterValue;
import io.cairn.dwn.store.MessageSort;
import io.cairn.dwn.store.Pagination;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM writes messages in a loop and is killed with SIGKILL mid-write, three times over the same
 * database. After each restart every acknowledged write is there with its indexes, event and data
 * reference, and no index entry, event or reference exists without its message.
 */
class DwnDatabaseCrashTest {
    static final String TENANT = "did:example:crash";

    @TempDir
    Path dir;

    @Test
    void acknowledgedWritesSurviveSigkillAndNothingDangles() throws Exception {
        Path db = dir.resolve("dwn");
        int lastAcked = -1;
        for (int round = 0; round < 3; round++) {
            lastAcked = Math.max(lastAcked, runAndKill(db, 1500 + round * 700));
            verify(db, lastAcked);
        }
    }

    /** Starts the writer, waits for {@code acks} acknowledgements, kills it with SIGKILL; returns the last acknowledged index. */
    private int runAndKill(Path db, int acks) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                CrashWriter.class.getName(), db.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        int last = -1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            int seen = 0;
            for (String line; seen < acks && (line = out.readLine()) != null; seen++) {
                if (line.startsWith("ack ")) last = Integer.parseInt(line.substring(4));
            }
            child.toHandle().destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no close; keeps our end of the pipe open
            // acknowledgements already printed before the kill still count
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith("ack ")) last = Integer.parseInt(line.substring(4));
            }
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(last).as("the writer acknowledged writes before it was killed").isGreaterThan(100);
        return last;
    }

    private static void verify(Path db, int lastAcked) {
        try (DwnDatabase database = DwnDatabase.open(db)) {
            // every acknowledged write is there, with its message, indexes, event and data reference
            Set<String> events = new HashSet<>(database.eventLog().queryEvents(TENANT, List.of(), null).events());
            for (int n = 0; n <= lastAcked; n++) {
                String cid = CrashWriter.cid(n);
                assertThat(database.messageStore().get(TENANT, cid)).as("message %d", n).isPresent();
                assertThat(events).as("event %d", n).contains(cid);
                assertThat(database.dataReferences().get(("ref/" + cid).getBytes(StandardCharsets.UTF_8))).as("data reference %d", n).isNotNull();
            }
            // the index finds exactly the stored messages
            var byRecord = database.messageStore().query(TENANT, List.of(new Filter(Map.of("recordId", new FilterValue.Equal("rec" + lastAcked)))),
                    MessageSort.DEFAULT, Pagination.ALL);
            assertThat(byRecord.messages()).hasSize(1);

            // no index entry, event or reference without its message
            Set<String> messages = new HashSet<>();
            database.column(DwnDatabase.MESSAGES).scanPrefix(Bytes.joinTerminated(TENANT), false, (key, value) -> {
                messages.add(new String(key, TENANT.length() + 1, key.length - TENANT.length() - 2, StandardCharsets.UTF_8));
                return true;
            });
            assertThat(messages.size()).isGreaterThan(lastAcked);
            List<String> dangling = new ArrayList<>();
            for (String column : List.of(DwnDatabase.MESSAGE_INDEXES, DwnDatabase.EVENT_INDEXES)) {
                database.column(column).scan(new byte[0], new byte[] {(byte) 0xff}, false, (key, value) -> {
                    String text = new String(key, StandardCharsets.UTF_8);
                    String[] segments = text.split("\0");
                    String cid = segments[segments.length - 1];
                    if (!messages.contains(cid)) dangling.add(column + ": " + text.replace('\0', '|'));
                    return dangling.size() < 10;
                });
            }
            database.dataReferences().scan(new byte[0], new byte[] {(byte) 0xff}, false, (key, value) -> {
                String cid = new String(key, StandardCharsets.UTF_8).substring("ref/".length());
                if (!messages.contains(cid)) dangling.add("reference " + cid);
                return dangling.size() < 10;
            });
            assertThat(dangling).isEmpty();
        }
    }
}
