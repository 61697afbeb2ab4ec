package io.cairn.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.rocks.DwnDatabase;
import io.cairn.dwn.store.Filter;
import io.cairn.dwn.store.FilterValue;
import io.cairn.dwn.store.KeyValues;
import io.cairn.dwn.store.MessageSort;
import io.cairn.dwn.store.MessageStore;
import io.cairn.dwn.store.Pagination;
import io.cairn.dwn.store.SortDirection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The DWN store benchmark of issue 3 at 1 M messages: RecordsWrite-shaped messages and indexes put one
 * transaction each (message, indexes and event together, as the handler commits them), then the queries
 * the RecordsQuery and RecordsRead handlers make, timed one by one, with heap and RSS. The puts are not
 * fsynced (DwnBenchmark measures writes both ways). Prints Markdown rows.
 *
 * <pre>java -cp … io.cairn.bench.DwnStoreBenchmark WORKDIR [MESSAGES] [QUERIES]</pre>
 */
public final class DwnStoreBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TENANT = "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK";
    private static final String SCHEMA = "https://cairn.example/schemas/transfer";

    public static void main(String[] args) throws Exception {
        Path work = Files.createDirectories(Path.of(args.length > 0 ? args[0] : "bench/results/tmp")).resolve("dwn-store");
        int messages = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        int queries = args.length > 2 ? Integer.parseInt(args[2]) : 2_000;
        deleteTree(work);
        List<String[]> rows = new ArrayList<>();
        // unsynced: this measures the store's queries and memory at 1 M messages, not the disk's fsync rate
        try (DwnDatabase database = DwnDatabase.open(work, DwnDatabase.Options.UNSYNCED)) {
            MessageStore store = database.messageStore();
            SplittableRandom random = new SplittableRandom(42);
            String signature = "x".repeat(86);
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            long cpuStart = threads.getCurrentThreadCpuTime();
            long processCpuStart = processCpuNanos();
            long start = System.nanoTime();
            long intervalStart = start;
            double slowestInterval = Double.MAX_VALUE;
            for (int i = 0; i < messages; i++) {
                String cid = cid("bafyreim", i);
                ObjectNode message = message(i, signature);
                KeyValues indexes = new KeyValues(indexes(i, random));
                database.transaction(() -> {
                    store.put(TENANT, message, cid, indexes);
                    database.eventLog().append(TENANT, cid, indexes);
                });
                if ((i + 1) % 100_000 == 0) {
                    long now = System.nanoTime();
                    slowestInterval = Math.min(slowestInterval, 100_000 / ((now - intervalStart) / 1e9));
                    intervalStart = now;
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double threadCpuMicros = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e3 / messages;
            double processCpuMicros = (processCpuNanos() - processCpuStart) / 1e3 / messages;
            rows.add(row(String.format(Locale.ROOT, "put %,d RecordsWrite-shaped messages (message + indexes + event, one transaction each)", messages),
                    String.format(Locale.ROOT, "%,.0f /s", messages / seconds),
                    String.format(Locale.ROOT, "%sCPU per put: %.0f µs writer thread, %.0f µs whole process (compaction included)",
                            messages >= 100_000 ? String.format(Locale.ROOT, "slowest 100 k interval %,.0f /s; ", slowestInterval) : "",
                            threadCpuMicros, processCpuMicros)));
            rows.add(row("RocksDB write stalls during the puts", database.stallMicros() / 1000 + " ms", ""));

            // RecordsQuery as the handler asks it: owner filter with schema + tag, newest first, 20 a page
            Latencies query = new Latencies();
            Latencies nextPage = new Latencies();
            Latencies read = new Latencies();
            Latencies protocolScan = new Latencies();
            for (int q = 0; q < queries; q++) {
                Filter filter = new Filter(Map.of("interface", eq("Records"), "method", eq("Write"), "isLatestBaseState", eq(true),
                        "schema", eq(SCHEMA), "tag.kind", eq("k" + (q % 10))));
                MessageSort newestFirst = new MessageSort("dateCreated", SortDirection.DESCENDING);
                long t0 = System.nanoTime();
                MessageStore.QueryResult page = store.query(TENANT, List.of(filter), newestFirst, new Pagination(null, 20));
                query.add(System.nanoTime() - t0);
                check(page.messages().size() == 20 && page.cursor() != null, "a full first page with a cursor");

                t0 = System.nanoTime();
                MessageStore.QueryResult second = store.query(TENANT, List.of(filter), newestFirst, new Pagination(page.cursor(), 20));
                nextPage.add(System.nanoTime() - t0);
                check(second.messages().size() == 20, "a full second page");

                // RecordsRead: the record's newest write by recordId
                int target = random.nextInt(messages);
                Filter byRecord = new Filter(Map.of("interface", eq("Records"), "method", eq("Write"), "isLatestBaseState", eq(true),
                        "recordId", eq(recordId(target))));
                t0 = System.nanoTime();
                MessageStore.QueryResult found = store.query(TENANT, List.of(byRecord), MessageSort.DEFAULT, Pagination.ALL);
                read.add(System.nanoTime() - t0);
                check(found.messages().size() == 1, "one record by recordId");

                // a non-concise filter (no schema/protocolPath/contextId/parentId): the SDK's iterator mode
                Filter byAuthor = new Filter(Map.of("interface", eq("Records"), "method", eq("Write"), "isLatestBaseState", eq(true),
                        "author", eq("did:key:author" + (q % 4)), "dataFormat", eq("application/json")));
                t0 = System.nanoTime();
                MessageStore.QueryResult scanned = store.query(TENANT, List.of(byAuthor), newestFirst, new Pagination(null, 20));
                protocolScan.add(System.nanoTime() - t0);
                check(scanned.messages().size() == 20, "a full page by author");
            }
            rows.add(row("RecordsQuery (schema + tag, 10 % match, newest first, 20 a page)", query.summary(), "target p99 ≤ 10 ms"));
            rows.add(row("RecordsQuery next page (cursor)", nextPage.summary(), ""));
            rows.add(row("RecordsRead lookup (recordId)", read.summary(), ""));
            rows.add(row("RecordsQuery by author + dataFormat (SDK iterator mode)", protocolScan.summary(), ""));
            rows.add(row("memory after the run", memory(database), "heap bounded by -Xmx; RocksDB block cache 128 MiB"));
            rows.add(row("database on disk", String.format(Locale.ROOT, "%,.0f MiB (SST)", database.diskBytes() / 1048576.0), ""));
        } finally {
            deleteTree(work);
        }
        System.out.println("| DWN store benchmark | figure | notes |");
        System.out.println("|---|---:|---|");
        rows.forEach(r -> System.out.println("| " + r[0] + " | " + r[1] + " | " + r[2] + " |"));
    }

    static String memory(DwnDatabase database) {
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        long heap = runtime.totalMemory() - runtime.freeMemory();
        return String.format(Locale.ROOT, "heap used %,.0f MiB (max %,.0f), RSS %,.0f MiB, RocksDB native %,.0f MiB",
                heap / 1048576.0, runtime.maxMemory() / 1048576.0, rssBytes() / 1048576.0, database.nativeMemoryBytes() / 1048576.0);
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static long rssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        } catch (Exception ignored) {
            // not Linux: reported as 0
        }
        return 0;
    }

    private static ObjectNode message(int i, String signature) {
        ObjectNode message = JSON.createObjectNode().put("recordId", recordId(i));
        ObjectNode descriptor = message.putObject("descriptor");
        descriptor.put("interface", "Records").put("method", "Write").put("schema", SCHEMA)
                .put("dataCid", cid("bafkrei", i)).put("dataSize", 200).put("dateCreated", timestamp(i))
                .put("messageTimestamp", timestamp(i)).put("dataFormat", "application/json");
        descriptor.putObject("tags").put("kind", "k" + (i % 10));
        ObjectNode jws = message.putObject("authorization").putObject("signature");
        jws.put("payload", "eyJkZXNjcmlwdG9yQ2lkIjoiYmFmeXJlaWd" + "A".repeat(180));
        jws.putArray("signatures").addObject().put("protected", "eyJraWQiOiJkaWQ6a2V5Ono2TWto" + "B".repeat(80)).put("signature", signature);
        return message;
    }

    private static Map<String, Object> indexes(int i, SplittableRandom random) {
        Map<String, Object> x = new HashMap<>();
        x.put("interface", "Records");
        x.put("method", "Write");
        x.put("schema", SCHEMA);
        x.put("dataCid", cid("bafkrei", i));
        x.put("dataSize", 200L);
        x.put("dateCreated", timestamp(i));
        x.put("messageTimestamp", timestamp(i));
        x.put("dataFormat", random.nextInt(4) == 0 ? "text/plain" : "application/json");
        x.put("isLatestBaseState", true);
        x.put("published", false);
        x.put("author", "did:key:author" + random.nextInt(4));
        x.put("recordId", recordId(i));
        x.put("entryId", recordId(i));
        x.put("tag.kind", "k" + (i % 10));
        return x;
    }

    private static String recordId(int i) {
        return cid("bafyreir", i);
    }

    private static String cid(String prefix, int i) {
        return prefix + String.format("%052d", i).replace('0', 'a').replace('1', 'b').replace('8', 'q').replace('9', 'z');
    }

    private static String timestamp(int i) {
        long micros = 1_700_000_000_000_000L + i * 1_000L;
        java.time.Instant instant = java.time.Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1000);
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(java.time.ZoneOffset.UTC).format(instant);
    }

    private static FilterValue eq(Object value) {
        return new FilterValue.Equal(value);
    }

    private static void check(boolean condition, String what) {
        if (!condition) throw new IllegalStateException("benchmark sanity check failed: " + what);
    }

    private static String[] row(String name, String figure, String note) {
        return new String[] {name, figure, note};
    }

    static void deleteTree(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) return;
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    /** Per-operation latencies in nanoseconds. */
    static final class Latencies {
        private long[] values = new long[1024];
        private int count;

        void add(long nanos) {
            if (count == values.length) values = Arrays.copyOf(values, count * 2);
            values[count++] = nanos;
        }

        String summary() {
            long[] sorted = Arrays.copyOf(values, count);
            Arrays.sort(sorted);
            return String.format(Locale.ROOT, "p50 %.2f ms, p99 %.2f ms (n=%d)", at(sorted, 0.50) / 1e6, at(sorted, 0.99) / 1e6, count);
        }

        double percentileMs(double p) {
            long[] sorted = Arrays.copyOf(values, count);
            Arrays.sort(sorted);
            return at(sorted, p) / 1e6;
        }

        private static long at(long[] sorted, double p) {
            return sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))];
        }
    }
}
