package io.cairn.ipfs.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.ipfs.repo.Repo;
import io.cairn.multiformats.Cid;
import io.cairn.multiformats.Multicodec;
import io.cairn.multiformats.Multihash;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The Blockstore contract, run against every implementation. */
class BlockstoreContractTest {
    @TempDir
    Path dir;

    static Stream<String> kinds() {
        return Stream.of("memory", "packs", "rocksdb");
    }

    private void withStore(String kind, Consumer<Blockstore> test) {
        if (kind.equals("memory")) {
            test.accept(new MemoryBlockstore());
            return;
        }
        try (Repo repo = Repo.open(dir.resolve(kind), Repo.BlockstoreKind.valueOf(kind.toUpperCase()))) {
            test.accept(repo.blockstore());
        }
    }

    private static Block block(int i, int size) {
        byte[] d = new byte[size];
        new java.util.SplittableRandom(i).nextBytes(d);
        return new Block(Cid.sha256(1, Multicodec.RAW, d), d);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void putGetHasSizeDeleteAndStats(String kind) {
        withStore(kind, store -> {
            Block a = block(1, 1000), b = block(2, 300_000);
            assertThat(store.has(a.cid())).isFalse();
            assertThat(store.size(a.cid())).isEqualTo(-1);
            assertThatThrownBy(() -> store.get(a.cid())).isInstanceOf(BlockNotFoundException.class);
            store.putAll(List.of(a, b, a));
            assertThat(store.get(a.cid())).isEqualTo(a.data());
            assertThat(store.get(b.cid())).isEqualTo(b.data());
            assertThat(store.size(b.cid())).isEqualTo(300_000);
            store.sync();
            assertThat(store.stats()).isEqualTo(new BlockstoreStats(2, 301_000));
            // the same multihash under another codec or version is the same block
            Cid v0 = Cid.v0(Multihash.sha256(a.data()));
            assertThat(store.has(v0)).isTrue();
            store.delete(a.cid());
            store.sync();
            assertThat(store.has(a.cid())).isFalse();
            assertThat(store.stats()).isEqualTo(new BlockstoreStats(1, 300_000));
            Set<Cid> listed = new HashSet<>();
            store.forEach(listed::add);
            assertThat(listed).containsExactly(Cid.v1(Multicodec.RAW, b.cid().multihash()));
        });
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void identityCidsAreAnsweredWithoutBeingStored(String kind) {
        withStore(kind, store -> {
            Cid id = Cid.v1(Multicodec.RAW, Multihash.identity("inline".getBytes()));
            assertThat(store.has(id)).isTrue();
            assertThat(store.get(id)).isEqualTo("inline".getBytes());
            store.put(new Block(id, "inline".getBytes()));
            assertThat(store.stats().blockCount()).isZero();
        });
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void concurrentWritersAndReadersSeeEveryBlock(String kind) {
        withStore(kind, store -> {
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int base = t * 100;
                threads.add(Thread.ofPlatform().start(() -> {
                    for (int i = base; i < base + 100; i++) {
                        Block blk = block(i, 5000);
                        store.put(blk);
                        assertThat(store.get(blk.cid())).isEqualTo(blk.data());
                    }
                }));
            }
            for (Thread th : threads) {
                try {
                    th.join();
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            }
            store.sync();
            assertThat(store.stats().blockCount()).isEqualTo(400);
        });
    }
}
