package io.cairn.ipfs.unixfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.error.CairnException;
import io.cairn.ipfs.block.MemoryBlockstore;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tree arriving entry by entry gives the same CIDs as importing it from disk; misplaced entries are refused. */
class UnixfsTreeImporterTest {
    @TempDir
    Path dir;

    private static ByteArrayInputStream bytes(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void entriesInAnyOrderWithinTheirDirectoryGiveTheDiskImportsCids() throws Exception {
        Files.createDirectories(dir.resolve("tree/sub/deeper"));
        Files.createDirectories(dir.resolve("tree/empty"));
        Files.writeString(dir.resolve("tree/b.txt"), "bee");
        Files.writeString(dir.resolve("tree/a.txt"), "ay");
        Files.writeString(dir.resolve("tree/sub/c.txt"), "sea");
        for (ImportOptions options : List.of(ImportOptions.kubo(), ImportOptions.helia())) {
            List<UnixfsImporter.AddedEntry> fromDisk = new ArrayList<>();
            new UnixfsImporter(new MemoryBlockstore(), options).importPath(dir.resolve("tree"), fromDisk::add, b -> {});
            List<UnixfsTreeImporter.Added> streamed = new ArrayList<>();
            UnixfsTreeImporter tree = new UnixfsTreeImporter(new MemoryBlockstore(), options, false, streamed::add);
            tree.directory("tree");
            tree.file("tree/b.txt", bytes("bee"));
            tree.file("tree/a.txt", bytes("ay"));
            tree.directory("tree/empty");
            tree.directory("tree/sub");
            tree.file("tree/sub/c.txt", bytes("sea"));
            tree.directory("tree/sub/deeper");
            tree.finish();
            assertThat(streamed.get(streamed.size() - 1).cid()).isEqualTo(fromDisk.get(fromDisk.size() - 1).cid());
            assertThat(streamed.get(streamed.size() - 1).root()).isTrue();
            assertThat(streamed.stream().filter(UnixfsTreeImporter.Added::root)).hasSize(1);
        }
    }

    @Test
    void wrappingAndRefusals() {
        List<UnixfsTreeImporter.Added> out = new ArrayList<>();
        UnixfsTreeImporter wrapped = new UnixfsTreeImporter(new MemoryBlockstore(), ImportOptions.kubo(), true, out::add);
        wrapped.file("x", bytes("x"));
        wrapped.file("y", bytes("y"));
        assertThat(wrapped.finish()).isPresent();
        assertThat(out).extracting(UnixfsTreeImporter.Added::root).containsExactly(false, false, true);

        List<UnixfsTreeImporter.Added> implicit = new ArrayList<>();
        UnixfsTreeImporter tree = new UnixfsTreeImporter(new MemoryBlockstore(), ImportOptions.kubo(), false, implicit::add);
        tree.directory("t");
        tree.file("u/v/x", bytes("x"));
        assertThat(implicit).extracting(UnixfsTreeImporter.Added::path).containsExactly("t", "u/v/x");
        assertThatThrownBy(() -> tree.file("t/y", bytes("y"))).isInstanceOf(CairnException.class).hasMessage("the entries of 't' must arrive together");
        assertThatThrownBy(() -> tree.file("t/../x", bytes("x"))).hasMessageContaining("invalid path");
        UnixfsTreeImporter twice = new UnixfsTreeImporter(new MemoryBlockstore(), ImportOptions.kubo(), false, a -> {});
        twice.directory("t");
        twice.file("t/x", bytes("x"));
        assertThatThrownBy(() -> twice.file("t/x", bytes("x"))).hasMessageContaining("appears twice");
    }
}
