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
}
