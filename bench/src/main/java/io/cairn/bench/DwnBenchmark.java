package io.cairn.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.Dwn;
import io.cairn.dwn.DwnReply;
import io.cairn.dwn.MessageProcessor;
import io.cairn.dwn.protocol.Protocols;
import io.cairn.dwn.did.CachingDidResolver;
import io.cairn.dwn.did.DidJwk;
import io.cairn.dwn.did.DidKey;
import io.cairn.dwn.did.UniversalResolver;
import io.cairn.interop.NodePeer;
import io.cairn.ipfs.repo.Repo;
import io.cairn.storage.DwnStores;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * The DWN benchmark of issue 3, side by side: interop/dwn/bench-sdk.mjs builds and signs RecordsWrite
 * (Ed25519, ~200 B data), RecordsQuery and RecordsRead messages, processes them in dwn-sdk-js 0.5.2 on its
 * Level stores and writes them to JSONL; then the exact same messages go through Cairn's Dwn on the
 * persistent stores (DwnStores: RocksDB, data in the IPFS blockstore). Prints Markdown rows with ratios.
 *
 * <pre>java -cp … io.cairn.bench.DwnBenchmark WORKDIR [WRITES] [QUERIES] [READS]</pre>
 */
public final class DwnBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        Path work = Files.createDirectories(Path.of(args.length > 0 ? args[0] : "bench/results/tmp")).resolve("dwn");
        int writes = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int queries = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        int reads = args.length > 3 ? Integer.parseInt(args[3]) : 500;
        DwnStoreBenchmark.deleteTree(work);
        Files.createDirectories(work);
        try {
            Path messages = work.resolve("messages.jsonl");
            JsonNode sdk = runSdk(work, writes, queries, reads, messages);
            Replay cairn = replay(work.resolve("repo"), messages);

            List<String[]> rows = new ArrayList<>();
            double sdkWrites = sdk.get("writesPerSecond").asDouble();
            rows.add(new String[] {String.format(Locale.ROOT, "RecordsWrite throughput (%,d writes, Ed25519, ~200 B data)", writes),
                    String.format(Locale.ROOT, "%,.0f /s", cairn.writesPerSecond), String.format(Locale.ROOT, "%,.0f /s", sdkWrites),
                    String.format(Locale.ROOT, "%.1f× (target ≥ 5×)", cairn.writesPerSecond / sdkWrites)});
            rows.add(new String[] {"CPU per RecordsWrite (Cairn's processing thread)", String.format(Locale.ROOT, "%.0f µs", cairn.writeCpuMicros), "", ""});
            rows.add(latencyRow("RecordsQuery (schema + tag, newest first, 20 a page)", cairn.query, sdk.get("query"), "target p99 ≤ 10 ms"));
            rows.add(latencyRow("RecordsRead (random recordId, data read)", cairn.read, sdk.get("read"), ""));
            rows.add(new String[] {"replies other than 202/200", Integer.toString(cairn.unexpected), sdk.get("unexpectedCount").asText(), cairn.firstUnexpected});
            rows.add(new String[] {"memory after the run (Cairn)", cairn.memory, "", ""});
            System.out.println("| DWN benchmark (same signed messages) | Cairn | dwn-sdk-js 0.5.2 | Cairn / SDK |");
            System.out.println("|---|---:|---:|---|");
            rows.forEach(r -> System.out.println("| " + String.join(" | ", r) + " |"));
            System.out.println();
            System.out.println("SDK: " + sdk.get("implementation").asText() + " on Node " + sdk.get("node").asText()
                    + "; Cairn: Dwn on DwnStores (RocksDB + IPFS blockstore), one JVM thread.");
        } finally {
            DwnStoreBenchmark.deleteTree(work);
        }
    }

    private static String[] latencyRow(String name, DwnStoreBenchmark.Latencies cairn, JsonNode sdk, String note) {
        double sdkP50 = sdk.get("p50Ms").asDouble();
        double sdkP99 = sdk.get("p99Ms").asDouble();
        return new String[] {name, cairn.summary(), String.format(Locale.ROOT, "p50 %.2f ms, p99 %.2f ms (n=%d)", sdkP50, sdkP99, sdk.get("count").asInt()),
                String.format(Locale.ROOT, "p50 %.2f×, p99 %.2f× faster%s", sdkP50 / cairn.percentileMs(0.5), sdkP99 / cairn.percentileMs(0.99),
                        note.isEmpty() ? "" : "; " + note)};
    }

    private static JsonNode runSdk(Path work, int writes, int queries, int reads, Path out) throws Exception {
        Path script = NodePeer.projectRoot().resolve("interop/dwn/bench-sdk.mjs");
        // run in the work folder: the SDK's DID resolver writes its cache (RESOLVERCACHE) into the current directory
        Process node = new ProcessBuilder("node", script.toString(), "--dir", work.resolve("sdk").toString(), "--writes", Integer.toString(writes),
                "--queries", Integer.toString(queries), "--reads", Integer.toString(reads), "--out", out.toString())
                .directory(work.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (node.waitFor() != 0) throw new IllegalStateException("bench-sdk.mjs failed: " + output);
        String last = output.strip().lines().reduce((a, b) -> b).orElseThrow();
        return JSON.readTree(last);
    }

    private static final class Replay {
        double writesPerSecond;
        double writeCpuMicros;
        final DwnStoreBenchmark.Latencies query = new DwnStoreBenchmark.Latencies();
        final DwnStoreBenchmark.Latencies read = new DwnStoreBenchmark.Latencies();
        int unexpected;
        String firstUnexpected = "";
        String memory;
    }

    private static Replay replay(Path repoDir, Path messages) throws Exception {
        Replay result = new Replay();
        record Line(String tenant, String kind, ObjectNode message, byte[] data) {}
        List<Line> lines = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(messages)) {
            for (String text; (text = in.readLine()) != null; ) {
                JsonNode line = JSON.readTree(text);
                lines.add(new Line(line.get("tenant").asText(), line.get("kind").asText(), (ObjectNode) line.get("message"),
                        line.has("data") ? Base64.getDecoder().decode(line.get("data").asText()) : null));
            }
        }
        try (Repo repo = Repo.open(repoDir); DwnStores stores = DwnStores.open(repo)) {
            Dwn dwn = Protocols.install(Dwn.builder(), stores.messageStore())
                    .messageStore(stores.messageStore()).dataStore(stores.dataStore()).eventLog(stores.eventLog())
                    .resumableTaskStore(stores.resumableTaskStore())
                    // resolved DIDs cached, as the SDK's Dwn.create caches them
                    .didResolver(new CachingDidResolver(new UniversalResolver(List.of(DidKey.INSTANCE, DidJwk.INSTANCE))))
                    .dataCidComputer(stores.dataCidComputer()).transactions(stores.transactions()).build();
            long writeNanos = 0;
            long writeCpuNanos = 0;
            int writeCount = 0;
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            for (Line line : lines) {
                long cpu0 = threads.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                InputStream data = line.data() == null ? null : new ByteArrayInputStream(line.data());
                DwnReply reply = dwn.processMessage(line.tenant(), line.message(), new MessageProcessor.ProcessOptions(data, null));
                int expected = line.kind().equals("RecordsWrite") ? 202 : 200;
                if (reply.data() != null) {
                    try (InputStream body = reply.data()) {
                        body.transferTo(OutputStreamSink.INSTANCE);
                    }
                }
                long nanos = System.nanoTime() - t0;
                switch (line.kind()) {
                    case "RecordsWrite" -> {
                        writeNanos += nanos;
                        writeCpuNanos += threads.getCurrentThreadCpuTime() - cpu0;
                        writeCount++;
                    }
                    case "RecordsQuery" -> result.query.add(nanos);
                    default -> result.read.add(nanos);
                }
                if (reply.statusCode() != expected) {
                    if (result.unexpected++ == 0) result.firstUnexpected = line.kind() + " " + reply.body().path("status");
                }
            }
            result.writesPerSecond = writeCount / (writeNanos / 1e9);
            result.writeCpuMicros = writeCpuNanos / 1e3 / writeCount;
            result.memory = DwnStoreBenchmark.memory(stores.database());
        }
        return result;
    }

    /** Discards what is written (a read's data is consumed as a client would). */
    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {}

        @Override
        public void write(byte[] b, int off, int len) {}
    }
}
