package io.cairn.anchor.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.anchor.AnchorException;
import io.cairn.anchor.Digest;
import io.cairn.anchor.TestDigests;
import io.cairn.anchor.ots.OtsOp;
import io.cairn.error.CairnException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class MerkleTreeTest {
    private static List<Digest> leaves(int n, long seed) {
        return TestDigests.random(n, seed);
    }

    private static byte[] sha(byte prefix, byte[]... parts) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        md.update(prefix);
        for (byte[] p : parts) md.update(p);
        return md.digest();
    }

    @Property(tries = 200)
    void everyLeafsPathLeadsToTheRootAndSurvivesEncoding(@ForAll @IntRange(min = 1, max = 300) int n, @ForAll long seed) {
        List<Digest> leaves = leaves(n, seed);
        MerkleTree tree = MerkleTree.build(leaves);
        for (int i = 0; i < n; i++) {
            MerklePath path = tree.path(i);
            assertThat(path.rootFor(leaves.get(i))).isEqualTo(tree.root());
            MerklePath decoded = MerklePath.fromBytes(path.toBytes());
            assertThat(decoded).isEqualTo(path);
            assertThat(decoded.rootFor(leaves.get(i))).isEqualTo(tree.root());
            byte[] viaOts = leaves.get(i).bytes();
            for (OtsOp op : path.toOtsOps()) viaOts = op.apply(viaOts);
            assertThat(Digest.of(viaOts)).isEqualTo(tree.root());
        }
    }

    @Property(tries = 200)
    void anyChangedLeafOrSiblingBitGivesAnotherRoot(@ForAll @IntRange(min = 2, max = 64) int n, @ForAll long seed, @ForAll int which, @ForAll int bit) {
        List<Digest> leaves = leaves(n, seed);
        MerkleTree tree = MerkleTree.build(leaves);
        int i = Math.floorMod(which, n);
        MerklePath path = tree.path(i);
        byte[] leaf = leaves.get(i).bytes();
        leaf[Math.floorMod(bit, 32)] ^= (byte) (1 << Math.floorMod(bit, 8));
        assertThat(path.rootFor(Digest.of(leaf))).isNotEqualTo(tree.root());
        byte[] enc = path.toBytes();
        int siblingsStart = enc.length - path.length() * 32;
        if (path.length() > 0) {
            enc[siblingsStart + Math.floorMod(bit, path.length() * 32)] ^= 1;
            assertThat(MerklePath.fromBytes(enc).rootFor(leaves.get(i))).isNotEqualTo(tree.root());
        }
    }

    @Test
    void domainSeparatesLeavesFromNodesAndPromotesTheOddNode() throws Exception {
        List<Digest> l = leaves(3, 1);
        byte[] la = sha((byte) 0, l.get(0).bytes()), lb = sha((byte) 0, l.get(1).bytes()), lc = sha((byte) 0, l.get(2).bytes());
        byte[] expected = sha((byte) 2, new byte[] {0, 0, 0, 0, 0, 0, 0, 3}, sha((byte) 1, sha((byte) 1, la, lb), lc));
        assertThat(MerkleTree.build(l).root().bytes()).isEqualTo(expected);
        assertThat(MerkleTree.build(List.of(l.get(0))).root().bytes()).isEqualTo(sha((byte) 2, new byte[] {0, 0, 0, 0, 0, 0, 0, 1}, la));
    }

    @Test
    void aBatchWithItsLastLeafRepeatedHasAnotherRoot() {
        List<Digest> l = leaves(3, 2);
        List<Digest> duplicated = new ArrayList<>(l);
        duplicated.add(l.get(2));
        assertThat(MerkleTree.build(duplicated).root()).isNotEqualTo(MerkleTree.build(l).root());
    }

    @Test
    void rejectsEmptyBatchesBadIndexesAndGarbagePaths() {
        assertThatThrownBy(() -> MerkleTree.build(List.of())).isInstanceOf(AnchorException.class);
        assertThatThrownBy(() -> MerkleTree.build(leaves(3, 1)).path(3)).isInstanceOf(AnchorException.class);
        assertThatThrownBy(() -> MerklePath.fromBytes(new byte[] {2})).isInstanceOf(AnchorException.class);
        assertThatThrownBy(() -> MerklePath.fromBytes(new byte[] {1, 5, 3, 0})).isInstanceOf(AnchorException.class).hasMessageContaining("outside");
    }

    @Property(tries = 2000)
    void randomBytesAreEitherAPathOrAProjectError(@ForAll byte[] bytes) {
        try {
            MerklePath.fromBytes(bytes);
        } catch (CairnException expected) {
            // the only failure allowed
        }
    }

    @Test
    void jsonNamesEachSiblingsSide() {
        String json = MerkleTree.build(leaves(3, 3)).path(2).toJson();
        assertThat(json).startsWith("{\"version\":1,\"index\":2,\"treeSize\":3,\"path\":[{\"side\":\"left\",\"hash\":\"");
    }
}
