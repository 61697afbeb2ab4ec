package io.cairn.ipfs.unixfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.error.CairnException;
import io.cairn.ipfs.block.BlockNotFoundException;
import io.cairn.ipfs.block.MemoryBlockstore;
import io.cairn.multiformats.Cid;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnixfsExporterTest {
    /** Small chunks and few links, so a few KiB make a three-level tree. */
    private static final ImportOptions DEEP = new ImportOptions(1, false, 64, 3);

    @Property(tries = 300)
    void everyRangeReadsTheSameBytesAsTheOriginalSlice(
            @ForAll @IntRange(min = 0, max = 3000) int size, @ForAll @IntRange(min = 0, max = 3200) int offset,
            @ForAll @IntRange(min = -1, max = 3200) int length, @ForAll boolean rawLeaves) throws IOException {
        byte[] data = TestFiles.bytes(size, size);
        MemoryBlockstore store = new MemoryBlockstore();
        Cid root = new UnixfsImporter(store, DEEP.withRawLeaves(rawLeaves)).importFile(new ByteArrayInputStream(data)).root();
        UnixfsExporter exporter = new UnixfsExporter(store);
        int from = Math.min(offset, size);
        int to = length == -1 ? size : (int) Math.min(size, (long) from + length);
        byte[] expected = Arrays.copyOfRange(data, from, Math.max(from, to));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        exporter.read(root, offset, length, out);
        assertThat(out.toByteArray()).isEqualTo(expected);
        try (InputStream in = exporter.open(root, offset, length)) {
            assertThat(in.readAllBytes()).isEqualTo(expected);
        }
        assertThat(exporter.stat(root).size()).isEqualTo(size);
    }

    @Test
    void aRangeReadVisitsOnlyTheBlocksItNeeds() {
        byte[] data = TestFiles.bytes(1, 64 * 27);
        MemoryBlockstore store = new MemoryBlockstore();
        Cid root = new UnixfsImporter(store, DEEP).importFile(new ByteArrayInputStream(data)).root();
        UnixfsExporter exporter = new UnixfsExporter(store);
        // one leaf at the end: the root, one node per level, the leaf
        assertThat(exporter.blocksForRange(root, 64 * 26 + 3, 10)).hasSize(4);
        assertThat(exporter.blocksForRange(root, 0, -1)).hasSize(1 + 3 + 9 + 27);
    }

    @Test
    void aMissingBlockIsANotFoundErrorNotWrongBytes() {
        byte[] data = TestFiles.bytes(2, 64 * 10);
        MemoryBlockstore store = new MemoryBlockstore();
        Cid root = new UnixfsImporter(store, DEEP).importFile(new ByteArrayInputStream(data)).root();
        UnixfsExporter exporter = new UnixfsExporter(store);
        Cid lastLeaf = exporter.blocksForRange(root, 64 * 9, 1).getLast();
        store.delete(lastLeaf);
        ByteArrayOutputStream prefix = new ByteArrayOutputStream();
        exporter.read(root, 0, 64 * 9, prefix);
        assertThat(prefix.toByteArray()).isEqualTo(Arrays.copyOf(data, 64 * 9));
        assertThatThrownBy(() -> exporter.readAll(root)).isInstanceOf(BlockNotFoundException.class).hasMessageContaining(lastLeaf.toString());
    }

    @Test
    void resolvesPathsListsDirectoriesAndExportsTrees(@TempDir Path dir) throws IOException {
        Path tree = Files.createDirectories(dir.resolve("tree/sub"));
        Files.writeString(dir.resolve("tree/a.txt"), "hello");
        Files.writeString(tree.resolve("b.txt"), "world");
        MemoryBlockstore store = new MemoryBlockstore();
        Cid root = new UnixfsImporter(store, ImportOptions.kubo()).importPath(dir.resolve("tree")).root();
        UnixfsExporter exporter = new UnixfsExporter(store);
        assertThat(exporter.stat(root).isDirectory()).isTrue();
        assertThat(exporter.list(root)).extracting(DirectoryEntry::name).containsExactly("a.txt", "sub");
        assertThat(exporter.readAll(exporter.resolve(root, "sub/b.txt"))).isEqualTo("world".getBytes());
        assertThatThrownBy(() -> exporter.resolve(root, "nope")).isInstanceOf(CairnException.class)
                .extracting(e -> ((CairnException) e).kind()).isEqualTo(CairnException.Kind.NOT_FOUND);
        assertThatThrownBy(() -> exporter.readAll(root)).isInstanceOf(UnixfsException.class).hasMessageContaining("not a file");
        exporter.exportTo(root, dir.resolve("out"));
        assertThat(Files.readString(dir.resolve("out/sub/b.txt"))).isEqualTo("world");
    }

    @Test
    void symlinksImportAsLinksAndExportAsLinks(@TempDir Path dir) throws IOException {
        Path tree = Files.createDirectories(dir.resolve("tree"));
        Files.writeString(tree.resolve("a.txt"), "hello");
        Files.createSymbolicLink(tree.resolve("link"), Path.of("a.txt"));
        MemoryBlockstore store = new MemoryBlockstore();
        Cid root = new UnixfsImporter(store, ImportOptions.helia()).importPath(tree).root();
        UnixfsExporter exporter = new UnixfsExporter(store);
        assertThat(exporter.stat(exporter.resolve(root, "link")).kind()).isEqualTo(UnixfsStat.Kind.SYMLINK);
        exporter.exportTo(root, dir.resolve("out"));
        assertThat(Files.readSymbolicLink(dir.resolve("out/link"))).isEqualTo(Path.of("a.txt"));
        assertThat(Files.readString(dir.resolve("out/link"))).isEqualTo("hello");
    }

    @Test
    void anExportNeverWritesThroughALinkOfTheSameName(@TempDir Path dir) throws IOException {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        MemoryBlockstore store = new MemoryBlockstore();
        // a hostile DAG: "a" is first a link to the outside directory, then a directory holding a file
        Cid link = put(store, new UnixfsData(UnixfsType.SYMLINK, outside.toString().getBytes(), null, new long[0], null, null), java.util.List.of());
        Cid file = Cid.sha256(1, io.cairn.multiformats.Multicodec.RAW, "pwned".getBytes());
        store.put(new io.cairn.ipfs.block.Block(file, "pwned".getBytes()));
        Cid inner = put(store, UnixfsData.directory(), java.util.List.of(new io.cairn.codec.dagpb.PbLink(file, "evil.txt", 5L)));
        Cid root = put(store, UnixfsData.directory(), java.util.List.of(
                new io.cairn.codec.dagpb.PbLink(link, "a", 1L), new io.cairn.codec.dagpb.PbLink(inner, "a", 1L)));
        assertThatThrownBy(() -> new UnixfsExporter(store).exportTo(root, dir.resolve("out"))).isInstanceOf(UnixfsException.class)
                .hasMessageContaining("two entries named 'a'");
        assertThat(outside.resolve("evil.txt")).doesNotExist();
    }

    private static Cid put(MemoryBlockstore store, UnixfsData data, java.util.List<io.cairn.codec.dagpb.PbLink> links) {
        byte[] block = io.cairn.codec.dagpb.DagPb.encode(new io.cairn.codec.dagpb.PbNode(data.marshal(), links));
        Cid cid = Cid.sha256(1, io.cairn.multiformats.Multicodec.DAG_PB, block);
        store.put(new io.cairn.ipfs.block.Block(cid, block));
        return cid;
    }

    @Test
    void aCorruptedBlockFailsTheReadNamingItAndNoneOfItsBytesAreWritten() throws IOException {
        byte[] data = TestFiles.bytes(3, 64 * 10);
        for (boolean rawLeaves : new boolean[] {false, true}) {
            MemoryBlockstore store = new MemoryBlockstore();
            Cid root = new UnixfsImporter(store, DEEP.withRawLeaves(rawLeaves)).importFile(new ByteArrayInputStream(data)).root();
            UnixfsExporter exporter = new UnixfsExporter(store);
            Cid sixth = exporter.blocksForRange(root, 64 * 5, 1).getLast();
            byte[] bad = store.get(sixth).clone();
            bad[bad.length - 1] ^= 1;
            store.put(new io.cairn.ipfs.block.Block(sixth, bad)); // what a damaged disk would hand back

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThatThrownBy(() -> exporter.read(root, 0, -1, out)).isInstanceOf(UnixfsException.class)
                    .hasMessageContaining(sixth.toString())
                    .extracting(e -> ((CairnException) e).kind()).isEqualTo(CairnException.Kind.STORAGE);
            assertThat(out.size()).isLessThanOrEqualTo(64 * 5);
            assertThat(out.toByteArray()).isEqualTo(Arrays.copyOf(data, out.size()));
            assertThatThrownBy(() -> {
                try (InputStream in = exporter.open(root, 64 * 5, 10)) {
                    in.readAllBytes();
                }
            }).isInstanceOf(UnixfsException.class).hasMessageContaining(sixth.toString());
            // the blocks before it still read
            assertThat(exporter.open(root, 0, 64 * 5).readAllBytes()).isEqualTo(Arrays.copyOf(data, 64 * 5));
        }
    }

    @Test
    void aCorruptedRootIsNeverDecoded() {
        MemoryBlockstore store = new MemoryBlockstore();
        Cid root = new UnixfsImporter(store, DEEP).importFile(new ByteArrayInputStream(TestFiles.bytes(4, 200))).root();
        store.put(new io.cairn.ipfs.block.Block(root, new byte[] {0x0a, 0x02, 0x08, 0x01})); // a valid directory node
        UnixfsExporter exporter = new UnixfsExporter(store);
        assertThatThrownBy(() -> exporter.stat(root)).isInstanceOf(UnixfsException.class).hasMessageContaining(root.toString()).hasMessageContaining("corrupt");
        assertThatThrownBy(() -> exporter.list(root)).isInstanceOf(UnixfsException.class).hasMessageContaining("corrupt");
    }

    @Test
    void aFileNodeWrittenDataBeforeLinksStillReads() {
        MemoryBlockstore store = new MemoryBlockstore();
        byte[] a = "hello ".getBytes(), b = "world".getBytes();
        Cid ca = Cid.sha256(1, io.cairn.multiformats.Multicodec.RAW, a), cb = Cid.sha256(1, io.cairn.multiformats.Multicodec.RAW, b);
        store.put(new io.cairn.ipfs.block.Block(ca, a));
        store.put(new io.cairn.ipfs.block.Block(cb, b));
        byte[] canonical = io.cairn.codec.dagpb.DagPb.encode(new io.cairn.codec.dagpb.PbNode(UnixfsData.fileParent(new long[] {6, 5}).marshal(),
                java.util.List.of(new io.cairn.codec.dagpb.PbLink(ca, "", 6L), new io.cairn.codec.dagpb.PbLink(cb, "", 5L))));
        // move the trailing Data field to the front, as older encoders wrote it
        int dataFieldLength = 2 + UnixfsData.fileParent(new long[] {6, 5}).marshal().length;
        byte[] legacy = new byte[canonical.length];
        System.arraycopy(canonical, canonical.length - dataFieldLength, legacy, 0, dataFieldLength);
        System.arraycopy(canonical, 0, legacy, dataFieldLength, canonical.length - dataFieldLength);
        Cid root = Cid.sha256(1, io.cairn.multiformats.Multicodec.DAG_PB, legacy);
        store.put(new io.cairn.ipfs.block.Block(root, legacy));
        assertThat(new String(new UnixfsExporter(store).readAll(root))).isEqualTo("hello world");
    }

    @Test
    void mtimeAndModeRoundTripThroughTheDataMessage() {
        UnixfsData withMeta = new UnixfsData(UnixfsType.FILE, new byte[] {1, 2}, 2L, new long[0], null, null, 0644, new UnixfsTime(-5, 123));
        assertThat(UnixfsData.unmarshal(withMeta.marshal())).isEqualTo(withMeta);
        UnixfsData noNanos = new UnixfsData(UnixfsType.DIRECTORY, null, null, new long[0], null, null, 0755, new UnixfsTime(1_700_000_000L, null));
        assertThat(UnixfsData.unmarshal(noNanos.marshal())).isEqualTo(noNanos);
        // field order 1..8: type, data, filesize, then mode (7 -> key 0x38) and mtime (8 -> key 0x42)
        assertThat(java.util.HexFormat.of().formatHex(noNanos.marshal())).isEqualTo("0801" + "38ed03" + "4206" + "0880e2cfaa06");
    }

    @Test
    void blocksizesThatOverflowAreAnInvalidNodeNotANegativeSize() {
        MemoryBlockstore store = new MemoryBlockstore();
        byte[] block = io.cairn.codec.dagpb.DagPb.encode(new io.cairn.codec.dagpb.PbNode(
                new UnixfsData(UnixfsType.FILE, null, null, new long[] {Long.MAX_VALUE, Long.MAX_VALUE}, null, null).marshal(), java.util.List.of()));
        Cid root = Cid.sha256(1, io.cairn.multiformats.Multicodec.DAG_PB, block);
        store.put(new io.cairn.ipfs.block.Block(root, block));
        assertThatThrownBy(() -> new UnixfsExporter(store).read(root, 0, -1, OutputStream.nullOutputStream()))
                .isInstanceOf(UnixfsException.class).hasMessageContaining("2^63");
    }

    @Property(tries = 1000)
    void anyBytesAsUnixfsDataReadOrFailWithACairnException(@ForAll byte[] bytes) {
        try {
            UnixfsData.unmarshal(bytes);
        } catch (CairnException expected) {
            // the only failure allowed
        }
    }

    @Test
    void aShardedDirectoryResolvesANameByItsHashReadingOneBlockPerLevel(@TempDir Path dir) throws IOException {
        Path tree = Files.createDirectories(dir.resolve("big"));
        String pad = "n".repeat(200);
        int count = 1500; // ~240 bytes of link each: past the 256 KiB shard threshold
        for (int i = 0; i < count; i++) Files.writeString(tree.resolve(pad + i), "entry " + i);
        MemoryBlockstore memory = new MemoryBlockstore();
        Cid root = new UnixfsImporter(memory, ImportOptions.helia()).importPath(tree).root();
        CountingBlockstore store = new CountingBlockstore(memory);
        UnixfsExporter exporter = new UnixfsExporter(store);
        assertThat(exporter.stat(root).kind()).isEqualTo(UnixfsStat.Kind.HAMT_DIRECTORY);
        assertThat(exporter.list(root)).hasSize(count);
        for (int i = 0; i < count; i += 7) {
            store.gets.set(0);
            Cid file = exporter.resolve(root, pad + i);
            assertThat(store.gets.get()).as("blocks read to resolve one name").isBetween(1, 3);
            assertThat(new String(exporter.readAll(file))).isEqualTo("entry " + i);
        }
        assertThatThrownBy(() -> exporter.resolve(root, pad + count)).isInstanceOf(CairnException.class)
                .extracting(e -> ((CairnException) e).kind()).isEqualTo(CairnException.Kind.NOT_FOUND);
        assertThatThrownBy(() -> exporter.resolve(root, "x")).isInstanceOf(CairnException.class)
                .extracting(e -> ((CairnException) e).kind()).isEqualTo(CairnException.Kind.NOT_FOUND);
    }

    /** Well-formed UnixFS messages with arbitrary (often inconsistent) field values, and arbitrary bytes. */
    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<byte[]> unixfsMessages() {
        var sizes = net.jqwik.api.Arbitraries.longs().between(0, Long.MAX_VALUE).edgeCases(c -> c.add(0L))
                .array(long[].class).ofMaxSize(4);
        var messages = net.jqwik.api.Combinators.combine(
                net.jqwik.api.Arbitraries.of(UnixfsType.class),
                net.jqwik.api.Arbitraries.bytes().array(byte[].class).ofMaxSize(20).injectNull(0.3),
                net.jqwik.api.Arbitraries.longs().between(0, 200).injectNull(0.2),
                sizes,
                net.jqwik.api.Arbitraries.longs().between(0, 300).injectNull(0.3),
                net.jqwik.api.Arbitraries.of(0x22L, 0L).injectNull(0.2))
                .as((type, data, fileSize, blockSizes, fanout, hashType) ->
                        new UnixfsData(type, data, fileSize, blockSizes, hashType, fanout).marshal());
        return net.jqwik.api.Arbitraries.oneOf(messages, net.jqwik.api.Arbitraries.bytes().array(byte[].class).ofMaxSize(30));
    }

    @Property(tries = 2000)
    void anyNodeUnderAValidCidReadsOrFailsWithACairnException(
            @ForAll("unixfsMessages") byte[] unixfsData, @ForAll @net.jqwik.api.constraints.Size(max = 3) java.util.List<byte[]> children,
            @ForAll @IntRange(min = 0, max = 100) int offset, @ForAll @IntRange(min = -1, max = 100) int length) {
        MemoryBlockstore store = new MemoryBlockstore();
        java.util.List<io.cairn.codec.dagpb.PbLink> links = new java.util.ArrayList<>();
        for (byte[] child : children) {
            Cid c = Cid.sha256(1, io.cairn.multiformats.Multicodec.RAW, child);
            store.put(new io.cairn.ipfs.block.Block(c, child));
            links.add(new io.cairn.codec.dagpb.PbLink(c, "", (long) child.length));
        }
        byte[] block = io.cairn.codec.dagpb.DagPb.encode(new io.cairn.codec.dagpb.PbNode(unixfsData, links));
        Cid root = Cid.sha256(1, io.cairn.multiformats.Multicodec.DAG_PB, block);
        store.put(new io.cairn.ipfs.block.Block(root, block));
        UnixfsExporter exporter = new UnixfsExporter(store);
        for (Runnable op : java.util.List.<Runnable>of(
                () -> exporter.stat(root),
                () -> exporter.list(root),
                () -> exporter.resolve(root, "a/b"),
                () -> exporter.read(root, offset, length, OutputStream.nullOutputStream()),
                () -> exporter.blocksForRange(root, offset, length))) {
            try {
                op.run();
            } catch (CairnException expected) {
                // the only failure allowed
            }
        }
    }
}
