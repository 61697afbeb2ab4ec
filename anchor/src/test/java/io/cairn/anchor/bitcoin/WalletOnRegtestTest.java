package io.cairn.anchor.bitcoin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.anchor.AnchorException;
import io.cairn.anchor.Digest;
import io.cairn.anchor.TestDigests;
import io.cairn.anchor.proof.AnchorProof;
import io.cairn.anchor.queue.AnchorQueue;
import io.cairn.anchor.queue.Batch;
import io.cairn.anchor.queue.BatchState;
import io.cairn.anchor.queue.HashStatus;
import io.cairn.anchor.queue.Priority;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.bitcoinj.base.ScriptType;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionOutput;
import org.bitcoinj.crypto.ECKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The anchoring wallet on a real bcoin regtest chain, mined past segwit's activation (height 432 on
 * bcoin's regtest): P2PKH and P2WPKH inputs, coin selection, change or none, exact fees, and an
 * unfunded wallet that keeps its batch until it is funded.
 */
@Tag("interop")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WalletOnRegtestTest {
    private static final double RATE = 10;
    private BcoinRegtest node;
    private RegtestFunding funding;

    @TempDir
    Path dir;

    @BeforeAll
    void start() throws Exception {
        node = BcoinRegtest.start();
        funding = new RegtestFunding(node, 440);
    }

    @AfterAll
    void stop() {
        if (node != null) node.close();
    }

    private AnchorService service(AnchorQueue queue, WalletKey key) {
        ChainBackend chain = node.backend();
        return new AnchorService(queue, chain, new AnchorWallet(key, chain, 0), new AnchorService.Settings(1000, Duration.ofHours(6), 1, RATE), Clock.systemUTC());
    }

    /** Anchors one batch and mines it; returns the confirmed anchor transaction after checking every proof. */
    private Transaction anchorAndMine(AnchorQueue queue, AnchorService service, long seed) {
        List<Digest> digests = TestDigests.random(7, seed);
        queue.enqueueAll(digests, Priority.URGENT);
        service.tick();
        Batch batch = queue.batchesIn(BatchState.BROADCAST).getFirst();
        funding.mine(1);
        service.tick();
        assertThat(queue.batch(batch.id()).orElseThrow().state()).isEqualTo(BatchState.FINAL);
        for (Digest d : digests) {
            AnchorProof proof = service.proof(d).orElseThrow();
            proof.verify(node.rpc().blockHeader(node.rpc().blockHash(proof.height())));
        }
        return Transactions.parse(queue.anchor(batch.id()).orElseThrow().transaction());
    }

    private long inputValue(Transaction tx, WalletKey key) {
        long in = 0;
        for (var i : tx.getInputs()) {
            Transaction prev = Transactions.parse(node.backend().transaction(i.getOutpoint().hash().toString()).orElseThrow());
            in += prev.getOutput(i.getOutpoint().index()).getValue().value;
        }
        return in;
    }

    /**
     * The fee covers the rate times the signed virtual size, and with change it is exact up to one vbyte:
     * a signature is 71 or 72 bytes depending on the change amount it signs, so the change that pays for
     * one length can produce the other.
     */
    private void assertExactFee(Transaction tx, long fee, boolean withChange) {
        int vsize = tx.getVsize();
        assertThat(fee).as("fee of a %d vB transaction at %s sat/vB", vsize, RATE).isGreaterThanOrEqualTo((long) Math.ceil(RATE * vsize));
        if (withChange) assertThat(fee).isLessThanOrEqualTo((long) Math.ceil(RATE * (vsize + 1)));
    }

    @Test
    void p2pkhWalletSpendsItsCoinbaseWithChange() throws Exception {
        WalletKey key = new WalletKey(new ECKey(), ScriptType.P2PKH);
        funding.pay(key.script(), 5_000_000);
        try (AnchorQueue queue = new AnchorQueue(dir.resolve("p2pkh"))) {
            Transaction tx = anchorAndMine(queue, service(queue, key), 11);
            assertThat(tx.getInputs()).hasSize(1);
            assertThat(tx.hasWitnesses()).isFalse();
            assertThat(tx.getOutputs()).hasSize(2);
            TransactionOutput change = tx.getOutput(1);
            assertThat(change.getScriptBytes()).isEqualTo(key.script().program());
            assertExactFee(tx, inputValue(tx, key) - change.getValue().value, true);
        }
    }

    @Test
    void p2wpkhWalletSignsWithWitnessesAndPaysOnVirtualSize() throws Exception {
        WalletKey key = WalletKey.parse("wpkh(" + new ECKey().getPrivateKeyAsWiF(org.bitcoinj.base.BitcoinNetwork.REGTEST) + ")",
                org.bitcoinj.base.BitcoinNetwork.REGTEST);
        funding.pay(key.script(), 3_000_000);
        try (AnchorQueue queue = new AnchorQueue(dir.resolve("p2wpkh"))) {
            AnchorService service = service(queue, key);
            Transaction tx = anchorAndMine(queue, service, 12);
            assertThat(tx.hasWitnesses()).isTrue();
            assertThat(tx.getVsize()).isLessThan(tx.messageSize());
            assertExactFee(tx, inputValue(tx, key) - tx.getOutput(1).getValue().value, true);
            // the change of the first anchor pays for the second
            Transaction second = anchorAndMine(queue, service, 13);
            assertThat(second.getInput(0).getOutpoint().hash()).isEqualTo(tx.getTxId());
        }
    }

    @Test
    void smallOutputsAreCombinedAndAChangeBelowDustGoesToTheFee() throws Exception {
        WalletKey key = WalletKey.parse("wpkh(" + new ECKey().getPrivateKeyAsWiF(org.bitcoinj.base.BitcoinNetwork.REGTEST) + ")",
                org.bitcoinj.base.BitcoinNetwork.REGTEST);
        // at 10 sat/vB one P2WPKH input costs 680 sat: none of these alone pays for an anchor
        funding.pay(key.script(), 1_200, 1_150, 1_100);
        try (AnchorQueue queue = new AnchorQueue(dir.resolve("small"))) {
            Transaction tx = anchorAndMine(queue, service(queue, key), 14);
            assertThat(tx.getInputs()).as("the two largest").hasSize(2);
            assertThat(tx.getOutputs()).as("no change: it would have been dust").hasSize(1);
            assertExactFee(tx, inputValue(tx, key), false);
        }
    }

    @Test
    void anUnfundedWalletKeepsTheBatchAndSaysSoUntilItIsFunded() throws Exception {
        WalletKey key = new WalletKey(new ECKey(), ScriptType.P2WPKH);
        try (AnchorQueue queue = new AnchorQueue(dir.resolve("unfunded"))) {
            AnchorService service = service(queue, key);
            List<Digest> digests = TestDigests.random(3, 15);
            queue.enqueueAll(digests, Priority.URGENT);
            assertThatThrownBy(service::tick).isInstanceOf(AnchorException.class)
                    .satisfies(e -> assertThat(((AnchorException) e).code()).isEqualTo("wallet_unfunded"))
                    .hasMessageContaining("has 0 spendable sat").hasMessageContaining(key.publicDescriptor());
            assertThat(service.lastFailure()).get().extracting(AnchorException::code).isEqualTo("wallet_unfunded");
            Batch batch = queue.batchesIn(BatchState.CLOSED).getFirst();
            assertThat(queue.status(digests.getFirst())).get().isEqualTo(new HashStatus.Batched(batch.id()));
            assertThatThrownBy(service::tick).hasMessageContaining("spendable");

            funding.pay(key.script(), 100_000);
            service.tick();
            assertThat(service.lastFailure()).isEmpty();
            assertThat(queue.batch(batch.id()).orElseThrow().state()).isEqualTo(BatchState.BROADCAST);
        }
    }
}
