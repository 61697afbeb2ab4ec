package io.cairn.anchor.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.anchor.Digest;
import io.cairn.anchor.merkle.MerkleTree;
import io.cairn.anchor.proof.BatchProofs;
import io.cairn.anchor.TestDigests;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnchorQueueTest {
    @TempDir
    Path dir;

    @Test
    void queuesOnceClosesBatchesInArrivalOrderAndRemembersAcrossRestarts() {
        List<Digest> d = TestDigests.random(10, 1);
        long batchId;
        try (AnchorQueue q = new AnchorQueue(dir)) {
            assertThat(q.enqueueAll(d.subList(0, 7), Priority.NORMAL)).isEqualTo(7);
            assertThat(q.enqueue(d.get(3), Priority.NORMAL)).isFalse();
            assertThat(q.depth()).isEqualTo(7);
            Batch b = q.closeBatch(5).orElseThrow();
            batchId = b.id();
            assertThat(b.leaves()).containsExactlyElementsOf(d.subList(0, 5));
            assertThat(b.root()).isEqualTo(MerkleTree.build(d.subList(0, 5)).root());
            assertThat(q.status(d.get(0))).contains(new HashStatus.Batched(batchId));
            assertThat(q.status(d.get(6))).contains(new HashStatus.Queued());
            assertThat(q.status(d.get(9))).isEmpty();
            assertThat(q.enqueue(d.get(0), Priority.NORMAL)).as("a batched digest is not queued again").isFalse();
        }
        try (AnchorQueue q = new AnchorQueue(dir)) {
            assertThat(q.depth()).isEqualTo(2);
            assertThat(q.batch(batchId).orElseThrow().state()).isEqualTo(BatchState.CLOSED);
            assertThat(q.advance(batchId, BatchState.CLOSED, BatchState.SIGNED)).isTrue();
            assertThat(q.advance(batchId, BatchState.CLOSED, BatchState.SIGNED)).as("compare-and-set").isFalse();
            assertThat(q.batchesIn(BatchState.SIGNED)).extracting(Batch::id).containsExactly(batchId);
            Batch second = q.closeBatch(100).orElseThrow();
            assertThat(second.id()).isEqualTo(batchId + 1);
            assertThat(second.leaves()).containsExactlyElementsOf(d.subList(5, 7));
            assertThat(q.closeBatch(100)).isEmpty();
            assertThat(q.status(d.get(4))).contains(new HashStatus.Batched(batchId));
            assertThat(q.status(d.get(5))).contains(new HashStatus.Batched(second.id()));
            assertThat(q.enqueueAll(d.subList(7, 10), Priority.NORMAL)).isEqualTo(3);
            assertThat(q.status(d.get(8))).contains(new HashStatus.Queued());
            Batch third = q.closeBatch(1).orElseThrow();
            assertThat(q.status(d.get(7))).contains(new HashStatus.Batched(third.id()));
            assertThat(q.status(d.get(8))).contains(new HashStatus.Queued());
        }
    }

    @Test
    void urgentDigestsAskForABatchUntilOneTakesThem() {
        try (AnchorQueue q = new AnchorQueue(dir)) {
            q.enqueue(TestDigests.random(1, 5).get(0), Priority.NORMAL);
            assertThat(q.hasUrgent()).isFalse();
            q.enqueue(TestDigests.random(1, 6).get(0), Priority.URGENT);
            assertThat(q.hasUrgent()).isTrue();
            q.closeBatch(10);
            assertThat(q.hasUrgent()).isFalse();
        }
    }

    @Test
    void concurrentEnqueuesShareCommitsAndLoseNothing() throws Exception {
        List<Digest> d = TestDigests.random(4000, 7);
        try (AnchorQueue q = new AnchorQueue(dir)) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<Boolean>> results = new ArrayList<>();
            for (Digest x : d) results.add(pool.submit(() -> q.enqueue(x, Priority.NORMAL)));
            for (Digest x : d.subList(0, 100)) results.add(pool.submit(() -> q.enqueue(x, Priority.NORMAL)));
            int added = 0;
            for (Future<Boolean> f : results) if (f.get()) added++;
            pool.shutdown();
            assertThat(added).isEqualTo(4000);
            assertThat(q.depth()).isEqualTo(4000);
            assertThat(new HashSet<>(q.closeBatch(10_000).orElseThrow().leaves())).isEqualTo(new HashSet<>(d));
        }
    }

    /** Child process: enqueues one digest at a time and prints each after enqueue returned. */
    public static final class Enqueuer {
        public static void main(String[] args) throws Exception {
            try (AnchorQueue q = new AnchorQueue(Path.of(args[0]))) {
                for (Digest d : TestDigests.random(1_000_000, 11)) {
                    q.enqueue(d, Priority.NORMAL);
                    System.out.println(d.hex());
                    System.out.flush();
                }
            }
        }
    }

    @Test
    void everyAcknowledgedEnqueueSurvivesSigkill() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Enqueuer.class.getName(), dir.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Set<Digest> acked = new HashSet<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && acked.size() < 300) acked.add(Digest.parse(line));
            child.destroyForcibly();
            child.waitFor();
        }
        try (AnchorQueue q = new AnchorQueue(dir)) {
            for (Digest d : acked) assertThat(q.status(d)).as(d.hex()).contains(new HashStatus.Queued());
            Batch all = q.closeBatch(1_000_000).orElseThrow();
            assertThat(all.leaves()).hasSize((int) all.leaves().stream().distinct().count());
            assertThat(all.leaves()).containsAll(acked);
        }
    }

    @Test
    void aMillionDigestBatchClosesWithItsRootAndEveryDigestBatched() {
        List<Digest> d = TestDigests.random(1_000_000, 12);
        try (AnchorQueue q = new AnchorQueue(dir)) {
            for (int i = 0; i < d.size(); i += 100_000) q.enqueueAll(d.subList(i, i + 100_000), Priority.NORMAL);
            q.enqueue(TestDigests.random(1, 13).get(0), Priority.NORMAL); // one more than the batch takes
            Batch b = q.closeBatch(1_000_000).orElseThrow();
            assertThat(b.leaves()).hasSize(1_000_000);
            assertThat(b.root()).isEqualTo(MerkleTree.build(d).root());
            assertThat(q.depth()).isEqualTo(1);
            assertThat(q.summaries()).singleElement().satisfies(s -> assertThat(s.size()).isEqualTo(1_000_000));
            for (int i : new int[] {0, 1, 499_999, 999_999}) assertThat(q.status(d.get(i))).contains(new HashStatus.Batched(b.id()));
            BatchProofs proofs = new BatchProofs(b.leaves(), new byte[1], new io.cairn.anchor.proof.BlockInclusion(0, List.of()), new byte[80], 1);
            MerkleTree tree = b.tree();
            assertThat(tree.path(999_999).rootFor(d.get(999_999))).isEqualTo(b.root());
            assertThat(proofs.proof(d.get(123_456)).orElseThrow().root()).isEqualTo(b.root());
        }
    }
}
