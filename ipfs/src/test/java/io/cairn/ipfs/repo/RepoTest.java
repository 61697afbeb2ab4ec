package io.cairn.ipfs.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.error.CairnException;
import io.cairn.ipfs.block.Block;
import io.cairn.ipfs.block.BlockNotFoundException;
import io.cairn.ipfs.pin.PinType;
import io.cairn.ipfs.unixfs.ImportOptions;
import io.cairn.ipfs.unixfs.UnixfsImporter;
import io.cairn.multiformats.Cid;
import io.cairn.multiformats.Multicodec;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepoTest {
    @TempDir
    Path dir;

    private static Cid importBytes(Repo repo, int size, long seed) {
        byte[] data = new byte[size];
        new java.util.SplittableRandom(seed).nextBytes(data);
        return new UnixfsImporter(repo.blockstore(), new ImportOptions(1, true, 1024, 4)).importFile(new ByteArrayInputStream(data)).root();
    }

    @Test
    void blocksPinsAndCountersSurviveARestart() {
        Cid root;
        long blocks;
        try (Repo repo = Repo.open(dir)) {
            root = importBytes(repo, 50_000, 1);
            repo.pins().pinRecursive(root);
            blocks = repo.stat().numObjects();
            assertThat(blocks).isGreaterThan(40);
        }
        try (Repo repo = Repo.open(dir)) {
            assertThat(repo.pins().list()).containsEntry(root, PinType.RECURSIVE);
            assertThat(repo.stat().numObjects()).isEqualTo(blocks);
            assertThat(repo.blockstore().has(root)).isTrue();
        }
    }

    @Test
    void garbageCollectionKeepsPinnedDagsAndRemovesTheRest() {
        try (Repo repo = Repo.open(dir)) {
            Cid kept = importBytes(repo, 20_000, 1);
            Cid direct = Cid.sha256(1, Multicodec.RAW, new byte[] {7});
            repo.blockstore().put(new Block(direct, new byte[] {7}));
            Cid dropped = importBytes(repo, 20_000, 2);
            repo.pins().pinRecursive(kept);
            repo.pins().pinDirect(direct);
            GcResult gc = repo.collectGarbage();
            assertThat(gc.blocksRemoved()).isGreaterThan(10);
            assertThat(repo.blockstore().has(dropped)).isFalse();
            assertThat(repo.blockstore().has(direct)).isTrue();
            assertThat(new io.cairn.ipfs.unixfs.UnixfsExporter(repo.blockstore()).readAll(kept)).hasSize(20_000);
            assertThat(repo.stat().numObjects()).isEqualTo(gc.blocksKept());
        }
    }

    @Test
    void garbageCollectionWaitsForWritesInProgress() throws Exception {
        try (Repo repo = Repo.open(dir)) {
            WriteGuard guard = repo.beginWrite();
            Cid unpinnedYet = importBytes(repo, 5_000, 3);
            CompletableFuture<GcResult> gc = CompletableFuture.supplyAsync(repo::collectGarbage);
            Thread.sleep(200);
            assertThat(gc).isNotDone();
            repo.pins().pinRecursive(unpinnedYet);
            guard.close();
            gc.get(10, TimeUnit.SECONDS);
            assertThat(repo.blockstore().has(unpinnedYet)).isTrue();
        }
    }

    @Test
    void pinningAnIncompleteDagFailsAndUnpinningWhatIsNotPinnedIsNotFound() {
        try (Repo repo = Repo.open(dir)) {
            Cid root = importBytes(repo, 10_000, 4);
            Cid leaf = new io.cairn.ipfs.unixfs.UnixfsExporter(repo.blockstore()).blocksForRange(root, 9_999, 1).getLast();
            repo.blockstore().delete(leaf);
            assertThatThrownBy(() -> repo.pins().pinRecursive(root)).isInstanceOf(BlockNotFoundException.class);
            assertThat(repo.pins().list()).isEmpty();
            assertThatThrownBy(() -> repo.pins().unpin(root)).isInstanceOf(CairnException.class)
                    .extracting(e -> ((CairnException) e).kind()).isEqualTo(CairnException.Kind.NOT_FOUND);
        }
    }

    @Test
    void verifyReportsABlockWhoseBytesNoLongerMatch() {
        try (Repo repo = Repo.open(dir)) {
            importBytes(repo, 5_000, 5);
            assertThat(repo.verify().ok()).isTrue();
            // a block stored under the wrong key, as a disk corruption would leave it
            Cid claimed = Cid.sha256(1, Multicodec.RAW, "original".getBytes());
            repo.blockstore().put(new Block(claimed, "tampered".getBytes()));
            VerifyResult r = repo.verify();
            assertThat(r.corrupt()).containsExactly(claimed.toString());
        }
    }

    @Test
    void aSecondOpenOfTheSameRepoIsRefusedClearly() {
        try (Repo repo = Repo.open(dir)) {
            assertThatThrownBy(() -> Repo.open(dir)).isInstanceOf(CairnException.class).hasMessageContaining("in use");
        }
    }

    @Test
    void statCountsBlocksOnceEvenWhenWrittenTwice() {
        try (Repo repo = Repo.open(dir)) {
            Block b = new Block(Cid.sha256(1, Multicodec.RAW, new byte[] {1}), new byte[] {1});
            repo.blockstore().putAll(List.of(b, b));
            repo.blockstore().put(b);
            assertThat(repo.stat().numObjects()).isEqualTo(1);
            assertThat(repo.stat().repoSize()).isEqualTo(1);
            repo.blockstore().delete(b.cid());
            assertThat(repo.stat().numObjects()).isZero();
        }
    }
}
