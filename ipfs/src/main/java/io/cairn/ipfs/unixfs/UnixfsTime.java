package io.cairn.ipfs.unixfs;

import io.cairn.codec.protobuf.ProtoWriter;
import java.util.Arrays;

/**
 * The UnixFS {@code UnixTime} message: {@code int64 Seconds = 1} (may be negative) and
 * {@code fixed32 FractionalNanoseconds = 2}.
 *
 * @param nanos null when absent; otherwise 1 to 999,999,999 (the spec reserves 0 for "absent")
 */
public record UnixfsTime(long seconds, Integer nanos) {
    private static final int SECONDS_KEY = 1 << 3;           // field 1, varint
    private static final int NANOS_KEY = (2 << 3) | 5;       // field 2, fixed32

    public UnixfsTime {
        if (nanos != null && (nanos < 1 || nanos > 999_999_999)) {
            throw UnixfsException.invalid("mtime nanoseconds out of range: " + Integer.toUnsignedString(nanos));
        }
    }

    byte[] marshal() {
        ProtoWriter out = new ProtoWriter(16);
        out.writeVarintField(1, seconds);
        if (nanos == null) return out.toByteArray();
        out.writeVarint(NANOS_KEY);
        byte[] head = out.toByteArray();
        byte[] b = Arrays.copyOf(head, head.length + 4);
        for (int i = 0; i < 4; i++) b[head.length + i] = (byte) (nanos >>> (8 * i));
        return b;
    }

    /** Reads the message; a field other than the two, or a truncated one, is an invalid node. */
    static UnixfsTime unmarshal(byte[] b) {
        Long seconds = null;
        Integer nanos = null;
        int[] pos = {0};
        while (pos[0] < b.length) {
            long key = varint(b, pos);
            if (key == SECONDS_KEY) {
                seconds = varint(b, pos);
            } else if (key == NANOS_KEY) {
                if (b.length - pos[0] < 4) throw UnixfsException.invalid("truncated mtime nanoseconds");
                int n = 0;
                for (int i = 0; i < 4; i++) n |= (b[pos[0]++] & 0xFF) << (8 * i);
                nanos = n == 0 ? null : n;
            } else {
                throw UnixfsException.invalid("unexpected field key " + key + " in mtime");
            }
        }
        return new UnixfsTime(seconds == null ? 0 : seconds, nanos);
    }

    private static long varint(byte[] b, int[] pos) {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos[0] >= b.length) throw UnixfsException.invalid("truncated varint in mtime");
            int x = b[pos[0]++] & 0xFF;
            v |= (long) (x & 0x7F) << shift;
            if ((x & 0x80) == 0) return v;
        }
        throw UnixfsException.invalid("varint longer than 10 bytes in mtime");
    }
}
