package io.cairn.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.interop.NodePeer;
import io.cairn.ipfs.repo.Repo;
import io.cairn.ipfs.unixfs.ImportOptions;
import io.cairn.ipfs.unixfs.UnixfsExporter;
import io.cairn.ipfs.unixfs.UnixfsImporter;
import io.cairn.multiformats.Cid;
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
 * SHA-256 limit and Helia's importer, cat throughput from a warm repo, and peak heap of add for
 * 100 MiB versus 1 GiB (each add in a fresh JVM with a 32 MiB heap cap). Prints a Markdown table.
 */
public final class IpfsBenchmark {
    private static final long GIB = 1L << 30;
    private static final int RUNS = 3;

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--peak-heap-add")) {
            peakHeapChild(Path.of(args[1]), Path.of(args[2]));
            return;
        }
        Path work = Files.createDirectories(Path.of(args.length > 0 ? args[0] : "bench/results/tmp"));
        long size = args.length > 1 ? Long.parseLong(args[1]) : GIB;
        Path input = BenchInput.randomFile(work, "input-" + size + ".bin", size, 42);
        List<String[]> rows = new ArrayList<>();

        double sha = best(() -> sha256Pass(input, 1 << 20), size);
        rows.add(row("SHA-256 of the input, one thread, 1 MiB reads (the limit)", sha, "—"));

        for (String profile : List.of("kubo", "unixfs-v1-2025")) {
            ImportOptions options = ImportOptions.profile(profile);
            Cid[] root = new Cid[1];
            double cairn = best(() -> root[0] = add(work.resolve("repo-" + profile), Repo.BlockstoreKind.PACKS, options, input), size);
            if (profile.equals("unixfs-v1-2025")) {
                double rocks = best(() -> add(work.resolve("repo-rocks"), Repo.BlockstoreKind.ROCKSDB, options, input), size);
                rows.add(row("Cairn add, " + profile + ", block bytes as RocksDB values (the rejected layout)", rocks, ratio(rocks / cairn) + " the pack layout"));
                Path shm = Path.of("/dev/shm");
                if (Files.isDirectory(shm) && Files.isWritable(shm)) {
                    Path tmpfsRepo = shm.resolve("cairn-bench-repo");
                    double inMemoryDisk = best(() -> add(tmpfsRepo, Repo.BlockstoreKind.PACKS, options, input), size);
                    BenchInput.deleteTree(tmpfsRepo);
                    rows.add(row("Cairn add, " + profile + ", pack repo on tmpfs (no disk in the way)", inMemoryDisk,
                            pct(inMemoryDisk / sha) + " of SHA-256"));
                }
            }
            double heliaMem = heliaThroughput(input, profile, "memory", size, root[0]);
            Path fsDir = work.resolve("helia-fs");
            double heliaFs = heliaThroughput(input, profile, "fs:" + fsDir, size, root[0]);
            rows.add(row("Cairn add, " + profile + " profile, into the repo on disk (packs, fsync before return)", cairn,
                    pct(cairn / sha) + " of SHA-256; " + ratio(cairn / heliaMem) + " Helia (memory blockstore), "
                            + ratio(cairn / heliaFs) + " Helia (blockstore-fs)"));
            rows.add(row("Helia importer, " + profile + ", MemoryBlockstore", heliaMem, "—"));
            rows.add(row("Helia importer, " + profile + ", blockstore-fs", heliaFs, "—"));

            if (profile.equals("unixfs-v1-2025")) {
                try (Repo repo = Repo.open(work.resolve("repo-" + profile))) {
                    UnixfsExporter exporter = new UnixfsExporter(repo.blockstore());
                    double cat = best(() -> exporter.read(root[0], 0, -1, OutputStream.nullOutputStream()), size);
                    rows.add(row("Cairn cat from a warm repo (UnixfsExporter.read to a null sink)", cat, cat >= 1e9 / 1048576 ? "≥ 1 GB/s target met" : "below the 1 GB/s target"));
                }
            }
        }

        long peakSmall = peakHeapOfAdd(work, BenchInput.randomFile(work, "input-100m.bin", 100L << 20, 7));
        long peakLarge = peakHeapOfAdd(work, input);
        System.out.println();
        System.out.println("| benchmark | MiB/s | compared |");
        System.out.println("|---|---:|---|");
        rows.forEach(r -> System.out.println("| " + r[0] + " | " + r[1] + " | " + r[2] + " |"));
        System.out.printf(Locale.ROOT, "| peak live heap of add (after GC; -Xmx32m), 100 MiB input | %d MiB | |%n", peakSmall >> 20);
        System.out.printf(Locale.ROOT, "| peak live heap of add (after GC; -Xmx32m), %d MiB input | %d MiB | %s |%n", size >> 20, peakLarge >> 20,
                ratio((double) peakLarge / peakSmall) + " the 100 MiB figure");
        BenchInput.deleteTree(work.resolve("repo-kubo"));
        BenchInput.deleteTree(work.resolve("repo-rocks"));
        BenchInput.deleteTree(work.resolve("repo-unixfs-v1-2025"));
        BenchInput.deleteTree(work.resolve("helia-fs"));
    }

    private static Cid add(Path repoDir, Repo.BlockstoreKind kind, ImportOptions options, Path input) throws Exception {
        BenchInput.deleteTree(repoDir);
        try (Repo repo = Repo.open(repoDir, kind)) {
            return new UnixfsImporter(repo.blockstore(), options).importPath(input).root();
        }
    }

    interface Run {
        void run() throws Exception;
    }

    /** Runs a warm-up and {@link #RUNS} measured runs; returns the best throughput in MiB/s. */
    private static double best(Run run, long bytes) throws Exception {
        run.run();
        double best = 0;
        for (int i = 0; i < RUNS; i++) {
            long t = System.nanoTime();
            run.run();
            double mibs = bytes / 1048576.0 / ((System.nanoTime() - t) / 1e9);
            best = Math.max(best, mibs);
        }
        return best;
    }

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

    private static double heliaThroughput(Path input, String profile, String store, long size, Cid expectedRoot) throws Exception {
        double best = 0;
        for (int i = 0; i < RUNS; i++) {
            if (store.startsWith("fs:")) BenchInput.deleteTree(Path.of(store.substring(3)));
            Process p = new ProcessBuilder(NodePeer.nodeBinary().toString(), "--max-old-space-size=4096",
                    NodePeer.projectRoot().resolve("interop/js/bench-import.mjs").toString(), input.toString(), profile, store)
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) throw new IllegalStateException("Helia benchmark failed: " + out);
            JsonNode r = new ObjectMapper().readTree(out);
            if (!r.get("root").asText().equals(expectedRoot.toString())) {
                throw new IllegalStateException("Helia's root " + r.get("root") + " differs from Cairn's " + expectedRoot);
            }
            best = Math.max(best, size / 1048576.0 / (r.get("ms").asDouble() / 1000));
        }
        return best;
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

    private static String[] row(String name, double mibs, String compared) {
        return new String[] {name, String.format(Locale.ROOT, "%.0f", mibs), compared};
    }

    private static String pct(double r) {
        return String.format(Locale.ROOT, "%.0f%%", r * 100);
    }

    private static String ratio(double r) {
        return String.format(Locale.ROOT, "%.2f×", r);
    }
}
