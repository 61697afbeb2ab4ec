package io.cairn.ipfs.car;

import io.cairn.codec.CodecException;
import io.cairn.codec.dagcbor.DagCbor;
import io.cairn.ipfs.block.Block;
import io.cairn.multiformats.Cid;
import io.cairn.multiformats.MultiformatException;
import io.cairn.multiformats.Varint;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads CARv1 and CARv2 (the v2 header locates an inner v1 payload; the index is not needed for a
 * sequential read). Every block is verified against its CID before it is returned.
 */
public final class CarReader implements AutoCloseable {
    /** Largest header and section accepted: blocks are at most a few MiB in every IPFS implementation. */
    public static final int MAX_HEADER = 1 << 20;
    public static final int MAX_SECTION = (4 << 20) + 256;
    private static final int V2_HEADER_SIZE = 40;

    private final InputStream in;
    private final int version;
    private final List<Cid> roots;
    private long remaining; // bytes of the v1 payload left, or -1 when unbounded (CARv1)

    private CarReader(InputStream in, int version, List<Cid> roots, long remaining) {
        this.in = in;
        this.version = version;
        this.roots = roots;
        this.remaining = remaining;
    }

    public static CarReader open(InputStream in) {
        try {
            Map<String, Object> header = readHeader(in);
            long version = asLong(header.get("version"));
            if (version == 1) return new CarReader(in, 1, roots(header), -1);
            if (version != 2) throw new CarFormatException("unsupported version " + version);
            byte[] v2 = in.readNBytes(V2_HEADER_SIZE);
            if (v2.length != V2_HEADER_SIZE) throw new CarFormatException("truncated CARv2 header");
            ByteBuffer b = ByteBuffer.wrap(v2).order(ByteOrder.LITTLE_ENDIAN);
            b.position(16);
            long dataOffset = b.getLong();
            long dataSize = b.getLong();
            long consumed = 11 + V2_HEADER_SIZE;
            if (dataOffset < consumed || dataSize < 0) throw new CarFormatException("CARv2 data offset " + dataOffset + " is inside the header");
            skipFully(in, dataOffset - consumed);
            long[] headerBytes = new long[1];
            CountingInput counting = new CountingInput(in, headerBytes);
            Map<String, Object> inner = readHeader(counting);
            if (asLong(inner.get("version")) != 1) throw new CarFormatException("CARv2 payload is not a CARv1");
            long left = dataSize - headerBytes[0];
            if (left < 0) throw new CarFormatException("CARv2 data size is smaller than its inner header");
            return new CarReader(in, 2, roots(inner), left);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> readHeader(InputStream in) throws IOException {
        long len = readVarint(in);
        if (len < 0) throw new CarFormatException("empty input");
        if (len == 0 || len > MAX_HEADER) throw new CarFormatException("header length " + len + " out of range");
        byte[] h = in.readNBytes((int) len);
        if (h.length != len) throw new CarFormatException("truncated header");
        Object decoded;
        try {
            decoded = DagCbor.decode(h);
        } catch (CodecException e) {
            throw new CarFormatException("header is not DAG-CBOR: " + e.getMessage());
        }
        if (!(decoded instanceof Map<?, ?> m)) throw new CarFormatException("header is not a map");
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) m;
        return map;
    }

    private static List<Cid> roots(Map<String, Object> header) {
        Object r = header.get("roots");
        if (!(r instanceof List<?> list)) throw new CarFormatException("header has no roots list");
        List<Cid> out = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof Cid c)) throw new CarFormatException("a root is not a CID");
            out.add(c);
        }
        return List.copyOf(out);
    }

    private static long asLong(Object v) {
        if (v instanceof Long l) return l;
        throw new CarFormatException("header version is missing or not an integer");
    }

    public int version() {
        return version;
    }

    public List<Cid> roots() {
        return roots;
    }

    /** The next verified block, or null at the end. */
    public Block next() {
        try {
            if (remaining == 0) return null;
            long len = readVarint(in);
            if (len < 0) {
                if (remaining > 0) throw new CarFormatException("truncated: payload ends early");
                return null;
            }
            if (len == 0 || len > MAX_SECTION) throw new CarFormatException("section length " + len + " out of range");
            byte[] section = in.readNBytes((int) len);
            if (section.length != len) throw new CarFormatException("truncated section");
            if (remaining > 0) {
                remaining -= Varint.size(len) + len;
                if (remaining < 0) throw new CarFormatException("section runs past the CARv2 data size");
            }
            ByteBuffer buf = ByteBuffer.wrap(section);
            Cid cid;
            try {
                cid = Cid.read(buf);
            } catch (MultiformatException e) {
                throw new CarFormatException("section has an invalid CID: " + e.getMessage());
            }
            byte[] data = new byte[buf.remaining()];
            buf.get(data);
            boolean ok;
            try {
                ok = cid.matches(data);
            } catch (MultiformatException e) {
                throw new CarFormatException("cannot verify " + cid + ": " + e.getMessage());
            }
            if (!ok) throw new CarFormatException("block data does not match its CID " + cid);
            return new Block(cid, data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long readVarint(InputStream in) throws IOException {
        try {
            return Varint.read(in);
        } catch (MultiformatException e) {
            throw new CarFormatException("bad length prefix: " + e.getMessage());
        }
    }

    private static void skipFully(InputStream in, long n) throws IOException {
        while (n > 0) {
            long s = in.skip(n);
            if (s <= 0) {
                if (in.read() < 0) throw new CarFormatException("truncated before the CARv2 payload");
                s = 1;
            }
            n -= s;
        }
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Counts the bytes read through it, to find where the inner header ends. */
    private static final class CountingInput extends InputStream {
        private final InputStream in;
        private final long[] count;

        CountingInput(InputStream in, long[] count) {
            this.in = in;
            this.count = count;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) count[0]++;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) count[0] += n;
            return n;
        }
    }
}
