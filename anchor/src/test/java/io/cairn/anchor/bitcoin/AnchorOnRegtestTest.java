package io.cairn.anchor.bitcoin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.anchor.AnchorException;
import io.cairn.anchor.Digest;
import io.cairn.anchor.TestDigests;
import io.cairn.anchor.merkle.MerkleTree;
import io.cairn.anchor.ots.OtsFile;
import io.cairn.anchor.proof.AnchorPayload;
import io.cairn.anchor.proof.AnchorProof;
import io.cairn.anchor.proof.BlockInclusion;
import io.cairn.anchor.queue.AnchorQueue;
import io.cairn.anchor.queue.Batch;
import io.cairn.anchor.queue.Priority;
import io.cairn.interop.NodePeer;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.bitcoinj.core.Block;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionOutput;
import org.bitcoinj.crypto.ECKey;
import org.bitcoinj.base.ScriptType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against a real regtest node (bcoin): a batch from the durable queue is anchored in one OP_RETURN
 * transaction built and signed with bitcoinj, mined, and every digest's proof verifies offline
 * against the node's header; tampered proofs fail; the OpenTimestamps library computes, from Cairn's
 * .ots file, exactly the Merkle root in the node's block header.
 */
@Tag("interop")
class AnchorOnRegtestTest {
    @TempDir
    Path dir;

    @Test
    void aQueuedBatchIsAnchoredAndEveryProofVerifiesAgainstTheNode() throws Exception {
        try (BcoinRegtest node = BcoinRegtest.start(); AnchorQueue queue = new AnchorQueue(dir.resolve("queue"))) {
            BitcoinRpc rpc = node.rpc();
            ECKey key = new ECKey();
            String address = BcoinRegtest.p2pkhAddress(key);
            List<String> mined = rpc.generateToAddress(101, address);
            Transaction coinbase = Block.read(ByteBuffer.wrap(rpc.block(mined.get(0)))).getTransactions().get(0);
            TransactionOutput reward = coinbase.getOutput(0);
            Utxo utxo = new Utxo(coinbase.getTxId().toString(), 0, reward.getValue().value, reward.getScriptBytes());

            List<Digest> digests = TestDigests.random(37, 5);
            queue.enqueueAll(digests, Priority.NORMAL);
            Batch batch = queue.closeBatch(1000).orElseThrow();
            byte[] tx = AnchorTransactionBuilder.build(List.of(utxo), new WalletKey(key, ScriptType.P2PKH), new AnchorPayload(batch.root()), 10)
                    .transaction();
            String txid = rpc.sendRawTransaction(tx);
            assertThat(node.awaitInMempool(txid)).as("the node accepted the anchor transaction\n" + node.log()).isTrue();

            String blockHash = rpc.generateToAddress(1, address).get(0);
            long height = rpc.blockCount();
            Block block = Block.read(ByteBuffer.wrap(rpc.block(blockHash)));
            List<byte[]> txids = new ArrayList<>();
            int index = -1;
            for (Transaction t : block.getTransactions()) {
                if (t.getTxId().toString().equals(txid)) index = txids.size();
                txids.add(t.getTxId().getReversedBytes());
            }
            assertThat(index).as("the anchor transaction is in the next block").isPositive();
            BlockInclusion inclusion = BlockInclusion.of(txids, index);
            byte[] header = rpc.blockHeader(blockHash);
            MerkleTree tree = batch.tree();

            byte[] trusted = rpc.blockHeader(rpc.blockHash(height));
            for (int i = 0; i < digests.size(); i++) {
                new AnchorProof(digests.get(i), tree.path(batch.indexOf(digests.get(i))), tx, inclusion, header, height).verify(trusted);
            }

            AnchorProof proof = new AnchorProof(digests.get(3), tree.path(batch.indexOf(digests.get(3))), tx, inclusion, header, height);
            byte[] otherHeader = rpc.blockHeader(rpc.blockHash(height - 1));
            assertThatThrownBy(() -> proof.verify(otherHeader)).isInstanceOf(AnchorException.class).hasMessageContaining("trusted header");
            AnchorProof wrongLeaf = new AnchorProof(digests.get(4), proof.path(), tx, inclusion, header, height);
            assertThatThrownBy(() -> wrongLeaf.verify(trusted)).isInstanceOf(AnchorException.class).hasMessageContaining("OP_RETURN");
            byte[] otherTx = tx.clone();
            otherTx[otherTx.length - 5] ^= 1; // the change output's script
            AnchorProof wrongTx = new AnchorProof(digests.get(3), proof.path(), otherTx, inclusion, header, height);
            assertThatThrownBy(() -> wrongTx.verify(trusted)).isInstanceOf(AnchorException.class).hasMessageContaining("not in the block");
            List<byte[]> badBranch = new ArrayList<>(inclusion.siblings());
            byte[] flipped = badBranch.get(0).clone();
            flipped[0] ^= 1;
            badBranch.set(0, flipped);
            AnchorProof wrongBranch = new AnchorProof(digests.get(3), proof.path(), tx, new BlockInclusion(index, badBranch), header, height);
            assertThatThrownBy(() -> wrongBranch.verify(trusted)).isInstanceOf(AnchorException.class);

            OtsFile ots = proof.toOts();
            byte[] merkleRoot = Arrays.copyOfRange(trusted, 36, 68);
            assertThat(ots.commitment()).isEqualTo(merkleRoot);
            try (NodePeer client = NodePeer.start("../ots/ots-info.mjs")) {
                JsonNode info = client.request(Map.of("ots", HexFormat.of().formatHex(ots.serialize())));
                JsonNode attestation = info.get("attestations").get(0);
                assertThat(attestation.get("height").asLong()).isEqualTo(height);
                assertThat(attestation.get("commitment").asText()).as("the OpenTimestamps library's commitment is the block's Merkle root")
                        .isEqualTo(HexFormat.of().formatHex(merkleRoot));
            }
        }
    }

    @Test
    void anUnreachableNodeIsAClearError() {
        BitcoinRpc rpc = new BitcoinRpc(java.net.URI.create("http://127.0.0.1:1/"), "x", "y", java.time.Duration.ofSeconds(2));
        assertThatThrownBy(rpc::blockCount).isInstanceOf(AnchorException.class).hasMessageContaining("unreachable");
    }
}
