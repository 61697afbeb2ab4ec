package io.cairn.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.cairn.dwn.Dwn;
import io.cairn.dwn.DwnReply;
import io.cairn.dwn.MessageProcessor;
import io.cairn.dwn.client.RecordsQueryBuilder;
import io.cairn.dwn.client.RecordsReadBuilder;
import io.cairn.dwn.did.BearerDid;
import io.cairn.dwn.did.DidKeys;
import io.cairn.ipfs.repo.Repo;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole write path under SIGKILL: a child JVM writes signed RecordsWrites, most with data in the
 * repo's blockstore, through a DWN on the repo's persistent stores and is killed mid-write, three times
 * over the same repo. After each kill every acknowledged record reads back with its exact data, and
 * every record the DWN lists (acknowledged or not) has its data: no message without its blocks.
 */
class RecordsSurviveSigkillTest {
    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedRecordKeepsItsDataAfterSigkill() throws Exception {
        Path repoDir = dir.resolve("repo");
        BearerDid author = DidKeys.generateEd25519();
        Map<Integer, String> acknowledged = new LinkedHashMap<>();
        int next = 0;
        for (int round = 0; round < 3; round++) {
            int before = acknowledged.size();
            runAndKill(repoDir, author, next, 25 + round * 10, acknowledged);
            assertThat(acknowledged.size() - before).as("records acknowledged in round %d", round).isGreaterThanOrEqualTo(25);
            next = acknowledged.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1 + 1000; // past any unacknowledged write
            verify(repoDir, author, acknowledged);
        }
    }

    private void runAndKill(Path repoDir, BearerDid author, int first, int acks, Map<Integer, String> acknowledged) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                RecordWriter.class.getName(), repoDir.toString(), author.privateJwk().toJson().toString(), Integer.toString(first))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            int seen = 0;
            for (String line; seen < acks && (line = out.readLine()) != null; ) {
                if (record(line, acknowledged)) seen++;
            }
            child.toHandle().destroyForcibly(); // SIGKILL: no shutdown hooks, nothing closed or synced
            for (String line; (line = out.readLine()) != null; ) record(line, acknowledged); // printed before the kill: acknowledged too
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static boolean record(String line, Map<Integer, String> acknowledged) {
        if (!line.startsWith("ack ")) return false;
        String[] parts = line.split(" ");
        acknowledged.put(Integer.parseInt(parts[1]), parts[2]);
        return true;
    }

    private static void verify(Path repoDir, BearerDid author, Map<Integer, String> acknowledged) throws Exception {
        try (Repo repo = Repo.open(repoDir); DwnStores stores = DwnStores.open(repo)) {
            Dwn dwn = RecordWriter.dwn(stores);
            for (Map.Entry<Integer, String> record : acknowledged.entrySet()) {
                byte[] data = read(dwn, author, record.getValue());
                assertThat(data).as("the data of acknowledged record %d", record.getKey()).isEqualTo(RecordWriter.data(record.getKey()));
            }
            DwnReply all = dwn.processMessage(author.uri(), new RecordsQueryBuilder(
                    JsonNodeFactory.instance.objectNode().put("schema", RecordWriter.SCHEMA)).sign(author.signer()), MessageProcessor.ProcessOptions.NONE);
            assertThat(all.statusCode()).isEqualTo(200);
            assertThat(all.body().get("entries").size()).isGreaterThanOrEqualTo(acknowledged.size());
            for (JsonNode entry : all.body().get("entries")) {
                byte[] data = read(dwn, author, entry.get("recordId").asText());
                assertThat((long) data.length).as("record %s has all its data", entry.get("recordId").asText())
                        .isEqualTo(entry.at("/descriptor/dataSize").asLong());
            }
            assertThat(repo.verify().corrupt()).as("blocks whose bytes do not match their CID").isEmpty();
        }
    }

    private static byte[] read(Dwn dwn, BearerDid author, String recordId) throws Exception {
        DwnReply reply = dwn.processMessage(author.uri(), new RecordsReadBuilder(
                JsonNodeFactory.instance.objectNode().put("recordId", recordId)).sign(author.signer()), MessageProcessor.ProcessOptions.NONE);
        assertThat(reply.statusCode()).as("RecordsRead of %s: %s", recordId, reply.body()).isEqualTo(200);
        try (InputStream data = reply.data()) {
            return data.readAllBytes();
        }
    }
}
