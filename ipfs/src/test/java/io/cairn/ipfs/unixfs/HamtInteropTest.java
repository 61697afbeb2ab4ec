package io.cairn.ipfs.unixfs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.interop.NodePeer;
import io.cairn.ipfs.block.MemoryBlockstore;
import io.cairn.ipfs.car.CarImporter;
import io.cairn.multiformats.Cid;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A HAMT-sharded directory written by the reference importer reads back through Cairn's exporter. */
@Tag("interop")
class HamtInteropTest {
    @Test
    void listsAndResolvesEveryEntryOfAShardedDirectory(@TempDir Path dir) throws Exception {
        Path car = dir.resolve("hamt.car");
        Process p = new ProcessBuilder(NodePeer.nodeBinary().toString(),
                NodePeer.projectRoot().resolve("interop/js/unixfs-hamt.mjs").toString(), car.toString(), "600")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        Cid root = Cid.parse(new ObjectMapper().readTree(out).get("root").asText());

        MemoryBlockstore store = new MemoryBlockstore();
        try (InputStream in = Files.newInputStream(car)) {
            CarImporter.importCar(in, store);
        }
        UnixfsExporter exporter = new UnixfsExporter(store);
        assertThat(exporter.stat(root).kind()).isEqualTo(UnixfsStat.Kind.HAMT_DIRECTORY);
        assertThat(exporter.list(root)).hasSize(600);
        for (int i = 0; i < 600; i += 37) {
            Cid file = exporter.resolve(root, "file-" + i + ".txt");
            assertThat(new String(exporter.readAll(file), StandardCharsets.UTF_8)).isEqualTo("content of file " + i);
        }
    }
}
