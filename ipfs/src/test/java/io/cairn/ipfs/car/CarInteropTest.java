package io.cairn.ipfs.car;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.interop.NodePeer;
import io.cairn.ipfs.block.Block;
import io.cairn.ipfs.block.MemoryBlockstore;
import io.cairn.ipfs.unixfs.ImportOptions;
import io.cairn.ipfs.unixfs.ImportResult;
import io.cairn.ipfs.unixfs.UnixfsExporter;
import io.cairn.ipfs.unixfs.UnixfsImporter;
import io.cairn.multiformats.Cid;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * CARs between Cairn and the reference implementations, in the same run: a CAR written by Cairn
 * imports into Helia (interop/js/car-helia.mjs), one written by Helia imports into Cairn, and a CARv2
 * framed around an @ipld/car payload (interop/js/car-v2.mjs) reads with Cairn's CarReader.
 */
@Tag("interop")
class CarInteropTest {
    /** Three 1 MiB chunks and a bit: a root with several links in every profile (kubo: 12 leaves). */
    private static final int FILE_SIZE = 3 * 1_048_576 + 4_321;

    private static NodePeer helia;

    @TempDir
    Path dir;

    @BeforeAll
    static void startHelia() {
        helia = NodePeer.start("car-helia.mjs");
    }

    @AfterAll
    static void stopHelia() {
        if (helia != null) helia.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"kubo", "helia", "unixfs-v1-2025"})
    void aCarWrittenByCairnImportsIntoHeliaWithTheSameCidsAndFileBytes(String profile) throws IOException {
        Path file = randomFile("in.bin", FILE_SIZE, profile.hashCode());
        MemoryBlockstore store = new MemoryBlockstore();
        ImportResult added = new UnixfsImporter(store, ImportOptions.profile(profile)).importPath(file);
        Path car = dir.resolve("cairn.car");
        try (OutputStream out = Files.newOutputStream(car)) {
            CarExporter.exportDag(store, added.root(), out);
        }

        Path back = dir.resolve("helia-read.bin");
        JsonNode reply = helia.request(Map.of("op", "import", "car", car.toString(), "root", added.root().toString(), "out", back.toString()));

        assertThat(texts(reply.get("roots"))).containsExactly(added.root().toString());
        // Helia re-hashed every block against its CID; it names the same blocks, in the same order
        assertThat(texts(reply.get("blocks"))).containsExactlyElementsOf(blockCidsOf(car)).hasSizeGreaterThan(2);
        assertThat(Files.mismatch(back, file)).as("bytes Helia reads back from Cairn's CAR").isEqualTo(-1L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"kubo", "helia"})
    void aCarWrittenByHeliaImportsIntoCairnWithTheSameRootAndFileBytes(String profile) throws IOException {
        ImportOptions options = ImportOptions.profile(profile);
        Path file = randomFile("helia.bin", FILE_SIZE, 7 + profile.hashCode());
        Path car = dir.resolve("helia.car");
        Map<String, Object> request = new LinkedHashMap<>(Map.of("op", "export", "file", file.toString(), "car", car.toString()));
        if (!profile.equals("helia")) {
            request.put("options", Map.of("cidVersion", options.cidVersion(), "rawLeaves", options.rawLeaves(),
                    "chunkSize", options.chunkSize(), "maxChildrenPerNode", options.maxLinksPerNode()));
        }
        JsonNode reply = helia.request(request);
        Cid root = Cid.parse(reply.get("root").asText());

        MemoryBlockstore store = new MemoryBlockstore();
        CarImportResult imported;
        try (InputStream in = Files.newInputStream(car)) {
            imported = CarImporter.importCar(in, store);
        }

        assertThat(imported.roots()).containsExactly(root);
        assertThat(imported.blockCount()).isEqualTo(reply.get("blocks").size());
        assertThat(blockCidsOf(car)).containsExactlyElementsOf(texts(reply.get("blocks")));
        assertThat(new UnixfsExporter(store).readAll(root)).as("bytes Cairn reads from Helia's CAR").isEqualTo(Files.readAllBytes(file));
        // exporting the DAG again, Cairn writes the very same CAR (same header, depth-first block order)
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        CarExporter.exportDag(store, root, again);
        assertThat(again.toByteArray()).as("Cairn's CAR of Helia's DAG").isEqualTo(Files.readAllBytes(car));
        // Cairn's own import of the same file with the same parameters names the same root
        assertThat(new UnixfsImporter(new MemoryBlockstore(), options).importPath(file).root()).isEqualTo(root);
    }

    @ParameterizedTest(name = "padding {0}, {1}")
    @CsvSource({"0, noindex", "13, index", "4096, index"})
    void aCarV2AroundAnIpldCarPayloadReadsWithItsRootsBlocksAndBytes(int padding, String index) throws IOException {
        Path file = randomFile("v2.bin", FILE_SIZE, 11);
        Path car = dir.resolve("v2.car");
        JsonNode written = NodePeer.runJson("car-v2.mjs", file.toString(), car.toString(), Integer.toString(padding), index);
        Cid root = Cid.parse(written.get("root").asText());

        List<String> read = new ArrayList<>();
        try (CarReader reader = CarReader.open(Files.newInputStream(car))) {
            assertThat(reader.version()).isEqualTo(2);
            assertThat(reader.roots()).containsExactly(root);
            for (Block b = reader.next(); b != null; b = reader.next()) read.add(b.cid().toString());
        }
        assertThat(read).as("blocks of the v2 payload (the trailing index is not a block)")
                .containsExactlyElementsOf(texts(written.get("blocks")));

        MemoryBlockstore store = new MemoryBlockstore();
        try (InputStream in = Files.newInputStream(car)) {
            assertThat(CarImporter.importCar(in, store).roots()).containsExactly(root);
        }
        assertThat(new UnixfsExporter(store).readAll(root)).isEqualTo(Files.readAllBytes(file));
    }

    private Path randomFile(String name, int size, long seed) throws IOException {
        byte[] b = new byte[size];
        new SplittableRandom(seed).nextBytes(b);
        return Files.write(dir.resolve(name), b);
    }

    private static List<String> blockCidsOf(Path car) throws IOException {
        List<String> cids = new ArrayList<>();
        try (CarReader reader = CarReader.open(Files.newInputStream(car))) {
            for (Block b = reader.next(); b != null; b = reader.next()) cids.add(b.cid().toString());
        }
        return cids;
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
