package io.cairn.anchor.merkle;

import io.cairn.anchor.AnchorException;
import io.cairn.anchor.Digest;
import io.cairn.anchor.ots.OtsOp;
import io.cairn.multiformats.MultiformatException;
import io.cairn.multiformats.Varint;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The inclusion path of one leaf in a {@link MerkleTree}: at each level where the node has a
 * sibling, the sibling's hash and whether it sits on the left. Immutable.
 *
 * <p>Binary form: version (1), varint leaf index, varint tree size, varint step count, the sides as a
 * bit field (bit i of byte i/8 set = sibling on the left), then the 32-byte siblings.
 */
public final class MerklePath {
    private static final int VERSION = 1;
    /** A tree of 2^64 leaves has 64 levels: no valid path is longer. */
    private static final int MAX_STEPS = 64;

    private final int index;
    private final int treeSize;
    private final List<byte[]> siblings;
    private final List<Boolean> siblingOnLeft;

    MerklePath(int index, int treeSize, List<byte[]> siblings, List<Boolean> siblingOnLeft) {
        this.index = index;
        this.treeSize = treeSize;
        this.siblings = siblings.stream().map(byte[]::clone).toList();
        this.siblingOnLeft = List.copyOf(siblingOnLeft);
    }

    /**
     * A path read from elsewhere (a JSON proof). The steps must have the shape that the leaf's
     * position in a tree of {@code treeSize} leaves implies, so a path also proves the leaf's index.
     */
    public static MerklePath of(long index, long treeSize, List<byte[]> siblings, List<Boolean> siblingOnLeft) {
        if (treeSize < 1 || treeSize > Integer.MAX_VALUE || index < 0 || index >= treeSize) {
            throw invalid("leaf index " + index + " outside a tree of " + treeSize);
        }
        if (siblings.size() != siblingOnLeft.size()) throw invalid(siblings.size() + " hashes but " + siblingOnLeft.size() + " sides");
        for (byte[] s : siblings) if (s == null || s.length != Digest.LENGTH) throw invalid("a sibling hash is not " + Digest.LENGTH + " bytes");
        if (!siblingOnLeft.equals(shape(index, treeSize))) {
            throw invalid("its steps do not fit leaf " + index + " of a tree of " + treeSize);
        }
        return new MerklePath((int) index, (int) treeSize, siblings, siblingOnLeft);
    }

    /** The sides of the siblings on the path of leaf {@code index} in a tree of {@code size} leaves. */
    private static List<Boolean> shape(long index, long size) {
        List<Boolean> sides = new ArrayList<>();
        long i = index;
        for (long count = size; count > 1; count = (count + 1) / 2) {
            long sibling = i ^ 1;
            if (sibling < count) sides.add(sibling < i);
            i /= 2;
        }
        return sides;
    }

    /** The sibling hashes, leaf level first. */
    public List<byte[]> siblings() {
        return siblings.stream().map(byte[]::clone).toList();
    }

    /** For each sibling, whether it sits on the left. */
    public List<Boolean> siblingOnLeft() {
        return siblingOnLeft;
    }

    public int index() {
        return index;
    }

    public int treeSize() {
        return treeSize;
    }

    public int length() {
        return siblings.size();
    }

    /** The root this path leads to from {@code leaf}; equal to the batch root iff the leaf is in the batch. */
    public Digest rootFor(Digest leaf) {
        MessageDigest md = MerkleTree.threadSha256();
        byte[] current = new byte[Digest.LENGTH];
        leaf.copyTo(current, 0);
        md.update(MerkleTree.LEAF_PREFIX);
        md.update(current);
        MerkleTree.finish(md, current, 0);
        byte[] node = new byte[1 + 2 * Digest.LENGTH]; // 0x01 || left || right: one update per level
        node[0] = MerkleTree.NODE_PREFIX;
        for (int i = 0; i < siblings.size(); i++) {
            boolean left = siblingOnLeft.get(i);
            System.arraycopy(siblings.get(i), 0, node, left ? 1 : 1 + Digest.LENGTH, Digest.LENGTH);
            System.arraycopy(current, 0, node, left ? 1 + Digest.LENGTH : 1, Digest.LENGTH);
            md.update(node);
            MerkleTree.finish(md, current, 0);
        }
        return Digest.of(MerkleTree.sizedRoot(md, treeSize, current));
    }

    /** The same computation as OpenTimestamps operations, from the leaf digest to the root. */
    public List<OtsOp> toOtsOps() {
        List<OtsOp> ops = new ArrayList<>();
        ops.add(new OtsOp.Prepend(new byte[] {MerkleTree.LEAF_PREFIX}));
        ops.add(new OtsOp.Sha256());
        for (int i = 0; i < siblings.size(); i++) {
            ops.add(siblingOnLeft.get(i) ? new OtsOp.Prepend(siblings.get(i)) : new OtsOp.Append(siblings.get(i)));
            ops.add(new OtsOp.Prepend(new byte[] {MerkleTree.NODE_PREFIX}));
            ops.add(new OtsOp.Sha256());
        }
        ops.add(new OtsOp.Prepend(MerkleTree.sizePrefix(treeSize)));
        ops.add(new OtsOp.Sha256());
        return ops;
    }

    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(VERSION);
        Varint.write(index, out);
        Varint.write(treeSize, out);
        Varint.write(siblings.size(), out);
        byte[] sides = new byte[(siblings.size() + 7) / 8];
        for (int i = 0; i < siblings.size(); i++) if (siblingOnLeft.get(i)) sides[i / 8] |= (byte) (1 << (i % 8));
        out.writeBytes(sides);
        siblings.forEach(out::writeBytes);
        return out.toByteArray();
    }

    public static MerklePath fromBytes(byte[] bytes) {
        try {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            if (!buf.hasRemaining() || buf.get() != VERSION) throw invalid("unknown version");
            long index = Varint.read(buf), size = Varint.read(buf), steps = Varint.read(buf);
            if (size < 1 || size > Integer.MAX_VALUE || index >= size) throw invalid("leaf index " + index + " outside a tree of " + size);
            if (steps > MAX_STEPS) throw invalid(steps + " steps");
            int k = (int) steps;
            byte[] sides = new byte[(k + 7) / 8];
            if (buf.remaining() != sides.length + (long) k * Digest.LENGTH) throw invalid("length does not match " + k + " steps");
            buf.get(sides);
            List<byte[]> siblings = new ArrayList<>();
            List<Boolean> left = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                byte[] s = new byte[Digest.LENGTH];
                buf.get(s);
                siblings.add(s);
                left.add((sides[i / 8] & (1 << (i % 8))) != 0);
            }
            for (int i = k; i < sides.length * 8; i++) if ((sides[i / 8] & (1 << (i % 8))) != 0) throw invalid("padding bits set");
            return of(index, size, siblings, left);
        } catch (MultiformatException e) {
            throw invalid(e.getMessage());
        }
    }

    public String toJson() {
        StringBuilder sb = new StringBuilder("{\"version\":1,\"index\":").append(index).append(",\"treeSize\":").append(treeSize).append(",\"path\":[");
        for (int i = 0; i < siblings.size(); i++) {
            if (i > 0) sb.append(',');
            sb.append("{\"side\":\"").append(siblingOnLeft.get(i) ? "left" : "right").append("\",\"hash\":\"")
                    .append(HexFormat.of().formatHex(siblings.get(i))).append("\"}");
        }
        return sb.append("]}").toString();
    }

    private static AnchorException invalid(String detail) {
        return AnchorException.badInput("invalid_merkle_path", "invalid Merkle path: " + detail);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MerklePath p && java.util.Arrays.equals(p.toBytes(), toBytes());
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(toBytes());
    }
}
