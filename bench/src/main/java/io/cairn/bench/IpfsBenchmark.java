package io.cairn.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.interop.NodePeer;
import io.cairn.ipfs.repo.Repo;
import io.cairn.ipfs.unixfs.ImportOptions;
import io.cairn.ipfs.unixfs.UnixfsExporter;
import io.cairn.ipfs.unixfs.UnixfsImporter;
import io.cairn.multiformats.Cid;
import java.io.File;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The IPFS benchmarks of issue 2, in one run on the same input: add throughput against the JVM's
 * SHA-256 limit and Helia's importer, cat throughput from a warm repo (in process and through the
 * CLI jar), and peak heap of add for 100 MiB versus the full input (each add in a fresh JVM with a
 * 32 MiB heap cap). Every throughput is a warm-up and {@code -Dbench.runs} (default 3) measured runs;
 * the table shows the best, the median and every run. Prints a Markdown table.
 *
 * <p>Usage: {@code IpfsBenchmark WORK_DIR [SIZE_BYTES]} (1 GiB by default).
 */
public final class IpfsBenchmark {
    private static final long GIB = 1L << 30;
    private static final int RUNS = Integer.getInteger("bench.runs", 3);

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--peak-heap-add")) {
            peakHeapChild(Path.of(args[1]), Path.of(args[2]));
            return;
        }
        Path work = Files.createDirectories(Path.of(args.length > 0 ? args[0] : "bench/results/tmp"));
        long size = args.length > 1 ? Long.parseLong(args[1]) : GIB;
        Path input = BenchInput.randomFile(work, "input-" + size + ".bin", size, 42);
        List<Row> rows = new ArrayList<>();

        Throughput sha256k = measure(() -> sha256Pass(input, 256 << 10), size);
        Throughput sha1m = measure(() -> sha256Pass(input, 1 << 20), size);
        double sha = Math.max(sha256k.best(), sha1m.best());
        rows.add(new Row("SHA-256 of the input, one thread, 256 KiB chunks", sha256k, "—"));
        rows.add(new Row("SHA-256 of the input, one thread, 1 MiB chunks", sha1m, "the limit: " + fmt(sha) + " MiB/s (best of both)"));

        for (String profile : List.of("kubo", "unixfs-v1-2025")) {
            ImportOptions options = ImportOptions.profile(profile);
            Cid[] root = new Cid[1];
            Path repoDir = work.resolve("repo-" + profile);
            Throughput cairn = measure(() -> root[0] = add(repoDir, Repo.BlockstoreKind.PACKS, options, input), size);
            Throughput heliaMem = helia(input, profile, "memory", size, root[0]);
            Throughput heliaFs = helia(input, profile, "fs:" + work.resolve("helia-fs"), size, root[0]);
            rows.add(new Row("Cairn add, " + profile + " profile, repo on disk (packs, fsync before return)", cairn,
                    pct(cairn.best() / sha) + " of SHA-256; " + ratio(cairn.best() / heliaMem.best()) + " Helia (MemoryBlockstore), "
                            + ratio(cairn.best() / heliaFs.best()) + " Helia (blockstore-fs)"));
            if (profile.equals("unixfs-v1-2025")) {
                Path shm = Path.of("/dev/shm");
                if (Files.isDirectory(shm) && Files.isWritable(shm)) {
                    Path tmpfsRepo = shm.resolve("cairn-bench-repo");
                    Throughput tmpfs = measure(() -> add(tmpfsRepo, Repo.BlockstoreKind.PACKS, options, input), size);
                    BenchInput.deleteTree(tmpfsRepo);
                    rows.add(new Row("Cairn add, " + profile + ", pack repo on tmpfs (no disk in the way)", tmpfs, pct(tmpfs.best() / sha) + " of SHA-256"));
                }
                Throughput rocks = measure(() -> add(work.resolve("repo-rocks"), Repo.BlockstoreKind.ROCKSDB, options, input), size);
                rows.add(new Row("Cairn add, " + profile + ", block bytes as RocksDB values (the rejected layout)", rocks,
                        ratio(rocks.best() / cairn.best()) + " the pack layout"));
            }
            rows.add(new Row("Helia importer, " + profile + ", MemoryBlockstore", heliaMem, "root CID equal to Cairn's"));
            rows.add(new Row("Helia importer, " + profile + ", blockstore-fs (no fsync)", heliaFs, "root CID equal to Cairn's"));

            if (profile.equals("unixfs-v1-2025")) {
                Throughput cat;
                try (Repo repo = Repo.open(repoDir)) {
                    UnixfsExporter exporter = new UnixfsExporter(repo.blockstore());
                    cat = measure(() -> exporter.read(root[0], 0, -1, OutputStream.nullOutputStream()), size);
                }
                rows.add(new Row("Cairn cat from a warm repo (UnixfsExporter.read to a null sink)", cat, target(cat)));
                Path jar = Path.of("node/target/cairn-all.jar");
                if (Files.isRegularFile(jar)) {
                    Throughput cli = measure(() -> cliCat(jar, repoDir, root[0]), size);
                    rows.add(new Row("Cairn cat through the CLI (`java -jar cairn-all.jar cat CID > /dev/null`, JVM start included)", cli, target(cli)));
                }
            }
        }

        long peakSmall = peakHeapOfAdd(work, BenchInput.randomFile(work, "input-100m.bin", 100L << 20, 7));
        long peakLarge = peakHeapOfAdd(work, input);
        System.out.println();
        System.out.printf(Locale.ROOT, "Input: %d MiB of seeded random bytes; each figure: warm-up, then %d runs (MiB/s).%n%n", size >> 20, RUNS);
        System.out.println("| benchmark | best MiB/s | median | all runs | compared, same run |");
        System.out.println("|---|---:|---:|---|---|");
        rows.forEach(r -> System.out.println("| " + r.name() + " | " + fmt(r.t().best()) + " | " + fmt(r.t().median()) + " | " + r.t().all() + " | " + r.compared() + " |"));
        System.out.printf(Locale.ROOT, "| peak live heap of add (heap after GC; -Xmx32m), 100 MiB input | %d MiB | | | |%n", peakSmall >> 20);
        System.out.printf(Locale.ROOT, "| peak live heap of add (heap after GC; -Xmx32m), %d MiB input | %d MiB | | | %s |%n", size >> 20, peakLarge >> 20,
                ratio((double) peakLarge / peakSmall) + " the 100 MiB figure");
        for (String dir : List.of("repo-kubo", "repo-rocks", "repo-unixfs-v1-2025", "helia-fs")) BenchInput.deleteTree(work.resolve(dir));
    }

    private record Row(String name, Throughput t, String compared) {}

    /** Every measured run of one benchmark, in MiB/s. */
    private record Throughput(List<Double> runs) {
        double best() {
            return runs.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        }

        double median() {
            List<Double> sorted = runs.stream().sorted().toList();
            int n = sorted.size();
            return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        }

        String all() {
            return String.join(", ", runs.stream().map(IpfsBenchmark::fmt).toList());
        }
    }

    interface Run {
        void run() throws Exception;
    }

    /** One warm-up, then {@link #RUNS} measured runs. */
    private static Throughput measure(Run run, long bytes) throws Exception {
        run.run();
        List<Double> runs = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            long t = System.nanoTime();
            run.run();
            runs.add(bytes / 1048576.0 / ((System.nanoTime() - t) / 1e9));
        }
        return new Throughput(runs);
    }

    private static Cid add(Path repoDir, Repo.BlockstoreKind kind, ImportOptions options, Path input) throws Exception {
        BenchInput.deleteTree(repoDir);
        try (Repo repo = Repo.open(repoDir, kind)) {
            return new UnixfsImporter(repo.blockstore(), options).importPath(input).root();
        }
    }

    /** Hashes the file chunk by chunk, one digest per chunk, as the importer does per block. */
    private static void sha256Pass(Path input, int chunk) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        byte[] buf = new byte[chunk];
        try (InputStream in = Files.newInputStream(input)) {
            int n;
            while ((n = in.readNBytes(buf, 0, buf.length)) > 0) {
                md.update(buf, 0, n);
                md.digest();
            }
        }
    }

    private static void cliCat(Path jar, Path repoDir, Cid root) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-jar", jar.toString(), "cat", "--repo", repoDir.toString(), root.toString())
                .redirectOutput(new File("/dev/null")).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        if (p.waitFor() != 0) throw new IllegalStateException("cairn cat exited with " + p.exitValue());
    }

    /** Helia's importer (interop/js/bench-import.mjs) on the same input; it times itself, without Node's start. */
    private static Throughput helia(Path input, String profile, String store, long size, Cid expectedRoot) throws Exception {
        List<Double> runs = new ArrayList<>();
        for (int i = 0; i <= RUNS; i++) { // the first run warms the page cache and Node's JIT up
            if (store.startsWith("fs:")) BenchInput.deleteTree(Path.of(store.substring(3)));
            Process p = new ProcessBuilder(NodePeer.nodeBinary().toString(), "--max-old-space-size=4096",
                    NodePeer.script("bench-import.mjs").toString(), input.toString(), profile, store)
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) throw new IllegalStateException("Helia benchmark failed: " + out);
            JsonNode r = new ObjectMapper().readTree(out);
            if (!r.get("root").asText().equals(expectedRoot.toString())) {
                throw new IllegalStateException("Helia's root " + r.get("root") + " differs from Cairn's " + expectedRoot);
            }
            if (i > 0) runs.add(size / 1048576.0 / (r.get("ms").asDouble() / 1000));
        }
        if (store.startsWith("fs:")) BenchInput.deleteTree(Path.of(store.substring(3)));
        return new Throughput(runs);
    }

    private static long peakHeapOfAdd(Path work, Path input) throws Exception {
        Path repo = work.resolve("repo-heap");
        BenchInput.deleteTree(repo);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx32m", "-XX:+UseG1GC", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), IpfsBenchmark.class.getName(), "--peak-heap-add", input.toString(), repo.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (p.waitFor() != 0) throw new IllegalStateException("peak-heap child failed: " + out);
        BenchInput.deleteTree(repo);
        return Long.parseLong(out);
    }

    /**
     * In a fresh JVM: adds the file and prints the peak live heap: the largest heap occupancy right
     * after a garbage collection (what the add really holds), sampled every 2 ms.
     */
    private static void peakHeapChild(Path input, Path repoDir) throws Exception {
        long[] peak = {0};
        List<java.lang.management.MemoryPoolMXBean> heapPools = java.lang.management.ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == java.lang.management.MemoryType.HEAP && pool.getCollectionUsage() != null).toList();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                long live = 0;
                for (var pool : heapPools) live += pool.getCollectionUsage().getUsed();
                peak[0] = Math.max(peak[0], live);
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        try (Repo repo = Repo.open(repoDir)) {
            new UnixfsImporter(repo.blockstore(), ImportOptions.unixfsV1_2025()).importPath(input);
        }
        sampler.interrupt();
        sampler.join();
        System.out.println(peak[0]);
    }

    private static String target(Throughput t) {
        return t.best() * 1048576 >= 1e9 ? "target ≥ 1 GB/s: met" : "below the 1 GB/s target";
    }

    private static String fmt(double mibs) {
        return String.format(Locale.ROOT, "%.0f", mibs);
    }

    private static String pct(double r) {
        return String.format(Locale.ROOT, "%.0f%%", r * 100);
    }

    private static String ratio(double r) {
        return String.format(Locale.ROOT, "%.2f×", r);
    }
}
