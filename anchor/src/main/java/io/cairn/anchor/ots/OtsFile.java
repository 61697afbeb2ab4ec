package io.cairn.anchor.ots;

import io.cairn.anchor.AnchorException;
import io.cairn.anchor.Digest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A detached OpenTimestamps proof ({@code .ots}) of one SHA-256 file digest: a single chain of
 * operations ending in one attestation. That is the shape of every Cairn proof (leaf → batch root →
 * transaction → block Merkle root → block header); files with branches are refused on read.
 */
public record OtsFile(Digest fileDigest, List<OtsOp> ops, Attestation attestation) {
    static final byte[] MAGIC = {0x00, 0x4f, 0x70, 0x65, 0x6e, 0x54, 0x69, 0x6d, 0x65, 0x73, 0x74, 0x61, 0x6d, 0x70, 0x73, 0x00,
            0x00, 0x50, 0x72, 0x6f, 0x6f, 0x66, 0x00, (byte) 0xbf, (byte) 0x89, (byte) 0xe2, (byte) 0xe8, (byte) 0x84, (byte) 0xe8,
            (byte) 0x92, (byte) 0x94};
    private static final int MAJOR_VERSION = 1;
    private static final int FILE_HASH_SHA256 = 0x08;
    private static final int ATTESTATION_MARKER = 0x00;
    private static final int BRANCH_MARKER = 0xff;
    private static final int MAX_OPS = 10_000;

    public OtsFile {
        ops = List.copyOf(ops);
    }

    /** What the chain ends in. */
    public sealed interface Attestation {
        byte[] tag();

        byte[] payload();
    }

    /** The commitment equals the Merkle root of the Bitcoin block at this height. */
    public record BitcoinBlockHeader(long height) implements Attestation {
        static final byte[] TAG = {0x05, (byte) 0x88, (byte) 0x96, 0x0d, 0x73, (byte) 0xd7, 0x19, 0x01};

        public byte[] tag() {
            return TAG.clone();
        }

        public byte[] payload() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            writeVaruint(out, height);
            return out.toByteArray();
        }
    }

    /** Not anchored yet: a calendar (or Cairn node) at this URI can upgrade the proof later. */
    public record Pending(String uri) implements Attestation {
        static final byte[] TAG = {(byte) 0x83, (byte) 0xdf, (byte) 0xe3, 0x0d, 0x2e, (byte) 0xf9, 0x0c, (byte) 0x8e};

        public byte[] tag() {
            return TAG.clone();
        }

        public byte[] payload() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] u = uri.getBytes(StandardCharsets.UTF_8);
            writeVaruint(out, u.length);
            out.writeBytes(u);
            return out.toByteArray();
        }
    }

    /** The message the attestation commits to: the ops applied to the file digest. */
    public byte[] commitment() {
        return OtsOp.applyAll(ops, fileDigest.bytes());
    }

    public byte[] serialize() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(MAGIC);
        writeVaruint(out, MAJOR_VERSION);
        out.write(FILE_HASH_SHA256);
        out.writeBytes(fileDigest.bytes());
        for (OtsOp op : ops) {
            out.write(op.tag());
            switch (op) {
                case OtsOp.Append a -> writeVarbytes(out, a.suffix());
                case OtsOp.Prepend p -> writeVarbytes(out, p.prefix());
                case OtsOp.Sha256 s -> { }
            }
        }
        out.write(ATTESTATION_MARKER);
        out.writeBytes(attestation.tag());
        writeVarbytes(out, attestation.payload());
        return out.toByteArray();
    }

    /** True if the bytes start with the OpenTimestamps magic. */
    public static boolean looksLikeOne(byte[] bytes) {
        return bytes.length >= MAGIC.length && Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
    }

    public static OtsFile parse(byte[] bytes) {
        Reader in = new Reader(bytes);
        if (!Arrays.equals(in.take(MAGIC.length), MAGIC)) throw invalid("not an OpenTimestamps proof (bad magic)");
        long version = in.varuint();
        if (version != MAJOR_VERSION) throw invalid("unsupported major version " + version);
        if (in.next() != FILE_HASH_SHA256) throw invalid("only SHA-256 file digests are supported");
        Digest digest = Digest.of(in.take(Digest.LENGTH));
        List<OtsOp> ops = new ArrayList<>();
        while (true) {
            int tag = in.next();
            if (tag == ATTESTATION_MARKER) break;
            if (tag == BRANCH_MARKER) throw invalid("timestamps with several branches are not supported");
            if (ops.size() >= MAX_OPS) throw invalid("more than " + MAX_OPS + " operations");
            ops.add(switch (tag) {
                case OtsOp.TAG_SHA256 -> new OtsOp.Sha256();
                case OtsOp.TAG_APPEND -> new OtsOp.Append(in.varbytes());
                case OtsOp.TAG_PREPEND -> new OtsOp.Prepend(in.varbytes());
                default -> throw invalid("unsupported operation 0x" + Integer.toHexString(tag));
            });
        }
        byte[] tag = in.take(8);
        byte[] payload = in.varbytes();
        in.requireEnd();
        Attestation attestation;
        if (Arrays.equals(tag, BitcoinBlockHeader.TAG)) {
            Reader p = new Reader(payload);
            attestation = new BitcoinBlockHeader(p.varuint());
            p.requireEnd();
        } else if (Arrays.equals(tag, Pending.TAG)) {
            Reader p = new Reader(payload);
            attestation = new Pending(new String(p.varbytes(), StandardCharsets.UTF_8));
            p.requireEnd();
        } else {
            throw invalid("unsupported attestation");
        }
        return new OtsFile(digest, ops, attestation);
    }

    private static void writeVaruint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    private static void writeVarbytes(ByteArrayOutputStream out, byte[] b) {
        writeVaruint(out, b.length);
        out.writeBytes(b);
    }

    private static AnchorException invalid(String detail) {
        return AnchorException.badInput("invalid_ots", "invalid .ots file: " + detail);
    }

    /** Bounded reads over the file's bytes. */
    private static final class Reader {
        private final byte[] b;
        private int pos;

        Reader(byte[] b) {
            this.b = b;
        }

        int next() {
            if (pos >= b.length) throw invalid("truncated");
            return b[pos++] & 0xFF;
        }

        byte[] take(int n) {
            if (n < 0 || n > b.length - pos) throw invalid("truncated");
            byte[] out = Arrays.copyOfRange(b, pos, pos + n);
            pos += n;
            return out;
        }

        long varuint() {
            long v = 0;
            for (int shift = 0; shift < 63; shift += 7) {
                int x = next();
                v |= (long) (x & 0x7F) << shift;
                if ((x & 0x80) == 0) return v;
            }
            throw invalid("varuint too long");
        }

        byte[] varbytes() {
            long n = varuint();
            if (n > OtsOp.MAX_LENGTH) throw invalid("argument of " + n + " bytes");
            return take((int) n);
        }

        void requireEnd() {
            if (pos != b.length) throw invalid("trailing bytes");
        }
    }
}
