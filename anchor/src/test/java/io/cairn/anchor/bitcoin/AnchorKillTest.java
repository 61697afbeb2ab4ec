package io.cairn.anchor.bitcoin;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.anchor.AnchorException;
import io.cairn.anchor.Digest;
import io.cairn.anchor.TestDigests;
import io.cairn.anchor.proof.AnchorPayload;
import io.cairn.anchor.proof.AnchorProof;
import io.cairn.anchor.queue.AnchorQueue;
import io.cairn.anchor.queue.Batch;
import io.cairn.anchor.queue.BatchState;
import io.cairn.anchor.queue.BatchSummary;
import io.cairn.anchor.queue.HashStatus;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bitcoinj.base.BitcoinNetwork;
import org.bitcoinj.core.Block;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionOutput;
import org.bitcoinj.crypto.ECKey;
import org.bitcoinj.script.Script;
import org.bitcoinj.script.ScriptOpCodes;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 at each step of anchoring: a child JVM ({@link AnchorKillWorker}) runs the service against a
 * bcoin regtest node and is SIGKILLed when it reports the step; the service then restarts on the same
 * queue and runs to FINAL. No acknowledged digest is lost, and scanning the whole chain finds each
 * batch's root in exactly one OP_RETURN (no batch anchored twice, none by a stranger).
 */
@Tag("interop")
class AnchorKillTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"queued", "closed", "signed", "sent", "broadcast", "confirmed"})
    void aKillAtAnyStepLosesNoDigestAndAnchorsNoBatchTwice(String step) throws Exception {
        try (BcoinRegtest node = BcoinRegtest.start()) {
            BitcoinRpc rpc = node.rpc();
            ECKey key = new ECKey(), minerKey = new ECKey();
            String address = BcoinRegtest.p2pkhAddress(key), miner = BcoinRegtest.p2pkhAddress(minerKey);
            rpc.generateToAddress(101, address);
            Path queueDir = dir.resolve("queue");

            int acked = runAndKill(step, queueDir, node, key, miner);
            assertThat(acked).isPositive();

            try (AnchorQueue queue = new AnchorQueue(queueDir)) {
                AnchorService service = new AnchorService(queue, rpc, new AnchorWallet(key, rpc, 0),
                        new AnchorService.Settings(100_000, Duration.ofHours(6), 2, 10), Clock.systemUTC());
                for (int round = 0; round < 20 && !allFinal(queue); round++) {
                    service.flush();
                    try {
                        service.tick();
                    } catch (AnchorException e) {
                        // a transient failure (the wallet waits for a confirmation): the next round continues
                    }
                    rpc.generateToAddress(1, miner);
                }
                assertThat(allFinal(queue)).as("every batch FINAL after the restart: %s\n%s", queue.summaries(), node.log()).isTrue();

                List<Digest> ackedDigests = TestDigests.random(acked, AnchorKillWorker.SEED);
                Map<Long, Batch> batches = new HashMap<>();
                for (Digest d : ackedDigests) {
                    HashStatus s = queue.status(d).orElseThrow(() -> new AssertionError("acknowledged digest lost: " + d));
                    assertThat(s).isInstanceOf(HashStatus.Batched.class);
                    long id = ((HashStatus.Batched) s).batchId();
                    batches.computeIfAbsent(id, i -> queue.batch(i).orElseThrow());
                }
                AnchorProof proof = service.proof(ackedDigests.get(acked - 1)).orElseThrow();
                proof.verify(rpc.blockHeader(rpc.blockHash(proof.height())));

                Map<String, Integer> onChain = cairnRootsOnChain(rpc);
                List<String> expected = new ArrayList<>();
                for (BatchSummary b : queue.summaries()) expected.add(queue.batch(b.id()).orElseThrow().root().hex());
                assertThat(expected).as("the batches holding the acknowledged digests").containsAll(batches.values().stream().map(b -> b.root().hex()).toList());
                assertThat(onChain.keySet()).as("Cairn OP_RETURNs on chain are exactly the batches' roots").containsExactlyInAnyOrderElementsOf(expected);
                assertThat(onChain.values()).as("each batch anchored exactly once").allMatch(n -> n == 1);
            }
        }
    }

    /** Starts the worker, waits for it to report {@code step} (or, for queued, 400 acknowledged digests), SIGKILLs it; returns how many digests it acknowledged. */
    private static int runAndKill(String step, Path queueDir, BcoinRegtest node, ECKey key, String miner) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                AnchorKillWorker.class.getName(), step, queueDir.toString(), Integer.toString(node.rpcPort()), BcoinRegtest.apiKey(),
                key.getPrivateKeyAsWiF(BitcoinNetwork.REGTEST), miner).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        int acked = 0;
        List<String> seen = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                seen.add(line);
                if (line.startsWith("acked ")) acked = Integer.parseInt(line.substring(6));
                boolean there = step.equals("queued") ? acked >= 400 : line.equals("at " + step);
                if (there) {
                    p.destroyForcibly(); // SIGKILL: no shutdown hook, no flush, no close
                    break;
                }
            }
        }
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("killed by SIGKILL at %s after %s", step, seen).isEqualTo(137);
        return acked;
    }

    private static boolean allFinal(AnchorQueue queue) {
        return queue.depth() == 0 && !queue.summaries().isEmpty() && queue.summaries().stream().allMatch(b -> b.state() == BatchState.FINAL);
    }

    /** Every Cairn OP_RETURN root in the best chain, with how many times it occurs. */
    private static Map<String, Integer> cairnRootsOnChain(BitcoinRpc rpc) {
        Map<String, Integer> roots = new HashMap<>();
        byte[] tag = "CAIRN".getBytes(StandardCharsets.US_ASCII);
        long tip = rpc.blockCount();
        for (long h = 1; h <= tip; h++) {
            Block block = Block.read(ByteBuffer.wrap(rpc.block(rpc.blockHash(h))));
            for (Transaction tx : block.getTransactions()) {
                for (TransactionOutput o : tx.getOutputs()) {
                    Script s = o.getScriptPubKey();
                    if (s.chunks().isEmpty() || !s.chunks().get(0).equalsOpCode(ScriptOpCodes.OP_RETURN) || s.chunks().size() < 2) continue;
                    byte[] data = s.chunks().get(1).data;
                    if (data == null || data.length < tag.length || !Arrays.equals(data, 0, tag.length, tag, 0, tag.length)) continue;
                    roots.merge(AnchorPayload.decode(data).root().hex(), 1, Integer::sum);
                }
            }
        }
        return roots;
    }
}
