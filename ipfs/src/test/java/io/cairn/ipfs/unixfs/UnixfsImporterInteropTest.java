package io.cairn.ipfs.unixfs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.interop.NodePeer;
import io.cairn.ipfs.block.Blockstore;
import io.cairn.ipfs.block.MemoryBlockstore;
import io.cairn.multiformats.Cid;
import io.cairn.multiformats.Multibase;
import io.cairn.multiformats.Multicodec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cairn's importer against the reference importer (ipfs-unixfs-importer, run by Node in the same
 * test run): same root CID and the same blocks, byte for byte, for each profile at every chunk and
 * link boundary, one input over 100 MiB, and a directory tree.
 */
@Tag("interop")
class UnixfsImporterInteropTest {
    private static NodePeer reference;

    @TempDir
    static Path dir;

    @BeforeAll
    static void startReference() {
        reference = NodePeer.start("unixfs-import.mjs");
    }

    @AfterAll
    static void stopReference() {
        reference.close();
    }

    /** A Cairn options preset and the same parameters as the reference takes them. */
    record Profile(String name, ImportOptions cairn, Map<String, Object> reference) {}

    static Map<String, Object> explicit(ImportOptions o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cidVersion", o.cidVersion());
        m.put("rawLeaves", o.rawLeaves());
        m.put("chunkSize", o.chunkSize());
        m.put("maxChildrenPerNode", o.maxLinksPerNode());
        return m;
    }

    static List<Profile> profiles() {
        ImportOptions v1Raw256 = new ImportOptions(1, true, 262144, 174);
        ImportOptions v1Raw1m = new ImportOptions(1, true, 1048576, 174);
        return List.of(
                new Profile("kubo", ImportOptions.kubo(), explicit(ImportOptions.kubo())),
                new Profile("kubo (reference profile unixfs-v0-2015)", ImportOptions.kubo(), Map.of("profile", "unixfs-v0-2015")),
                new Profile("cidv1 raw 256k", v1Raw256, explicit(v1Raw256)),
                new Profile("cidv1 raw 1m", v1Raw1m, explicit(v1Raw1m)),
                new Profile("unixfs-v1-2025", ImportOptions.unixfsV1_2025(), Map.of("profile", "unixfs-v1-2025")),
                new Profile("helia defaults", ImportOptions.helia(), Map.of("profile", "helia")),
                new Profile("cidv1 dag-pb leaves, small chunks", new ImportOptions(1, false, 1000, 11), explicit(new ImportOptions(1, false, 1000, 11))));
    }

    /** Sizes on every chunk and link boundary, and on the next level's boundary when it is cheap. */
    static List<Long> boundarySizes(ImportOptions o, long maxBytes) {
        long c = o.chunkSize(), l = o.maxLinksPerNode();
        List<Long> sizes = new ArrayList<>(List.of(0L, 1L, c - 1, c, c + 1, 2 * c + 1));
        for (long level = l * c; level <= maxBytes; level *= l) {
            sizes.addAll(List.of(level - 1, level, level + 1));
        }
        return sizes;
    }

    @Test
    void sameRootAndBlocksAtEveryBoundaryForEveryProfile() throws IOException {
        long seed = 1;
        for (Profile p : profiles()) {
            // the link boundary of 1024 x 1 MiB is a 1 GiB file: covered by the 1024-link test below
            for (long size : boundarySizes(p.cairn, 200L * 1024 * 1024)) {
                Path file = TestFiles.write(dir, "f-" + seed, seed++, size);
                assertSameAsReference(p, file, size <= 4L * 1024 * 1024);
                Files.delete(file);
            }
        }
    }

    @Test
    void sameRootForAnInputOver100MiBInEveryProfile() throws IOException {
        Path file = TestFiles.write(dir, "big", 4242, 100L * 1024 * 1024 + 12345);
        for (Profile p : profiles()) assertSameAsReference(p, file, false);
        Files.delete(file);
    }

    @Test
    void sameRootAndBlocksAtTheLinkBoundaryOfThe1024LinkProfiles() throws IOException {
        // 1024 links x 1 MiB chunks: the first two-level tree starts at 1 GiB + 1 byte; the three sizes
        // around it are prefixes of one file, read to that length by both importers
        ImportOptions o = ImportOptions.unixfsV1_2025();
        long boundary = (long) o.chunkSize() * o.maxLinksPerNode();
        Path file = TestFiles.write(dir, "gib", 77, boundary + 1);
        for (Profile p : List.of(profiles().get(4), profiles().get(5))) {
            assertThat(p.cairn.chunkSize() * (long) p.cairn.maxLinksPerNode()).isEqualTo(boundary);
            for (long size : List.of(boundary - 1, boundary, boundary + 1)) assertSameAsReference(p, file, size);
        }
        Files.delete(file);
    }

    @Test
    void sameRootAndBlocksForADirectoryTree() throws IOException {
        Path root = Files.createDirectories(dir.resolve("tree"));
        Files.createDirectories(root.resolve("sub/deeper"));
        Files.createDirectories(root.resolve("empty-dir"));
        Files.write(root.resolve("empty.txt"), new byte[0]);
        Files.write(root.resolve("B-upper.txt"), "upper".getBytes());
        Files.write(root.resolve("a.txt"), "hello".getBytes());
        Files.write(root.resolve("été.txt"), "unicode name".getBytes());
        Files.write(root.resolve("sub/big.bin"), TestFiles.bytes(9, 700_000));
        Files.write(root.resolve("sub/deeper/x"), TestFiles.bytes(10, 10));
        Files.createSymbolicLink(root.resolve("sub/link-to-x"), Path.of("deeper/x"));
        Files.createSymbolicLink(root.resolve("dangling"), Path.of("../nowhere"));
        for (Profile p : profiles()) assertSameAsReference(p, root, true);
    }

    @Test
    void sameRootAndBlocksForDirectoriesJustUnderAndOverTheShardThreshold() throws IOException {
        // 5,000 entries stay a flat directory under both size rules; 6,000 become a HAMT shard
        for (int count : new int[] {5000, 6000}) {
            Path root = Files.createDirectories(dir.resolve("many-" + count));
            Files.createDirectories(root.resolve("sub"));
            Files.write(root.resolve("sub/inner.txt"), "inner".getBytes());
            for (int i = 0; i < count; i++) Files.write(root.resolve(String.format("file-%05d.txt", i)), Integer.toString(i).getBytes());
            for (Profile p : List.of(profiles().get(0), profiles().get(4), profiles().get(5))) assertSameAsReference(p, root, true);
        }
    }

    private void assertSameAsReference(Profile p, Path input, boolean compareBytes) {
        Blockstore store = compareBytes ? new MemoryBlockstore() : new CidRecordingBlockstore();
        ImportResult cairn = new UnixfsImporter(store, p.cairn).importPath(input);
        JsonNode ref = reference.request(Map.of("path", input.toString(), "options", p.reference, "withBytes", compareBytes));
        assertSameBlocks(p, input + " (" + describe(input) + ")", store, cairn, ref, compareBytes);
    }

    /** Compares the import of the first {@code length} bytes of {@code file} (by CID: too big to hold). */
    private void assertSameAsReference(Profile p, Path file, long length) throws IOException {
        Blockstore store = new CidRecordingBlockstore();
        ImportResult cairn;
        try (InputStream in = new BoundedInputStream(Files.newInputStream(file), length)) {
            cairn = new UnixfsImporter(store, p.cairn).importFile(in);
        }
        assertThat(cairn.size()).isEqualTo(length);
        JsonNode ref = reference.request(Map.of("path", file.toString(), "options", p.reference, "withBytes", false, "length", length));
        assertSameBlocks(p, "first " + length + " bytes of " + file.getFileName(), store, cairn, ref, false);
    }

    private static void assertSameBlocks(Profile p, String input, Blockstore store, ImportResult cairn, JsonNode ref, boolean compareBytes) {
        String what = p.name + " / " + input;
        assertThat(cairn.root().toString()).as("root CID for " + what).isEqualTo(ref.get("root").asText());

        Map<String, String> refBlocks = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = ref.get("blocks").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            refBlocks.put(rawForm(Cid.parse(e.getKey())), e.getValue().asText());
        }
        Map<String, String> ours = new TreeMap<>();
        store.forEach(cid -> ours.put(rawForm(cid), compareBytes ? HexFormat.of().formatHex(store.get(cid)) : ""));
        assertThat(ours).as("blocks for " + what).isEqualTo(refBlocks);
    }

    /** The first {@code limit} bytes of a stream. */
    private static final class BoundedInputStream extends java.io.FilterInputStream {
        private long left;

        BoundedInputStream(InputStream in, long limit) {
            super(in);
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left == 0) return -1;
            int b = super.read();
            if (b >= 0) left--;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left == 0) return -1;
            int n = super.read(b, off, (int) Math.min(len, left));
            if (n > 0) left -= n;
            return n;
        }
    }

    private static String describe(Path p) {
        try {
            return Files.isDirectory(p) ? "directory" : Files.size(p) + " bytes";
        } catch (IOException e) {
            return "?";
        }
    }

    /** Blocks compared by multihash (the reference's memory blockstore keys them that way too). */
    private static String rawForm(Cid c) {
        return Cid.v1(Multicodec.RAW, c.multihash()).toString(Multibase.BASE32);
    }
}
