package io.cairn.anchor.proof;

import io.cairn.anchor.AnchorException;
import io.cairn.anchor.Digest;
import java.util.Arrays;

/**
 * Reads a serialized transaction (the non-witness form its txid is computed over) just far enough to
 * find its outputs, and locates the Cairn OP_RETURN output carrying a batch root. Reading the outputs
 * rather than searching the bytes means the root must really be in an output script, not, say,
 * hidden in an input's signature script.
 */
final class AnchorTransaction {
    private static final int OP_RETURN = 0x6a;

    private final byte[] tx;
    private int pos;

    private AnchorTransaction(byte[] tx) {
        this.tx = tx;
    }

    /**
     * Where the root's 32 bytes start in {@code tx}, inside an output script that is exactly
     * {@code OP_RETURN <push 38> CAIRN 0x01 root}; -1 if no output carries that root.
     */
    static int rootOffset(byte[] tx, Digest root) {
        return new AnchorTransaction(tx).findRoot(new AnchorPayload(root).encode());
    }

    private int findRoot(byte[] payload) {
        if (tx.length > 5 && tx[4] == 0 && tx[5] == 1) {
            throw invalid("it is in witness serialization; a proof carries the form its txid is computed over");
        }
        skip(4); // version
        long inputs = compactSize();
        if (inputs == 0) throw invalid("it has no inputs");
        for (long i = 0; i < inputs; i++) {
            skip(36); // previous output
            skip(compactSize()); // signature script
            skip(4); // sequence
        }
        long outputs = compactSize();
        int found = -1;
        for (long i = 0; i < outputs; i++) {
            skip(8); // value
            long length = compactSize();
            int script = pos;
            skip(length);
            if (found < 0 && length == payload.length + 2 && (tx[script] & 0xFF) == OP_RETURN && tx[script + 1] == payload.length
                    && Arrays.equals(tx, script + 2, script + 2 + payload.length, payload, 0, payload.length)) {
                found = script + 2 + AnchorPayload.ROOT_OFFSET;
            }
        }
        skip(4); // lock time
        if (pos != tx.length) throw invalid((tx.length - pos) + " bytes after its lock time");
        return found;
    }

    private long compactSize() {
        need(1);
        int first = tx[pos++] & 0xFF;
        int width = first < 0xfd ? 0 : first == 0xfd ? 2 : first == 0xfe ? 4 : 8;
        need(width);
        long v = first < 0xfd ? first : 0;
        for (int i = 0; i < width; i++) v |= (long) (tx[pos++] & 0xFF) << (8 * i);
        if (v < 0 || v > tx.length) throw invalid("a length of " + Long.toUnsignedString(v) + " in a transaction of " + tx.length + " bytes");
        return v;
    }

    private void skip(long n) {
        need(n);
        pos += (int) n;
    }

    private void need(long n) {
        if (n > tx.length - pos) throw invalid("it is truncated");
    }

    private static AnchorException invalid(String detail) {
        return AnchorException.badInput("invalid_transaction", "the proof's transaction cannot be read: " + detail);
    }
}
