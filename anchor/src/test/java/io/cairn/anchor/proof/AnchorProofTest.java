package io.cairn.anchor.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.anchor.AnchorException;
import io.cairn.anchor.Digest;
import io.cairn.anchor.merkle.MerklePath;
import io.cairn.error.CairnException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class AnchorProofTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Property(tries = 150)
    void everyProofSurvivesBothEncodingsAndVerifies(@ForAll @IntRange(min = 1, max = 400) int batch, @ForAll @IntRange(min = 0, max = 40) int blockTxs,
                                                     @ForAll @IntRange(min = 0, max = 399) int which, @ForAll long seed) {
        ProofFixture f = new ProofFixture(batch, blockTxs, seed);
        AnchorProof proof = f.proof(which % batch);
        AnchorProof fromBinary = AnchorProof.parse(proof.toBytes());
        AnchorProof fromJson = AnchorProof.parse(proof.toJson().getBytes(StandardCharsets.UTF_8));
        assertThat(fromBinary).isEqualTo(proof);
        assertThat(fromJson).isEqualTo(proof);
        assertThat(fromJson.toJson()).isEqualTo(proof.toJson());
        VerifiedAnchor v = fromJson.verify(f.headerChain());
        assertThat(v.digest()).isEqualTo(f.leaves.get(which % batch));
        assertThat(v.height()).isEqualTo(f.anchorHeight());
        assertThat(v.blockTime()).isEqualTo(f.chain.get(f.anchorBlock).time());
        assertThat(fromBinary.verify(f.chain.get(f.anchorBlock).bytes()).blockHash()).isEqualTo(f.chain.get(f.anchorBlock).hashHex());
        assertThat(proof.toOts().commitment()).isEqualTo(f.chain.get(f.anchorBlock).merkleRoot());
    }

    @Property(tries = 600)
    void anyFlippedBitOfTheBinaryProofIsRefusedOrFailsVerification(@ForAll @IntRange(min = 1, max = 50) int batch, @ForAll long seed, @ForAll int where) {
        ProofFixture f = new ProofFixture(batch, 5, seed);
        byte[] bytes = f.proof(Math.floorMod(where, batch)).toBytes();
        int bit = Math.floorMod(where, bytes.length * 8);
        bytes[bit / 8] ^= (byte) (1 << (bit % 8));
        assertThatThrownBy(() -> AnchorProof.parse(bytes).verify(f.headerChain())).isInstanceOf(AnchorException.class);
    }

    @Property(tries = 1000)
    void randomBytesAreEitherAProofOrAProjectError(@ForAll byte[] bytes) {
        byte[] withMagic = Arrays.copyOf("CAIRNP\u0001".getBytes(StandardCharsets.US_ASCII), 7 + bytes.length);
        System.arraycopy(bytes, 0, withMagic, 7, bytes.length);
        for (byte[] b : List.of(bytes, withMagic)) {
            try {
                AnchorProof.parse(b);
            } catch (CairnException expected) {
                // the only failure allowed
            }
        }
    }

    @Test
    void aTamperedSiblingIsNamed() {
        ProofFixture f = new ProofFixture(37, 6, 1);
        AnchorProof p = f.proof(11);
        List<byte[]> siblings = new ArrayList<>(p.path().siblings());
        siblings.get(2)[5] ^= 1;
        MerklePath tampered = MerklePath.of(p.path().index(), p.path().treeSize(), siblings, p.path().siblingOnLeft());
        fails(() -> withPath(p, tampered).verify(f.headerChain()), "no OP_RETURN output of the transaction carries the batch root");
    }

    @Test
    void aTamperedLeafIsNamed() {
        ProofFixture f = new ProofFixture(37, 6, 2);
        AnchorProof p = f.proof(3);
        byte[] leaf = p.leaf().bytes();
        leaf[0] ^= 1;
        fails(() -> new AnchorProof(Digest.of(leaf), p.path(), p.transaction(), p.inclusion(), p.header(), p.height()).verify(f.headerChain()),
                "no OP_RETURN output of the transaction carries the batch root");
        // another leaf of the same batch with this leaf's path: right root shape, wrong position
        fails(() -> new AnchorProof(f.leaves.get(4), p.path(), p.transaction(), p.inclusion(), p.header(), p.height()).verify(f.headerChain()),
                "carries the batch root");
    }

    @Test
    void aTamperedTransactionIsNamed() {
        ProofFixture f = new ProofFixture(8, 6, 3);
        AnchorProof p = f.proof(0);
        byte[] tx = p.transaction();
        tx[tx.length - 1] ^= 1; // the lock time: still a readable transaction with the root, another txid
        fails(() -> withTransaction(p, tx).verify(f.headerChain()), "the transaction is not in the block");
        byte[] truncated = Arrays.copyOf(p.transaction(), p.transaction().length - 1);
        fails(() -> withTransaction(p, truncated).verify(f.headerChain()), "the proof's transaction cannot be read: it is truncated");
        byte[] otherTx = ProofFixture.anchorTransaction(Digest.of(new byte[32]), new java.util.SplittableRandom(9));
        fails(() -> withTransaction(p, otherTx).verify(f.headerChain()), "carries the batch root");
    }

    @Test
    void aTamperedOpReturnPayloadIsNamed() {
        ProofFixture f = new ProofFixture(8, 6, 4);
        AnchorProof p = f.proof(5);
        byte[] tx = p.transaction();
        int at = indexOf(tx, "CAIRN".getBytes(StandardCharsets.US_ASCII));
        for (int offset : new int[] {0, 5, 6, 37}) { // the tag, the version, the root's first and last byte
            byte[] t = tx.clone();
            t[at + offset] ^= 1;
            fails(() -> withTransaction(p, t).verify(f.headerChain()), "no OP_RETURN output of the transaction carries the batch root");
        }
        byte[] notOpReturn = tx.clone();
        notOpReturn[at - 2] = 0x51; // OP_1 instead of OP_RETURN
        fails(() -> withTransaction(p, notOpReturn).verify(f.headerChain()), "no OP_RETURN output");
    }

    @Test
    void aTamperedBranchIsNamed() {
        ProofFixture f = new ProofFixture(8, 9, 5);
        AnchorProof p = f.proof(1);
        List<byte[]> branch = new ArrayList<>(p.inclusion().siblings().stream().map(byte[]::clone).toList());
        branch.get(1)[31] ^= 1;
        fails(() -> withInclusion(p, new BlockInclusion(p.inclusion().index(), branch)).verify(f.headerChain()), "the transaction is not in the block");
        fails(() -> withInclusion(p, new BlockInclusion(p.inclusion().index() ^ 1, p.inclusion().siblings())).verify(f.headerChain()),
                "the transaction is not in the block");
    }

    @Test
    void aTamperedOrUntrustedHeaderIsNamed() {
        ProofFixture f = new ProofFixture(8, 6, 6);
        AnchorProof p = f.proof(2);
        byte[] header = p.header();
        header[40] ^= 1; // its Merkle root
        fails(() -> withHeader(p, header).verify(f.headerChain()), "the transaction is not in the block");
        byte[] time = p.header();
        time[68] ^= 1; // its time: the Merkle root still matches, but it is not the trusted header
        fails(() -> withHeader(p, time).verify(f.headerChain()), "is not the trusted header at height " + p.height());
        fails(() -> p.verify(f.chain.get(0).bytes()), "is not the trusted header");
        AnchorProof wrongHeight = new AnchorProof(p.leaf(), p.path(), p.transaction(), p.inclusion(), p.header(), p.height() + 1);
        fails(() -> wrongHeight.verify(f.headerChain()), "is not the trusted header at height " + (p.height() + 1));
        AnchorProof outside = new AnchorProof(p.leaf(), p.path(), p.transaction(), p.inclusion(), p.header(), p.height() + 100);
        assertThatThrownBy(() -> outside.verify(f.headerChain())).isInstanceOf(AnchorException.class).hasMessageContaining("the header chain covers heights");
    }

    @Test
    void tamperedJsonIsNamed() throws Exception {
        ProofFixture f = new ProofFixture(8, 6, 7);
        AnchorProof p = f.proof(2);
        ObjectNode json = (ObjectNode) JSON.readTree(p.toJson());
        ((ObjectNode) json.get("transaction")).put("txid", "00".repeat(32));
        assertThatThrownBy(() -> AnchorProof.parse(json.toString().getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(AnchorException.class).hasMessageContaining("txid");
        ObjectNode sides = (ObjectNode) JSON.readTree(p.toJson());
        ((ObjectNode) sides.get("batch").get("path").get(0)).put("side", "left");
        assertThatThrownBy(() -> AnchorProof.parse(sides.toString().getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(AnchorException.class).hasMessageContaining("do not fit leaf 2");
        ObjectNode hash = (ObjectNode) JSON.readTree(p.toJson());
        ((ObjectNode) hash.get("batch").get("path").get(0)).put("hash", "zz");
        assertThatThrownBy(() -> AnchorProof.parse(hash.toString().getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(AnchorException.class).hasMessageContaining("not hexadecimal");
        assertThatThrownBy(() -> AnchorProof.parse("{\"type\":\"x\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(AnchorException.class).hasMessageContaining("\"type\"");
        assertThatThrownBy(() -> AnchorProof.parse("nonsense".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(AnchorException.class).hasMessageContaining("not a Cairn proof");
    }

    @Test
    void theOtsExportCommitsToTheBlocksMerkleRoot() {
        ProofFixture f = new ProofFixture(100, 12, 8);
        for (int i : new int[] {0, 50, 99}) {
            assertThat(HexFormat.of().formatHex(f.proof(i).toOts().commitment())).isEqualTo(HexFormat.of().formatHex(f.chain.get(f.anchorBlock).merkleRoot()));
        }
    }

    private static void fails(ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOf(AnchorException.class).hasMessageContaining(message);
    }

    private static AnchorProof withPath(AnchorProof p, MerklePath path) {
        return new AnchorProof(p.leaf(), path, p.transaction(), p.inclusion(), p.header(), p.height());
    }

    private static AnchorProof withTransaction(AnchorProof p, byte[] tx) {
        return new AnchorProof(p.leaf(), p.path(), tx, p.inclusion(), p.header(), p.height());
    }

    private static AnchorProof withInclusion(AnchorProof p, BlockInclusion inclusion) {
        return new AnchorProof(p.leaf(), p.path(), p.transaction(), inclusion, p.header(), p.height());
    }

    private static AnchorProof withHeader(AnchorProof p, byte[] header) {
        return new AnchorProof(p.leaf(), p.path(), p.transaction(), p.inclusion(), header, p.height());
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return i;
        }
        throw new AssertionError("not found");
    }
}
