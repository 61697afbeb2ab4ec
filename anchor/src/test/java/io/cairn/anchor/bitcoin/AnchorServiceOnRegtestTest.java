package io.cairn.anchor.bitcoin;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.anchor.Digest;
import io.cairn.anchor.TestDigests;
import io.cairn.anchor.proof.AnchorProof;
import io.cairn.anchor.queue.AnchorQueue;
import io.cairn.anchor.queue.Batch;
import io.cairn.anchor.queue.BatchState;
import io.cairn.anchor.queue.Priority;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.bitcoinj.crypto.ECKey;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The anchoring service driving batches to FINAL on a real regtest node, across a restart. */
@Tag("interop")
class AnchorServiceOnRegtestTest {
    private static final AnchorService.Settings SETTINGS = new AnchorService.Settings(1000, Duration.ofHours(6), 3, 10);

    @TempDir
    Path dir;

    @Test
    void queuedDigestsEndInAFinalAnchorWhoseProofsVerify() throws Exception {
        try (BcoinRegtest node = BcoinRegtest.start(); AnchorQueue queue = new AnchorQueue(dir.resolve("q"))) {
            BitcoinRpc rpc = node.rpc();
            ECKey key = new ECKey();
            String address = BcoinRegtest.p2pkhAddress(key);
            rpc.generateToAddress(101, address);
            AnchorService service = new AnchorService(queue, rpc, new AnchorWallet(key, rpc, 0), SETTINGS, Clock.systemUTC());

            List<Digest> digests = TestDigests.random(25, 3);
            queue.enqueueAll(digests, Priority.NORMAL);
            service.tick();
            assertThat(queue.batchesIn(BatchState.CLOSED)).as("nothing closes before size, time or flush").isEmpty();
            service.flush();
            service.tick();
            Batch batch = queue.batchesIn(BatchState.BROADCAST).getFirst();
            assertThat(batch.leaves()).containsExactlyElementsOf(digests);
            assertThat(service.proof(digests.get(0))).isEmpty();

            rpc.generateToAddress(1, address);
            service.tick();
            assertThat(queue.batch(batch.id()).orElseThrow().state()).isEqualTo(BatchState.CONFIRMED);
            rpc.generateToAddress(2, address);
            service.tick();
            assertThat(queue.batch(batch.id()).orElseThrow().state()).isEqualTo(BatchState.FINAL);

            for (Digest d : digests) {
                AnchorProof proof = service.proof(d).orElseThrow();
                proof.verify(rpc.blockHeader(rpc.blockHash(proof.height())));
            }
        }
    }

    @Test
    void aBatchSignedBeforeACrashIsBroadcastWithTheSameTransactionAfterIt() throws Exception {
        try (BcoinRegtest node = BcoinRegtest.start()) {
            BitcoinRpc rpc = node.rpc();
            ECKey key = new ECKey();
            String address = BcoinRegtest.p2pkhAddress(key);
            rpc.generateToAddress(101, address);
            byte[] signed;
            long batchId;
            try (AnchorQueue queue = new AnchorQueue(dir.resolve("q"))) {
                AnchorWallet wallet = new AnchorWallet(key, rpc, 0);
                wallet.sync();
                AnchorService before = new AnchorService(queue, rpc, wallet, SETTINGS, Clock.systemUTC());
                queue.enqueueAll(TestDigests.random(5, 4), Priority.URGENT);
                before.closeDueBatch();
                before.signClosedBatches(); // ... and the process dies before broadcasting
                batchId = queue.batchesIn(BatchState.SIGNED).getFirst().id();
                signed = queue.anchor(batchId).orElseThrow().transaction();
            }
            try (AnchorQueue queue = new AnchorQueue(dir.resolve("q"))) {
                AnchorService after = new AnchorService(queue, rpc, new AnchorWallet(key, rpc, 0), SETTINGS, Clock.systemUTC());
                after.tick();
                assertThat(queue.batch(batchId).orElseThrow().state()).isEqualTo(BatchState.BROADCAST);
                assertThat(queue.anchor(batchId).orElseThrow().transaction()).isEqualTo(signed);
                assertThat(node.awaitInMempool(AnchorService.txid(signed))).isTrue();
                assertThat(rpc.call("getrawmempool").size()).as("one anchor, not two").isEqualTo(1);
            }
        }
    }

    @Test
    void aReorgThatDropsTheAnchorBlockIsFollowedToANewBlockAndTheProofsAreRebuilt() throws Exception {
        try (BcoinRegtest node = BcoinRegtest.start(); AnchorQueue queue = new AnchorQueue(dir.resolve("q"))) {
            BitcoinRpc rpc = node.rpc();
            ECKey key = new ECKey();
            String address = BcoinRegtest.p2pkhAddress(key);
            rpc.generateToAddress(101, address);
            AnchorService service = new AnchorService(queue, rpc, new AnchorWallet(key, rpc, 0), SETTINGS, Clock.systemUTC());
            List<Digest> digests = TestDigests.random(9, 8);
            queue.enqueueAll(digests, Priority.URGENT);
            service.tick();
            String first = rpc.generateToAddress(1, address).getFirst();
            service.tick();
            Batch batch = queue.batchesIn(BatchState.CONFIRMED).getFirst();
            assertThat(queue.anchor(batch.id()).orElseThrow().blockHash()).isEqualTo(first);

            rpc.call("invalidateblock", first); // the anchor's block leaves the best chain
            rpc.generateToAddress(2, address); // a competing, longer chain without it
            service.tick(); // sees the reorg: back to BROADCAST, and the same transaction goes out again
            service.tick();
            assertThat(node.awaitInMempool(AnchorService.txid(queue.anchor(batch.id()).orElseThrow().transaction()))).isTrue();
            String second = rpc.generateToAddress(1, address).getFirst();
            service.tick();
            assertThat(queue.batch(batch.id()).orElseThrow().state()).isEqualTo(BatchState.CONFIRMED);
            assertThat(queue.anchor(batch.id()).orElseThrow().blockHash()).isEqualTo(second);
            for (Digest d : digests) {
                AnchorProof proof = service.proof(d).orElseThrow();
                proof.verify(rpc.blockHeader(rpc.blockHash(proof.height())));
            }
        }
    }

    @Test
    void anchorsAreFollowedToFinalOnANodeWithoutATransactionIndex() throws Exception {
        try (BcoinRegtest node = BcoinRegtest.start(false, false); AnchorQueue queue = new AnchorQueue(dir.resolve("q"))) {
            BitcoinRpc rpc = node.rpc();
            ECKey key = new ECKey();
            String address = BcoinRegtest.p2pkhAddress(key);
            rpc.generateToAddress(101, address);
            AnchorService service = new AnchorService(queue, rpc, new AnchorWallet(key, rpc, 0), SETTINGS, Clock.systemUTC());
            List<Digest> digests = TestDigests.random(5, 9);
            queue.enqueueAll(digests, Priority.URGENT);
            service.tick();
            Batch batch = queue.batchesIn(BatchState.BROADCAST).getFirst();
            String txid = AnchorService.txid(queue.anchor(batch.id()).orElseThrow().transaction());
            rpc.generateToAddress(3, address);
            assertThat(node.backend().blockOf(txid)).as("the node cannot say where a mined transaction is").isEmpty();
            service.tick();
            assertThat(queue.batch(batch.id()).orElseThrow().state()).isEqualTo(BatchState.FINAL);
            for (Digest d : digests) {
                AnchorProof proof = service.proof(d).orElseThrow();
                proof.verify(rpc.blockHeader(rpc.blockHash(proof.height())));
            }
        }
    }
}
