package io.cairn.ipfs.block;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.ipfs.repo.Repo;
import io.cairn.multiformats.Cid;
import io.cairn.multiformats.Multicodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackBlockstoreTest {
    @TempDir
    Path dir;

    private static Block block(int i, int size) {
        byte[] d = new byte[size];
        new java.util.SplittableRandom(i).nextBytes(d);
        return new Block(Cid.sha256(1, Multicodec.RAW, d), d);
    }

    private long packBytes() throws IOException {
        try (var s = Files.list(dir.resolve("blocks"))) {
            return s.mapToLong(p -> p.toFile().length()).sum();
        }
    }

    @Test
    void garbageCollectionReclaimsTheSpaceOfDeletedBlocks() throws IOException {
        List<Block> blocks = new ArrayList<>();
        try (Repo repo = Repo.open(dir)) {
            for (int i = 0; i < 40; i++) blocks.add(block(i, 100_000));
            repo.blockstore().putAll(blocks);
            repo.blockstore().sync();
            repo.pins().pinDirect(blocks.get(0).cid());
        }
        // a second session appends to a new position; the first pack is the one to compact
        try (Repo repo = Repo.open(dir)) {
            long before = packBytes();
            assertThat(before).isGreaterThanOrEqualTo(4_000_000);
            repo.collectGarbage();
            assertThat(repo.blockstore().get(blocks.get(0).cid())).isEqualTo(blocks.get(0).data());
            assertThat(repo.stat().numObjects()).isEqualTo(1);
        }
        // the packs end up holding about the one live block, not the 39 dead ones
        try (Repo repo = Repo.open(dir)) {
            repo.collectGarbage();
            assertThat(repo.blockstore().get(blocks.get(0).cid())).isEqualTo(blocks.get(0).data());
        }
        assertThat(packBytes()).isLessThan(1_000_000);
    }

    @Test
    void blocksNotSyncedBeforeACrashAreAbsentNotCorrupt() throws Exception {
        Block synced = block(1, 50_000), unsynced = block(2, 50_000);
        Path repoDir = dir.resolve("r");
        // a child JVM writes one block durably, appends another without sync, then dies by SIGKILL
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), UnsyncedWriter.class.getName(), repoDir.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String line = new String(p.getInputStream().readNBytes(6));
        assertThat(line).isEqualTo("READY\n");
        p.destroyForcibly().waitFor();
        try (Repo repo = Repo.open(repoDir)) {
            assertThat(repo.blockstore().get(synced.cid())).isEqualTo(synced.data());
            assertThat(repo.blockstore().has(unsynced.cid())).isFalse();
            assertThat(repo.verify().ok()).isTrue();
            repo.blockstore().put(unsynced); // appending after the dead bytes works
            repo.blockstore().sync();
            assertThat(repo.blockstore().get(unsynced.cid())).isEqualTo(unsynced.data());
        }
    }

    /** Child process for the crash test. */
    public static final class UnsyncedWriter {
        public static void main(String[] args) throws Exception {
            Repo repo = Repo.open(Path.of(args[0]));
            repo.blockstore().put(block(1, 50_000));
            repo.blockstore().sync();
            repo.blockstore().put(block(2, 50_000));
            System.out.print("READY\n");
            System.out.flush();
            Thread.sleep(60_000);
        }
    }
}
