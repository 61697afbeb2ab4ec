package io.cairn.anchor.proof;

import io.cairn.anchor.AnchorException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * A transaction's Merkle branch in its block, with Bitcoin's own rules: txids in internal byte
 * order, double SHA-256, an odd level's last hash paired with itself.
 */
public record BlockInclusion(int index, List<byte[]> siblings) {
    private static final int MAX_DEPTH = 32;

    public BlockInclusion {
        if (index < 0) throw AnchorException.badInput("invalid_proof", "negative transaction index");
        if (siblings.size() > MAX_DEPTH) throw AnchorException.badInput("invalid_proof", "branch deeper than " + MAX_DEPTH);
        for (byte[] s : siblings) if (s.length != 32) throw AnchorException.badInput("invalid_proof", "branch hash of " + s.length + " bytes");
        // every bit of the index picks a side at one level: a bit above the branch's depth would be unauthenticated
        if ((long) index >>> siblings.size() != 0) {
            throw AnchorException.badInput("invalid_proof", "transaction index " + index + " does not fit a branch of " + siblings.size() + " levels");
        }
        siblings = List.copyOf(siblings);
    }

    /** The branch of the transaction at {@code index} among a block's txids (internal byte order). */
    public static BlockInclusion of(List<byte[]> txids, int index) {
        List<byte[]> level = new ArrayList<>(txids);
        List<byte[]> siblings = new ArrayList<>();
        int i = index;
        while (level.size() > 1) {
            if (level.size() % 2 == 1) level.add(level.getLast());
            siblings.add(level.get(i ^ 1));
            List<byte[]> next = new ArrayList<>(level.size() / 2);
            for (int j = 0; j < level.size(); j += 2) next.add(sha256d(level.get(j), level.get(j + 1)));
            level = next;
            i /= 2;
        }
        return new BlockInclusion(index, siblings);
    }

    /** The block Merkle root this branch gives for {@code txid}. */
    public byte[] merkleRootFor(byte[] txid) {
        MessageDigest md = SHA256.get();
        byte[] current = txid.clone();
        byte[] pair = new byte[64]; // left || right: one update per level
        int i = index;
        for (byte[] s : siblings) {
            boolean right = (i & 1) == 0; // the sibling is on the right
            System.arraycopy(current, 0, pair, right ? 0 : 32, 32);
            System.arraycopy(s, 0, pair, right ? 32 : 0, 32);
            md.update(pair);
            twice(md, current);
            i >>= 1;
        }
        return current;
    }

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    static byte[] sha256d(byte[]... parts) {
        MessageDigest md = SHA256.get();
        for (byte[] p : parts) md.update(p);
        byte[] out = new byte[32];
        twice(md, out);
        return out;
    }

    /** Finishes the pending hash into {@code out}, then hashes {@code out} again into itself. */
    private static void twice(MessageDigest md, byte[] out) {
        try {
            md.digest(out, 0, 32);
            md.update(out);
            md.digest(out, 0, 32);
        } catch (java.security.DigestException e) {
            throw new IllegalStateException(e);
        }
    }
}
