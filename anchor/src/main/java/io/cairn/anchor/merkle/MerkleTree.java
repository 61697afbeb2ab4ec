package io.cairn.anchor.merkle;

import io.cairn.anchor.AnchorException;
import io.cairn.anchor.Digest;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * A binary SHA-256 Merkle tree over a batch of digests, with domain separation: a leaf hashes as
 * {@code SHA256(0x00 || digest)} and an inner node as {@code SHA256(0x01 || left || right)}, so no leaf
 * can pass for an inner node. An odd node at the end of a level is promoted to the next level
 * unchanged, never paired with a copy of itself: two different batches never share a root (the
 * duplication ambiguity of CVE-2012-2459 cannot arise). The batch root commits to the number of leaves,
 * {@code SHA256(0x02 || size as 8 bytes big-endian || top node)}, so an inclusion path's leaf index and
 * batch size are authenticated too, not just hints.
 *
 * <p>Levels are flat byte arrays, built with one reused MessageDigest: a million leaves take about two
 * million short hashes and no per-node objects.
 */
public final class MerkleTree {
    static final byte LEAF_PREFIX = 0x00;
    static final byte NODE_PREFIX = 0x01;
    static final byte ROOT_PREFIX = 0x02;
    private static final int H = Digest.LENGTH;

    /** levels.get(0) holds the hashed leaves; the last level holds the top node (the root hashes it with the size). */
    private final List<byte[]> levels;
    private final int size;

    private MerkleTree(List<byte[]> levels, int size) {
        this.levels = levels;
        this.size = size;
    }

    public static MerkleTree build(List<Digest> leaves) {
        if (leaves.isEmpty()) throw AnchorException.badInput("empty_batch", "a Merkle tree needs at least one leaf");
        MessageDigest md = sha256();
        int n = leaves.size();
        byte[] level = new byte[n * H];
        byte[] leaf = new byte[H];
        for (int i = 0; i < n; i++) {
            leaves.get(i).copyTo(leaf, 0);
            md.update(LEAF_PREFIX);
            md.update(leaf);
            finish(md, level, i * H);
        }
        List<byte[]> levels = new ArrayList<>();
        levels.add(level);
        while (n > 1) {
            int parents = (n + 1) / 2;
            byte[] next = new byte[parents * H];
            for (int i = 0; i < n / 2; i++) {
                md.update(NODE_PREFIX);
                md.update(level, 2 * i * H, 2 * H);
                finish(md, next, i * H);
            }
            if (n % 2 == 1) System.arraycopy(level, (n - 1) * H, next, (parents - 1) * H, H);
            levels.add(next);
            level = next;
            n = parents;
        }
        return new MerkleTree(levels, leaves.size());
    }

    public int size() {
        return size;
    }

    public Digest root() {
        return Digest.of(sizedRoot(threadSha256(), size, levels.getLast()));
    }

    /** The inclusion path of the leaf at {@code index}. */
    public MerklePath path(int index) {
        if (index < 0 || index >= size) throw AnchorException.badInput("invalid_index", "leaf " + index + " is outside a batch of " + size);
        List<byte[]> siblings = new ArrayList<>();
        List<Boolean> siblingOnLeft = new ArrayList<>();
        int i = index;
        for (int l = 0; l < levels.size() - 1; l++) {
            int count = levels.get(l).length / H;
            int sibling = i ^ 1;
            if (sibling < count) {
                byte[] s = new byte[H];
                System.arraycopy(levels.get(l), sibling * H, s, 0, H);
                siblings.add(s);
                siblingOnLeft.add(sibling < i);
            } // else: this node was promoted, no step at this level
            i /= 2;
        }
        return new MerklePath(index, size, siblings, siblingOnLeft);
    }

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(MerkleTree::sha256);

    /** This thread's SHA-256 instance (creating one costs more than hashing a path step). */
    static MessageDigest threadSha256() {
        return SHA256.get();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    /** {@code SHA256(0x02 || size || top)}. */
    static byte[] sizedRoot(MessageDigest md, long size, byte[] top) {
        md.update(sizePrefix(size));
        md.update(top);
        return md.digest();
    }

    /** {@code 0x02 || size}, the bytes prepended to the top node to make the root. */
    static byte[] sizePrefix(long size) {
        return java.nio.ByteBuffer.allocate(9).put(ROOT_PREFIX).putLong(size).array();
    }

    static void finish(MessageDigest md, byte[] out, int offset) {
        try {
            md.digest(out, offset, H);
        } catch (DigestException e) {
            throw new IllegalStateException(e);
        }
    }
}
