package io.cairn.ipfs.car;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.interop.NodePeer;
import io.cairn.ipfs.block.MemoryBlockstore;
import io.cairn.ipfs.unixfs.ImportOptions;
import io.cairn.ipfs.unixfs.ImportResult;
import io.cairn.ipfs.unixfs.UnixfsExporter;
import io.cairn.ipfs.unixfs.UnixfsImporter;
import io.cairn.multiformats.Cid;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CARs between Cairn and Helia, both ways, in the same run. */
@Tag("interop")
class CarInteropTest {
    @TempDir
    Path dir;

    private Path randomFile(String name, int size, long seed) throws IOException {
        byte[] b = new byte[size];
        new SplittableRandom(seed).nextBytes(b);
        return Files.write(dir.resolve(name), b);
    }

    @Test
    void aCarWrittenByCairnImportsIntoHeliaWithTheSameCidsAndBytes() throws IOException {
        Path file = randomFile("in.bin", 3_000_000, 1);
        try (NodePeer helia = NodePeer.start("car.mjs")) {
            for (ImportOptions options : List.of(ImportOptions.kubo(), ImportOptions.helia())) {
                MemoryBlockstore store = new MemoryBlockstore();
                ImportResult added = new UnixfsImporter(store, options).importPath(file);
                Path car = dir.resolve("cairn.car");
                try (OutputStream out = Files.newOutputStream(car)) {
                    CarExporter.exportDag(store, added.root(), out);
                }
                Path back = dir.resolve("helia-read.bin");
                JsonNode reply = helia.request(Map.of("op", "import", "car", car.toString(), "root", added.root().toString(), "out", back.toString()));
                assertThat(reply.get("roots").get(0).asText()).isEqualTo(added.root().toString());
                assertThat(Files.mismatch(back, file)).as("bytes Helia reads back from Cairn's CAR").isEqualTo(-1L);
            }
        }
    }

    @Test
    void aCarWrittenByHeliaImportsIntoCairnWithTheSameRootAndBytes() throws IOException {
        Path file = randomFile("helia.bin", 2_500_000, 2);
        Path car = dir.resolve("helia.car");
        String root;
        try (NodePeer helia = NodePeer.start("car.mjs")) {
            root = helia.request(Map.of("op", "export", "file", file.toString(), "car", car.toString())).get("root").asText();
        }
        MemoryBlockstore store = new MemoryBlockstore();
        CarImportResult imported;
        try (InputStream in = Files.newInputStream(car)) {
            imported = CarImporter.importCar(in, store);
        }
        assertThat(imported.roots()).containsExactly(Cid.parse(root));
        assertThat(new UnixfsExporter(store).readAll(Cid.parse(root))).isEqualTo(Files.readAllBytes(file));
        // and Cairn's own import of the same file with Helia's defaults names the same root
        assertThat(new UnixfsImporter(new MemoryBlockstore(), ImportOptions.helia()).importPath(file).root().toString()).isEqualTo(root);
    }
}
