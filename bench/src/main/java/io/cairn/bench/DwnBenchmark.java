package io.cairn.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.Dwn;
import io.cairn.dwn.DwnReply;
import io.cairn.dwn.MessageProcessor;
import io.cairn.dwn.protocol.Protocols;
import io.cairn.dwn.rocks.DwnDatabase;
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
 * persistent stores (DwnStores: RocksDB, data in the IPFS blockstore). Both sides first process the same
 * 1,000 warm-up writes in a store of their own. Prints Markdown rows with ratios.
 *
 * <pre>java -cp … io.cairn.bench.DwnBenchmark WORKDIR [WRITES] [QUERIES] [READS]</pre>
 */
public final class DwnBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WARMUP = "WarmupWrite";

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
            List<Line> all = readLines(messages);
            List<Line> lines = all.stream().filter(line -> !line.kind().equals(WARMUP)).toList();
            // the SDK processed these first too, in a store of their own
            replay(work.resolve("repo-warmup"), all.stream().filter(line -> line.kind().equals(WARMUP)).toList(), DwnDatabase.Options.UNSYNCED, 1);
            Replay cairn = replay(work.resolve("repo"), lines, DwnDatabase.Options.DEFAULT, 1);
            Replay unsynced = replay(work.resolve("repo-unsynced"), writesOnly(lines), DwnDatabase.Options.UNSYNCED, 1);
            Replay concurrent = replay(work.resolve("repo-concurrent"), writesOnly(lines), DwnDatabase.Options.DEFAULT, 4);

            List<String[]> rows = new ArrayList<>();
            double sdkWrites = sdk.get("writesPerSecond").asDouble();
            rows.add(writeRow(String.format(Locale.ROOT, "RecordsWrite throughput (%,d writes, Ed25519, ~200 B data), fsync per message (the default)", writes),
                    cairn, sdkWrites, "target ≥ 5×"));
            rows.add(writeRow("the same, 4 threads (commits share fsyncs)", concurrent, sdkWrites, ""));
            rows.add(writeRow("the same, one thread, without fsync (`dwn_sync_writes = false`; the SDK's LevelDB does not fsync either)",
                    unsynced, sdkWrites, ""));
            rows.add(new String[] {"CPU per RecordsWrite (Cairn's processing thread)", String.format(Locale.ROOT, "%.0f µs", cairn.writeCpuMicros), "", ""});
            rows.add(latencyRow("RecordsQuery (schema + tag, newest first, 20 a page)", cairn.query, sdk.get("query"), "target p99 ≤ 10 ms"));
            rows.add(latencyRow("RecordsRead (random recordId, data read)", cairn.read, sdk.get("read"), ""));
            rows.add(new String[] {"replies other than 202/200 (all Cairn runs)", Integer.toString(cairn.unexpected + unsynced.unexpected + concurrent.unexpected),
                    sdk.get("unexpectedCount").asText(), cairn.firstUnexpected + unsynced.firstUnexpected + concurrent.firstUnexpected});
            rows.add(new String[] {"memory after the run (Cairn)", cairn.memory, "", ""});
            System.out.println("| DWN benchmark (same signed messages) | Cairn | dwn-sdk-js 0.5.2 | Cairn / SDK |");
            System.out.println("|---|---:|---:|---|");
            rows.forEach(r -> System.out.println("| " + String.join(" | ", r) + " |"));
            System.out.println();
            System.out.println("SDK: " + sdk.get("implementation").asText() + " on Node " + sdk.get("node").asText()
                    + "; Cairn: Dwn on DwnStores (RocksDB + IPFS blockstore), one JVM thread unless stated.");
        } finally {
            DwnStoreBenchmark.deleteTree(work);
        }
    }

    private static String[] writeRow(String name, Replay cairn, double sdkWrites, String note) {
        return new String[] {name, String.format(Locale.ROOT, "%,.0f /s", cairn.writesPerSecond), String.format(Locale.ROOT, "%,.0f /s", sdkWrites),
                String.format(Locale.ROOT, "%.1f×%s", cairn.writesPerSecond / sdkWrites, note.isEmpty() ? "" : " (" + note + ")")};
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
        // run in the work folder, so nothing the SDK writes lands in the project (its DID resolver cache is under --dir)
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

        void check(Line line, DwnReply reply) {
            int expected = line.kind().endsWith("Write") ? 202 : 200;
            if (reply.statusCode() != expected && unexpected++ == 0) firstUnexpected = line.kind() + " " + reply.body().path("status");
        }
    }

    private record Line(String tenant, String kind, ObjectNode message, byte[] data) {}

    private static List<Line> readLines(Path messages) throws Exception {
        List<Line> lines = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(messages)) {
            for (String text; (text = in.readLine()) != null; ) {
                JsonNode line = JSON.readTree(text);
                lines.add(new Line(line.get("tenant").asText(), line.get("kind").asText(), (ObjectNode) line.get("message"),
                        line.has("data") ? Base64.getDecoder().decode(line.get("data").asText()) : null));
            }
        }
        return lines;
    }

    private static List<Line> writesOnly(List<Line> lines) {
        return lines.stream().filter(line -> line.kind().equals("RecordsWrite")).toList();
    }

    /**
     * Processes the lines in order on one thread, or (writes only) split over {@code threads} threads in
     * contiguous slices, timing the whole wall clock.
     */
    private static Replay replay(Path repoDir, List<Line> lines, DwnDatabase.Options options, int threads) throws Exception {
        Replay result = new Replay();
        try (Repo repo = Repo.open(repoDir); DwnStores stores = DwnStores.open(repo, options)) {
            Dwn dwn = Protocols.install(Dwn.builder(), stores.messageStore())
                    .messageStore(stores.messageStore()).dataStore(stores.dataStore()).eventLog(stores.eventLog())
                    .resumableTaskStore(stores.resumableTaskStore())
                    // resolved DIDs cached, as the SDK's Dwn.create caches them
                    .didResolver(new CachingDidResolver(new UniversalResolver(List.of(DidKey.INSTANCE, DidJwk.INSTANCE))))
                    .dataCidComputer(stores.dataCidComputer()).transactions(stores.transactions()).build();
            if (threads > 1) {
                replayConcurrently(dwn, lines, threads, result);
                result.memory = DwnStoreBenchmark.memory(stores.database());
                return result;
            }
            long writeNanos = 0;
            long writeCpuNanos = 0;
            int writeCount = 0;
            java.lang.management.ThreadMXBean threadBean = java.lang.management.ManagementFactory.getThreadMXBean();
            for (Line line : lines) {
                long cpu0 = threadBean.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                DwnReply reply = process(dwn, line);
                long nanos = System.nanoTime() - t0;
                switch (line.kind()) {
                    case "RecordsWrite", WARMUP -> {
                        writeNanos += nanos;
                        writeCpuNanos += threadBean.getCurrentThreadCpuTime() - cpu0;
                        writeCount++;
                    }
                    case "RecordsQuery" -> result.query.add(nanos);
                    default -> result.read.add(nanos);
                }
                result.check(line, reply);
            }
            result.writesPerSecond = writeCount / (writeNanos / 1e9);
            result.writeCpuMicros = writeCpuNanos / 1e3 / writeCount;
            result.memory = DwnStoreBenchmark.memory(stores.database());
        }
        return result;
    }

    private static void replayConcurrently(Dwn dwn, List<Line> writes, int threads, Replay result) throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Callable<List<String>>> slices = new ArrayList<>();
            int per = (writes.size() + threads - 1) / threads;
            for (int from = 0; from < writes.size(); from += per) {
                List<Line> slice = writes.subList(from, Math.min(writes.size(), from + per));
                slices.add(() -> {
                    List<String> unexpected = new ArrayList<>();
                    for (Line line : slice) {
                        DwnReply reply = process(dwn, line);
                        if (reply.statusCode() != 202) unexpected.add(line.kind() + " " + reply.body().path("status"));
                    }
                    return unexpected;
                });
            }
            long t0 = System.nanoTime();
            List<java.util.concurrent.Future<List<String>>> done = pool.invokeAll(slices);
            long nanos = System.nanoTime() - t0;
            for (var slice : done) {
                for (String unexpected : slice.get()) {
                    if (result.unexpected++ == 0) result.firstUnexpected = unexpected;
                }
            }
            result.writesPerSecond = writes.size() / (nanos / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    private static DwnReply process(Dwn dwn, Line line) throws java.io.IOException {
        InputStream data = line.data() == null ? null : new ByteArrayInputStream(line.data());
        DwnReply reply = dwn.processMessage(line.tenant(), line.message(), new MessageProcessor.ProcessOptions(data, null));
        if (reply.data() != null) {
            try (InputStream body = reply.data()) {
                body.transferTo(OutputStreamSink.INSTANCE);
            }
        }
        return reply;
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
