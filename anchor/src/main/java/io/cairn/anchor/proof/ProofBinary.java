package io.cairn.anchor.proof;

import io.cairn.anchor.AnchorException;
import io.cairn.anchor.Digest;
import io.cairn.anchor.merkle.MerklePath;
import io.cairn.multiformats.MultiformatException;
import io.cairn.multiformats.Varint;
import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The compact binary form of an {@link AnchorProof}: the magic {@code CAIRNP} and version 1, the
 * 32-byte digest, the Merkle path (varint length, then {@link MerklePath#toBytes()}), the transaction
 * (varint length, bytes), the block branch (varint transaction index, varint count, 32-byte hashes),
 * the 80-byte header, and the varint height. Nothing may follow.
 */
final class ProofBinary {
    private static final byte[] MAGIC = {'C', 'A', 'I', 'R', 'N', 'P'};
    private static final int VERSION = 1;
    /** Larger than any standard transaction's non-witness bytes (100 kB). */
    private static final int MAX_TRANSACTION = 1 << 20;
    private static final int MAX_PATH = 1 + 3 * Varint.MAX_BYTES + 8 + 64 * Digest.LENGTH;

    private ProofBinary() {}

    static boolean looksLikeOne(byte[] bytes) {
        return bytes.length >= MAGIC.length && Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
    }

    static byte[] encode(AnchorProof p) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + p.transaction().length + 32 * p.path().length());
        out.writeBytes(MAGIC);
        out.write(VERSION);
        out.writeBytes(p.leaf().bytes());
        byte[] path = p.path().toBytes();
        Varint.write(path.length, out);
        out.writeBytes(path);
        Varint.write(p.transaction().length, out);
        out.writeBytes(p.transaction());
        Varint.write(p.inclusion().index(), out);
        Varint.write(p.inclusion().siblings().size(), out);
        p.inclusion().siblings().forEach(out::writeBytes);
        out.writeBytes(p.header());
        Varint.write(p.height(), out);
        return out.toByteArray();
    }

    static AnchorProof decode(byte[] bytes) {
        if (!looksLikeOne(bytes)) throw invalid("bad magic");
        ByteBuffer in = ByteBuffer.wrap(bytes, MAGIC.length, bytes.length - MAGIC.length);
        try {
            int version = in.get() & 0xFF;
            if (version != VERSION) throw invalid("unknown version " + version);
            Digest leaf = Digest.of(take(in, Digest.LENGTH));
            MerklePath path = MerklePath.fromBytes(take(in, length(in, MAX_PATH, "Merkle path")));
            byte[] tx = take(in, length(in, MAX_TRANSACTION, "transaction"));
            long index = Varint.read(in);
            if (index > Integer.MAX_VALUE) throw invalid("transaction index " + index);
            int count = length(in, 32, "block branch");
            List<byte[]> branch = new ArrayList<>(count);
            for (int i = 0; i < count; i++) branch.add(take(in, 32));
            byte[] header = take(in, BlockHeader.LENGTH);
            long height = Varint.read(in);
            if (in.hasRemaining()) throw invalid(in.remaining() + " trailing bytes");
            return new AnchorProof(leaf, path, tx, new BlockInclusion((int) index, branch), header, height);
        } catch (BufferUnderflowException e) {
            throw invalid("truncated");
        } catch (MultiformatException e) {
            throw invalid(e.getMessage());
        }
    }

    private static int length(ByteBuffer in, int max, String what) {
        long n = Varint.read(in);
        if (n > max) throw invalid(what + " of " + n + (what.endsWith("branch") ? " levels" : " bytes") + " (at most " + max + ")");
        return (int) n;
    }

    private static byte[] take(ByteBuffer in, int n) {
        if (n > in.remaining()) throw invalid("truncated");
        byte[] b = new byte[n];
        in.get(b);
        return b;
    }

    private static AnchorException invalid(String detail) {
        return AnchorException.badInput("invalid_proof", "invalid binary proof: " + detail);
    }
}
