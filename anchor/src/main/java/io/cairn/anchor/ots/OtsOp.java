package io.cairn.anchor.ots;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/** The OpenTimestamps operations Cairn's proofs use, with their serialization tags. */
public sealed interface OtsOp {
    int TAG_SHA256 = 0x08;
    int TAG_APPEND = 0xf0;
    int TAG_PREPEND = 0xf1;
    /** The OpenTimestamps format bounds operation arguments and results to 4 KiB. */
    int MAX_LENGTH = 4096;

    byte[] apply(byte[] message);

    int tag();

    /** {@code message || suffix}. */
    record Append(byte[] suffix) implements OtsOp {
        public byte[] apply(byte[] message) {
            byte[] out = Arrays.copyOf(message, message.length + suffix.length);
            System.arraycopy(suffix, 0, out, message.length, suffix.length);
            return out;
        }

        public int tag() {
            return TAG_APPEND;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Append a && Arrays.equals(a.suffix, suffix);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(suffix);
        }
    }

    /** {@code prefix || message}. */
    record Prepend(byte[] prefix) implements OtsOp {
        public byte[] apply(byte[] message) {
            byte[] out = Arrays.copyOf(prefix, prefix.length + message.length);
            System.arraycopy(message, 0, out, prefix.length, message.length);
            return out;
        }

        public int tag() {
            return TAG_PREPEND;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Prepend p && Arrays.equals(p.prefix, prefix);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(prefix);
        }
    }

    /** {@code SHA256(message)}. */
    record Sha256() implements OtsOp {
        public byte[] apply(byte[] message) {
            try {
                return MessageDigest.getInstance("SHA-256").digest(message);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        public int tag() {
            return TAG_SHA256;
        }
    }

    /** Applies a chain of operations to a message. */
    static byte[] applyAll(Iterable<OtsOp> ops, byte[] message) {
        byte[] m = message;
        for (OtsOp op : ops) m = op.apply(m);
        return m;
    }
}
