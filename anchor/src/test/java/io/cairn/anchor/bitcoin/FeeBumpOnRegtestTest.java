package io.cairn.anchor.bitcoin;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.anchor.Digest;
import io.cairn.anchor.TestDigests;
import io.cairn.anchor.proof.AnchorProof;
import io.cairn.anchor.queue.AnchorQueue;
import io.cairn.anchor.queue.AnchorQueue.AnchorRecord;
import io.cairn.anchor.queue.Batch;
import io.cairn.anchor.queue.BatchState;
import io.cairn.anchor.queue.Priority;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.bitcoinj.base.ScriptType;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionInput;
import org.bitcoinj.crypto.ECKey;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fee bumping on a real regtest node. bcoin 1.0.2's mempool has no BIP 125 replacement: with
 * {@code --replace-by-fee=true} it only accepts transactions that signal RBF, and it refuses any
 * transaction spending an output a mempool transaction already spends ({@code bad-txns-inputs-spent},
 * lib/mempool/mempool.js, isDoubleSpend), whatever its fee. So the replacement path is proven here as
 * far as bcoin allows: (1) the stuck original leaves the mempool (the node restarts; bcoin does not
 * keep its mempool), the bumped replacement is accepted and confirmed, and proofs use it; (2) the
 * replacement is refused while the original waits, the original confirms, and it is recognised as
 * the batch's anchor. In both, the batch is anchored once.
 */
@Tag("interop")
class FeeBumpOnRegtestTest {
    private static final Duration BUMP_AFTER = Duration.ofMinutes(30);

    @TempDir
    Path dir;

    private static AnchorService service(AnchorQueue queue, BcoinRegtest node, WalletKey key, TestClock clock) {
        ChainBackend chain = node.backend();
        AnchorService.Settings settings = new AnchorService.Settings(1000, Duration.ofHours(6), 1, FeePolicy.fixed(2), BUMP_AFTER, RetryPolicy.DEFAULT);
        return new AnchorService(queue, chain, new AnchorWallet(key, chain, 0), settings, clock);
    }

    private static long fee(Transaction tx, long inputValue) {
        return inputValue - tx.getOutputs().stream().mapToLong(o -> o.getValue().value).sum();
    }

    private static List<String> outpoints(Transaction tx) {
        return tx.getInputs().stream().map(TransactionInput::getOutpoint).map(Object::toString).toList();
    }

    @Test
    void aStuckAnchorIsReplacedWithAHigherFeeAndTheReplacementIsTheAnchor() throws Exception {
        try (BcoinRegtest node = BcoinRegtest.start(true); AnchorQueue queue = new AnchorQueue(dir.resolve("q"))) {
            WalletKey key = new WalletKey(new ECKey(), ScriptType.P2PKH);
            String address = BcoinRegtest.p2pkhAddress(key.key());
            node.rpc().generateToAddress(101, address);
            TestClock clock = new TestClock();
            AnchorService service = service(queue, node, key, clock);
            List<Digest> digests = TestDigests.random(6, 21);
            queue.enqueueAll(digests, Priority.URGENT);
            service.tick();
            Batch batch = queue.batchesIn(BatchState.BROADCAST).getFirst();
            byte[] original = queue.anchor(batch.id()).orElseThrow().transaction();
            String originalId = Transactions.txid(original);
            assertThat(node.awaitInMempool(originalId)).isTrue();

            clock.advance(BUMP_AFTER.minusMinutes(1));
            service.tick();
            assertThat(queue.anchor(batch.id()).orElseThrow().transaction()).as("not stuck long enough yet").isEqualTo(original);

            node.restart(); // the original leaves the mempool with the restart (and is not broadcast again: it is due for a bump)
            assertThat(node.backend().inMempool(originalId)).isFalse();
            clock.advance(Duration.ofMinutes(2));
            service.tick();
            AnchorRecord bumped = queue.anchor(batch.id()).orElseThrow();
            Transaction a = Transactions.parse(original), b = Transactions.parse(bumped.transaction());
            assertThat(bumped.replaced()).hasSize(1).first().isEqualTo(original);
            assertThat(outpoints(b)).as("the same inputs (BIP 125)").isEqualTo(outpoints(a));
            assertThat(b.getOutput(0).getScriptBytes()).as("the same OP_RETURN").isEqualTo(a.getOutput(0).getScriptBytes());
            long in = 50_0000_0000L; // one regtest coinbase
            assertThat(fee(b, in)).as("at least the original fee plus the incremental relay fee for its size")
                    .isGreaterThanOrEqualTo(fee(a, in) + b.getVsize());
            assertThat(node.awaitInMempool(b.getTxId().toString())).as(node.log()).isTrue();

            node.rpc().generateToAddress(1, address);
            service.tick();
            AnchorRecord confirmed = queue.anchor(batch.id()).orElseThrow();
            assertThat(queue.batch(batch.id()).orElseThrow().state()).isEqualTo(BatchState.FINAL);
            assertThat(Transactions.txid(confirmed.transaction())).isEqualTo(b.getTxId().toString());
            for (Digest d : digests) {
                AnchorProof proof = service.proof(d).orElseThrow();
                assertThat(proof.txid()).isEqualTo(b.getTxId().toString());
                proof.verify(node.rpc().blockHeader(node.rpc().blockHash(proof.height())));
            }

            // the original can never confirm as well: its input is spent by the replacement
            node.rpc().sendRawTransaction(original);
            Thread.sleep(500);
            assertThat(node.backend().inMempool(originalId)).isFalse();
        }
    }

    @Test
    void whenTheNodeRefusesTheReplacementTheOriginalsConfirmationIsRecognised() throws Exception {
        try (BcoinRegtest node = BcoinRegtest.start(); AnchorQueue queue = new AnchorQueue(dir.resolve("q"))) {
            WalletKey key = new WalletKey(new ECKey(), ScriptType.P2PKH);
            String address = BcoinRegtest.p2pkhAddress(key.key());
            node.rpc().generateToAddress(101, address);
            TestClock clock = new TestClock();
            AnchorService service = service(queue, node, key, clock);
            List<Digest> digests = TestDigests.random(4, 22);
            queue.enqueueAll(digests, Priority.URGENT);
            service.tick();
            Batch batch = queue.batchesIn(BatchState.BROADCAST).getFirst();
            byte[] original = queue.anchor(batch.id()).orElseThrow().transaction();

            clock.advance(BUMP_AFTER.plusMinutes(1));
            service.tick();
            AnchorRecord afterBump = queue.anchor(batch.id()).orElseThrow();
            assertThat(afterBump.replaced()).containsExactly(original);
            assertThat(afterBump.delivery().failures()).as("bcoin refused the replacement").isEqualTo(1);
            assertThat(afterBump.delivery().lastError()).contains("did not take");
            assertThat(node.rpc().call("getrawmempool").get(0).asText()).isEqualTo(Transactions.txid(original));

            node.rpc().generateToAddress(1, address);
            service.tick();
            AnchorRecord confirmed = queue.anchor(batch.id()).orElseThrow();
            assertThat(queue.batch(batch.id()).orElseThrow().state()).isEqualTo(BatchState.FINAL);
            assertThat(confirmed.transaction()).as("whichever transaction confirmed is the anchor").isEqualTo(original);
            assertThat(confirmed.replaced()).containsExactly(afterBump.transaction());
            for (Digest d : digests) {
                AnchorProof proof = service.proof(d).orElseThrow();
                proof.verify(node.rpc().blockHeader(node.rpc().blockHash(proof.height())));
            }
        }
    }

    @Test
    void aReplacementTheOriginalInputsCannotPayForTakesAnotherConfirmedOutput() throws Exception {
        try (BcoinRegtest node = BcoinRegtest.start(true); AnchorQueue queue = new AnchorQueue(dir.resolve("q"))) {
            RegtestFunding funding = new RegtestFunding(node, 440); // past bcoin's segwit activation
            WalletKey key = new WalletKey(new ECKey(), ScriptType.P2WPKH);
            // at 10 sat/vB the anchor takes the two largest, with no change; a bump then needs the third
            funding.pay(key.script(), 1_200, 1_150, 1_100);
            TestClock clock = new TestClock();
            ChainBackend chain = node.backend();
            AnchorService service = new AnchorService(queue, chain, new AnchorWallet(key, chain, 0),
                    new AnchorService.Settings(1000, Duration.ofHours(6), 1, FeePolicy.fixed(10), BUMP_AFTER, RetryPolicy.DEFAULT), clock);
            List<Digest> digests = TestDigests.random(3, 23);
            queue.enqueueAll(digests, Priority.URGENT);
            service.tick();
            Batch batch = queue.batchesIn(BatchState.BROADCAST).getFirst();
            Transaction original = Transactions.parse(queue.anchor(batch.id()).orElseThrow().transaction());
            assertThat(original.getInputs()).hasSize(2);

            node.restart();
            clock.advance(BUMP_AFTER.plusMinutes(1));
            service.tick();
            Transaction replacement = Transactions.parse(queue.anchor(batch.id()).orElseThrow().transaction());
            assertThat(replacement.getInputs()).hasSize(3);
            assertThat(outpoints(replacement)).containsAll(outpoints(original));
            assertThat(fee(replacement, 3_450)).isGreaterThanOrEqualTo(fee(original, 2_350) + replacement.getVsize());
            assertThat(node.awaitInMempool(replacement.getTxId().toString())).as(node.log()).isTrue();
            funding.mine(1);
            service.tick();
            assertThat(queue.batch(batch.id()).orElseThrow().state()).isEqualTo(BatchState.FINAL);
            for (Digest d : digests) {
                AnchorProof proof = service.proof(d).orElseThrow();
                assertThat(proof.txid()).isEqualTo(replacement.getTxId().toString());
                proof.verify(node.rpc().blockHeader(node.rpc().blockHash(proof.height())));
            }
        }
    }
}
