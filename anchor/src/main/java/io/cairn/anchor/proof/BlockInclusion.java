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
        byte[] current = txid;
        int i = index;
        for (byte[] s : siblings) {
            current = (i & 1) == 0 ? sha256d(current, s) : sha256d(s, current);
            i >>= 1;
        }
        return current;
    }

    static byte[] sha256d(byte[]... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (byte[] p : parts) md.update(p);
            return md.digest(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
