package io.cairn.dwn.perf;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.Dwn;
import io.cairn.dwn.DwnReply;
import io.cairn.dwn.MessageProcessor;
import io.cairn.dwn.did.DidJwk;
import io.cairn.dwn.did.DidKey;
import io.cairn.dwn.did.UniversalResolver;
import io.cairn.dwn.store.InMemoryDataStore;
import io.cairn.dwn.store.InMemoryEventLog;
import io.cairn.dwn.store.InMemoryMessageStore;
import io.cairn.dwn.store.InMemoryResumableTaskStore;
import io.cairn.dwn.testing.UnixfsDataCids;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A quick measure of RecordsWrite throughput on the in-memory stores: dwn-sdk-js 0.5.2 builds and signs
 * the messages ({@code interop/dwn/bench-sdk.mjs}: Ed25519, ~200 B JSON data) and processes them in its
 * own Dwn on its Level stores, printing its rate; Cairn then processes the same messages, every one
 * accepted. Both rates are printed; the full benchmark lives in bench/.
 */
class RecordsWriteThroughputTest {
    private static final int WRITES = 2000;

    @Test
    void sameSignedWritesProcessedByTheSdkAndByCairn(@TempDir Path dir) throws Exception {
        Path messages = dir.resolve("messages.jsonl");
        Process sdk = new ProcessBuilder(io.cairn.dwn.interop.SdkPeer.machineNode().toString(), "bench-sdk.mjs", "--dir", dir.resolve("sdk").toString(), "--writes", String.valueOf(WRITES),
            "--queries", "0", "--reads", "0", "--out", messages.toString())
            .directory(interopDir().toFile()).redirectErrorStream(true).start();
        String output = new String(sdk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(sdk.waitFor(600, TimeUnit.SECONDS)).isTrue();
        assertThat(sdk.exitValue()).as(output).isZero();
        ObjectMapper json = new ObjectMapper();
        String[] lines = output.strip().split("\n");
        JsonNode sdkFigures = json.readTree(lines[lines.length - 1]);

        List<JsonNode> writes = new ArrayList<>();
        for (String line : Files.readAllLines(messages)) {
            JsonNode entry = json.readTree(line);
            if (entry.path("kind").asText().equals("RecordsWrite")) {
                writes.add(entry);
            }
        }
        assertThat(writes).hasSize(WRITES);
        Dwn cairn = Dwn.builder().messageStore(new InMemoryMessageStore()).dataStore(new InMemoryDataStore(UnixfsDataCids.computer()))
            .eventLog(new InMemoryEventLog()).resumableTaskStore(new InMemoryResumableTaskStore())
            .didResolver(new UniversalResolver(List.of(DidKey.INSTANCE, DidJwk.INSTANCE)))
            .dataCidComputer(UnixfsDataCids.computer()).build();
        long start = System.nanoTime();
        for (JsonNode entry : writes) {
            byte[] data = Base64.getDecoder().decode(entry.get("data").asText());
            DwnReply reply = cairn.processMessage(entry.get("tenant").asText(), (ObjectNode) entry.get("message").deepCopy(),
                new MessageProcessor.ProcessOptions(new ByteArrayInputStream(data), null));
            assertThat(reply.statusCode()).isEqualTo(202);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cairnRate = WRITES / seconds;
        System.out.printf("RecordsWrite throughput, %d Ed25519-signed writes: Cairn in-memory %.0f/s; dwn-sdk-js 0.5.2 (Level) %.0f/s%n",
            WRITES, cairnRate, sdkFigures.get("writesPerSecond").asDouble());
        assertThat(sdkFigures.get("unexpectedCount").asInt()).isZero();
    }

    private static Path interopDir() throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("interop/dwn"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IOException("interop/dwn not found above " + Path.of("").toAbsolutePath());
        }
        return dir.resolve("interop/dwn");
    }
}
