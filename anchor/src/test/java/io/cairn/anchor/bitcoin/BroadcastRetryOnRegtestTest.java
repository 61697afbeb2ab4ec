package io.cairn.anchor.bitcoin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.anchor.AnchorException;
import io.cairn.anchor.TestDigests;
import io.cairn.anchor.queue.AnchorQueue;
import io.cairn.anchor.queue.AnchorQueue.Delivery;
import io.cairn.anchor.queue.BatchState;
import io.cairn.anchor.queue.Priority;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.bitcoinj.base.ScriptType;
import org.bitcoinj.crypto.ECKey;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A back end that goes down after an anchor is signed: each tick fails clearly, the broadcast is
 * retried with exponential backoff whose state survives a restart of the service, and once the
 * back end is up again the same transaction is broadcast.
 */
@Tag("interop")
class BroadcastRetryOnRegtestTest {
    private static final RetryPolicy RETRY = new RetryPolicy(Duration.ofSeconds(10), Duration.ofMinutes(5), 2);

    @TempDir
    Path dir;

    @Test
    void aFailedBroadcastBacksOffAcrossARestartAndSucceedsWhenTheBackEndReturns() throws Exception {
        try (BcoinRegtest node = BcoinRegtest.start(); TcpProxy proxy = new TcpProxy(node.rpcPort())) {
            WalletKey key = new WalletKey(new ECKey(), ScriptType.P2PKH);
            node.rpc().generateToAddress(101, BcoinRegtest.p2pkhAddress(key.key()));
            ChainBackend chain = new CoreRpcBackend(new BitcoinRpc(URI.create("http://127.0.0.1:" + proxy.port() + "/"), "x",
                    BcoinRegtest.apiKey(), Duration.ofSeconds(5)));
            AnchorService.Settings settings = new AnchorService.Settings(1000, Duration.ofHours(6), 1, FeePolicy.fixed(2), null, RETRY);
            TestClock clock = new TestClock();
            long batchId;
            byte[] signed;
            try (AnchorQueue queue = new AnchorQueue(dir.resolve("q"))) {
                AnchorWallet wallet = new AnchorWallet(key, chain, 0);
                AnchorService service = new AnchorService(queue, chain, wallet, settings, clock);
                queue.enqueueAll(TestDigests.random(5, 31), Priority.URGENT);
                service.closeDueBatch();
                wallet.sync();
                service.signClosedBatches();
                batchId = queue.batchesIn(BatchState.SIGNED).getFirst().id();
                signed = queue.anchor(batchId).orElseThrow().transaction();

                proxy.setUp(false);
                assertThatThrownBy(service::tick).isInstanceOf(AnchorException.class)
                        .satisfies(e -> assertThat(((AnchorException) e).code()).isEqualTo(ChainErrors.UNAVAILABLE))
                        .hasMessageContaining("unreachable");
                Delivery first = queue.anchor(batchId).orElseThrow().delivery();
                assertThat(first.failures()).isEqualTo(1);
                assertThat(first.retryAtMillis()).isEqualTo(clock.millis() + 10_000);
                assertThat(first.lastError()).contains("unreachable");

                assertThatThrownBy(service::tick).isInstanceOf(AnchorException.class);
                assertThat(queue.anchor(batchId).orElseThrow().delivery().failures()).as("not retried before its time").isEqualTo(1);

                clock.advance(Duration.ofSeconds(10));
                assertThatThrownBy(service::tick).isInstanceOf(AnchorException.class);
                Delivery second = queue.anchor(batchId).orElseThrow().delivery();
                assertThat(second.failures()).isEqualTo(2);
                assertThat(second.retryAtMillis()).as("the wait doubles").isEqualTo(clock.millis() + 20_000);
            }

            proxy.setUp(true);
            try (AnchorQueue queue = new AnchorQueue(dir.resolve("q"))) {
                // a restarted service keeps the backoff it had
                AnchorService service = new AnchorService(queue, chain, new AnchorWallet(key, chain, 0), settings, clock);
                clock.advance(Duration.ofSeconds(5));
                service.tick();
                assertThat(queue.batch(batchId).orElseThrow().state()).isEqualTo(BatchState.SIGNED);
                assertThat(chain.inMempool(Transactions.txid(signed))).isFalse();

                clock.advance(Duration.ofSeconds(15));
                service.tick();
                assertThat(queue.batch(batchId).orElseThrow().state()).isEqualTo(BatchState.BROADCAST);
                assertThat(queue.anchor(batchId).orElseThrow().transaction()).as("the same transaction, not a second anchor").isEqualTo(signed);
                assertThat(queue.anchor(batchId).orElseThrow().delivery().failures()).isZero();
                assertThat(node.awaitInMempool(Transactions.txid(signed))).isTrue();
                assertThat(node.rpc().call("getrawmempool").size()).isEqualTo(1);
            }
        }
    }
}
