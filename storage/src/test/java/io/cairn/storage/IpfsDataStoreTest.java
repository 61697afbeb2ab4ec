package io.cairn.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.dwn.store.DataStore;
import io.cairn.interop.NodePeer;
import io.cairn.ipfs.repo.Repo;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IpfsDataStoreTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALICE = "did:example:alice";

    @TempDir
    Path dir;

    /** Sizes around the chunk (256 KiB) and the first tree level (174 chunks) boundaries. */
    private static final List<Long> SIZES = List.of(0L, 1L, 200L, 262_143L, 262_144L, 262_145L, 1_048_576L,
            174L * 262_144, 174L * 262_144 + 1);

    @Test
    void dataCidsAndSizesAreTheSdks() throws Exception {
        byte[] out = NodePeer.runBytes("../dwn/data-cid-sdk.mjs", List.of(dir.resolve("sdk").toString()),
                JSON.writeValueAsBytes(Map.of("sizes", SIZES)), Duration.ofMinutes(5));
        JsonNode sdk = JSON.readTree(new String(out, StandardCharsets.UTF_8));
        try (Repo repo = Repo.open(dir.resolve("repo")); DwnStores stores = DwnStores.open(repo)) {
            for (int i = 0; i < SIZES.size(); i++) {
                long size = SIZES.get(i);
                String expected = sdk.get(i).get("dataCid").asText();
                assertThat(stores.dataCidComputer().computeCid(new PatternStream(size))).as("computed CID of %d bytes", size).isEqualTo(expected);
                DataStore.PutResult put = stores.dataStore().put(ALICE, "record" + size, expected, new PatternStream(size));
                assertThat(put.dataCid()).as("stored CID of %d bytes", size).isEqualTo(expected);
                assertThat(put.dataSize()).isEqualTo(sdk.get(i).get("dataSize").asLong()).isEqualTo(size);
                DataStore.GetResult got = stores.dataStore().get(ALICE, "record" + size, expected).orElseThrow();
                assertThat(got.dataSize()).isEqualTo(size);
                try (InputStream data = got.data()) {
                    assertThat(data).hasSameContentAs(new PatternStream(size));
                }
            }
        }
    }

    @Test
    void dataIsReferencedPerRecordAndCollectedWhenNoneRemains() throws Exception {
        try (Repo repo = Repo.open(dir.resolve("repo")); DwnStores stores = DwnStores.open(repo)) {
            DataStore data = stores.dataStore();
            long size = 3 * 262_144 + 5;
            String cid = stores.dataCidComputer().computeCid(new PatternStream(size));
            data.put(ALICE, "r1", cid, new PatternStream(size));
            data.put(ALICE, "r2", cid, new PatternStream(size));
            data.put("did:example:bob", "r1", cid, new PatternStream(size));
            assertThat(data.get("did:example:bob", "r2", cid)).as("another tenant's record").isEmpty();
            long blocks = repo.blockstore().stats().blockCount();
            assertThat(blocks).isEqualTo(3); // the pattern repeats every 64 KiB: one full-chunk leaf, the 5-byte leaf, the root

            data.delete(ALICE, "r1", cid);
            data.delete("did:example:bob", "r1", cid);
            repo.collectGarbage();
            assertThat(repo.blockstore().stats().blockCount()).as("r2 still references the data").isEqualTo(blocks);
            try (InputStream in = data.get(ALICE, "r2", cid).orElseThrow().data()) {
                assertThat(in).hasSameContentAs(new PatternStream(size));
            }
            assertThat(data.get(ALICE, "r1", cid)).isEmpty();

            data.delete(ALICE, "r2", cid);
            repo.collectGarbage();
            assertThat(repo.blockstore().stats().blockCount()).as("no reference left").isZero();
        }
    }

    @Test
    void garbageCollectionOfTheRepoAloneKeepsReferencedDataOnceTheStoresAreOpenedIfPresent() throws Exception {
        long size = 2 * 262_144 + 1;
        String cid;
        try (Repo repo = Repo.open(dir.resolve("repo"))) {
            assertThat(DwnStores.openIfPresent(repo)).as("a repo the DWN never used").isEmpty();
            try (DwnStores stores = DwnStores.open(repo)) {
                cid = stores.dataCidComputer().computeCid(new PatternStream(size));
                stores.dataStore().put(ALICE, "r1", cid, new PatternStream(size));
            }
        }
        try (Repo repo = Repo.open(dir.resolve("repo")); DwnStores stores = DwnStores.openIfPresent(repo).orElseThrow()) {
            repo.collectGarbage(); // as `cairn repo gc` does with the node stopped
            try (InputStream in = stores.dataStore().get(ALICE, "r1", cid).orElseThrow().data()) {
                assertThat(in).hasSameContentAs(new PatternStream(size));
            }
        }
    }

    @Test
    void dataStoredUnderAnotherCidIsNotFoundAndAReferenceCommitsWithItsTransaction() throws Exception {
        try (Repo repo = Repo.open(dir.resolve("repo")); DwnStores stores = DwnStores.open(repo)) {
            DataStore data = stores.dataStore();
            byte[] bytes = "hello".getBytes(StandardCharsets.UTF_8);
            DataStore.PutResult put = data.put(ALICE, "r1", "bafkreiwrongcid", new ByteArrayInputStream(bytes));
            assertThat(put.dataCid()).isEqualTo(stores.dataCidComputer().computeCid(new ByteArrayInputStream(bytes)));
            assertThat(data.get(ALICE, "r1", "bafkreiwrongcid")).isEmpty();
            data.delete(ALICE, "r1", "bafkreiwrongcid");

            try {
                stores.database().transaction(() -> {
                    data.put(ALICE, "r2", put.dataCid(), new ByteArrayInputStream(bytes));
                    throw new IllegalStateException("the message was rejected");
                });
            } catch (IllegalStateException expected) {
                // the reference was never committed
            }
            assertThat(data.get(ALICE, "r2", put.dataCid())).isEmpty();
            repo.collectGarbage(); // GC is not blocked by the abandoned transaction's write guard
            assertThat(repo.blockstore().stats().blockCount()).isZero();
        }
    }
}
