package io.cairn.anchor.bitcoin;

import io.cairn.anchor.Digest;
import io.cairn.anchor.TestDigests;
import io.cairn.anchor.queue.AnchorQueue;
import io.cairn.anchor.queue.BatchState;
import io.cairn.anchor.queue.Priority;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.bitcoinj.base.BitcoinNetwork;
import org.bitcoinj.crypto.DumpedPrivateKey;
import org.bitcoinj.crypto.ECKey;

/**
 * The child JVM of {@link AnchorKillTest}: runs the anchoring service's steps against bcoin and says
 * on stdout where it is ({@code acked N}, {@code at STEP}); at the step it was told to die at, it stops
 * and waits for its SIGKILL. Steps: queued (enqueues forever, the parent kills it mid-stream), closed,
 * signed, sent (the transaction reached the node, the batch is still SIGNED on disk), broadcast,
 * confirmed.
 * Usage: AnchorKillWorker STEP QUEUE_DIR RPC_PORT API_KEY WIF MINER_ADDRESS
 */
public final class AnchorKillWorker {
    static final int DIGESTS = 300;
    static final long SEED = 77;

    public static void main(String[] args) throws Exception {
        String step = args[0];
        BitcoinRpc rpc = new BitcoinRpc(URI.create("http://127.0.0.1:" + args[2] + "/"), "x", args[3], Duration.ofSeconds(30));
        ECKey key = DumpedPrivateKey.fromBase58(BitcoinNetwork.REGTEST, args[4]).getKey();
        String miner = args[5];
        AnchorQueue queue = new AnchorQueue(Path.of(args[1]));
        AnchorWallet wallet = new AnchorWallet(key, rpc, 0);
        AnchorService service = new AnchorService(queue, rpc, wallet, new AnchorService.Settings(100_000, Duration.ofHours(6), 2, 10), Clock.systemUTC());
        if (step.equals("queued")) {
            List<Digest> all = TestDigests.random(1_000_000, SEED);
            for (int i = 0; ; i += 50) {
                queue.enqueueAll(all.subList(i, i + 50), Priority.NORMAL);
                say("acked " + (i + 50)); // only after the synced write returned
            }
        }
        queue.enqueueAll(TestDigests.random(DIGESTS, SEED), Priority.NORMAL);
        say("acked " + DIGESTS);
        service.flush();
        service.closeDueBatch();
        reached(step, "closed");
        wallet.sync();
        service.signClosedBatches();
        reached(step, "signed");
        if (step.equals("sent")) {
            long id = queue.batchesIn(BatchState.SIGNED).getFirst().id();
            byte[] tx = queue.anchor(id).orElseThrow().transaction();
            rpc.sendRawTransaction(tx);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!rpc.inMempool(AnchorService.txid(tx)) && System.nanoTime() < deadline) Thread.sleep(50);
            reached(step, "sent");
        }
        service.broadcastSigned();
        reached(step, "broadcast");
        rpc.generateToAddress(1, miner);
        service.followConfirmations();
        reached(step, "confirmed");
        say("done");
    }

    private static void reached(String target, String step) throws InterruptedException {
        say("at " + step);
        if (target.equals(step)) Thread.sleep(Long.MAX_VALUE); // SIGKILL comes here
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
