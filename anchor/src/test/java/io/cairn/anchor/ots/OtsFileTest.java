package io.cairn.anchor.ots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.anchor.AnchorException;
import io.cairn.anchor.Digest;
import io.cairn.anchor.merkle.MerkleTree;
import io.cairn.anchor.TestDigests;
import io.cairn.error.CairnException;
import io.cairn.interop.NodePeer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class OtsFileTest {
    /** A leaf's chain through its batch and a transaction that carries the root, as an anchor proof has it. */
    private static OtsFile proofOf(int leafIndex, int batchSize, long height) {
        List<Digest> leaves = TestDigests.random(batchSize, 9);
        MerkleTree tree = MerkleTree.build(leaves);
        List<OtsOp> ops = new ArrayList<>(tree.path(leafIndex).toOtsOps());
        ops.add(new OtsOp.Prepend(HexFormat.of().parseHex("0100000001" + "ab".repeat(36) + "00ffffffff02")));
        ops.add(new OtsOp.Append(HexFormat.of().parseHex("00000000")));
        ops.add(new OtsOp.Sha256());
        ops.add(new OtsOp.Sha256());
        ops.add(new OtsOp.Append(new byte[32]));
        ops.add(new OtsOp.Sha256());
        ops.add(new OtsOp.Sha256());
        return new OtsFile(leaves.get(leafIndex), ops, new OtsFile.BitcoinBlockHeader(height));
    }

    @Test
    void roundTripsAndComputesTheCommitment() {
        OtsFile f = proofOf(5, 11, 432);
        OtsFile back = OtsFile.parse(f.serialize());
        assertThat(back.fileDigest()).isEqualTo(f.fileDigest());
        assertThat(back.ops()).isEqualTo(f.ops());
        assertThat(back.attestation()).isEqualTo(f.attestation());
        assertThat(back.commitment()).isEqualTo(f.commitment());
        OtsFile pending = new OtsFile(f.fileDigest(), f.ops(), new OtsFile.Pending("http://127.0.0.1:3000"));
        assertThat(OtsFile.parse(pending.serialize()).attestation()).isEqualTo(pending.attestation());
    }

    @Test
    void theOpenTimestampsLibraryReadsCairnsFilesAndComputesTheSameCommitment() {
        try (NodePeer ots = NodePeer.start("../ots/ots-info.mjs")) {
            for (int[] c : new int[][] {{0, 1}, {3, 4}, {6, 7}, {999, 1000}}) {
                OtsFile f = proofOf(c[0], c[1], 100_000 + c[1]);
                JsonNode info = ots.request(Map.of("ots", HexFormat.of().formatHex(f.serialize())));
                assertThat(info.get("fileDigest").asText()).isEqualTo(f.fileDigest().hex());
                assertThat(info.get("attestations")).hasSize(1);
                JsonNode a = info.get("attestations").get(0);
                assertThat(a.get("kind").asText()).isEqualTo("bitcoin");
                assertThat(a.get("height").asLong()).isEqualTo(100_000 + c[1]);
                assertThat(a.get("commitment").asText()).isEqualTo(HexFormat.of().formatHex(f.commitment()));
            }
        }
    }

    @Test
    void rejectsBranchesUnknownOpsAndTruncation() {
        byte[] good = proofOf(1, 3, 5).serialize();
        assertThatThrownBy(() -> OtsFile.parse(java.util.Arrays.copyOf(good, good.length - 1))).isInstanceOf(AnchorException.class);
        byte[] bad = good.clone();
        bad[0] = 1;
        assertThatThrownBy(() -> OtsFile.parse(bad)).isInstanceOf(AnchorException.class).hasMessageContaining("magic");
    }

    @Property(tries = 2000)
    void bitFlipsAndCutsFailOnlyWithProjectErrors(@ForAll int at, @ForAll byte mask, @ForAll int cut) {
        byte[] b = proofOf(2, 5, 7).serialize();
        b = java.util.Arrays.copyOf(b, Math.floorMod(cut, b.length + 1));
        if (b.length > 0) b[Math.floorMod(at, b.length)] ^= mask;
        try {
            OtsFile.parse(b);
        } catch (CairnException expected) {
            // the only failure allowed
        }
    }
}
