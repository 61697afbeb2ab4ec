package io.cairn.ipfs.unixfs;

import io.cairn.codec.CodecException;
import io.cairn.codec.protobuf.ProtoReader;
import io.cairn.codec.protobuf.ProtoWriter;
import java.util.Arrays;

/**
 * The UnixFS v1 {@code Data} protobuf message carried in a dag-pb node's Data field: Type (1), Data (2),
 * filesize (3), blocksizes (4), hashType (5), fanout (6), mode (7) and mtime (8). Fields are written in
 * field-number order, as the reference writes them; on read, unknown fields are skipped (later UnixFS
 * versions may add some).
 *
 * @param fileSize null when absent (directories)
 * @param mode     the POSIX permission bits, null when absent
 * @param mtime    the modification time, null when absent
 */
public record UnixfsData(UnixfsType type, byte[] data, Long fileSize, long[] blockSizes, Long hashType, Long fanout,
                         Integer mode, UnixfsTime mtime) {

    public UnixfsData(UnixfsType type, byte[] data, Long fileSize, long[] blockSizes, Long hashType, Long fanout) {
        this(type, data, fileSize, blockSizes, hashType, fanout, null, null);
    }

    public static UnixfsData fileLeaf(byte[] chunk, int offset, int length) {
        byte[] d = length == 0 ? null : Arrays.copyOfRange(chunk, offset, offset + length);
        return new UnixfsData(UnixfsType.FILE, d, (long) length, new long[0], null, null);
    }

    public static UnixfsData fileParent(long[] blockSizes) {
        long total = 0;
        for (long s : blockSizes) total += s;
        return new UnixfsData(UnixfsType.FILE, null, total, blockSizes, null, null);
    }

    public static UnixfsData directory() {
        return new UnixfsData(UnixfsType.DIRECTORY, null, null, new long[0], null, null);
    }

    /** Bytes of file content in this node itself (not in its children). */
    public int dataLength() {
        return data == null ? 0 : data.length;
    }

    /** The file size this node describes: its own data plus its children's blocksizes. */
    public long contentSize() {
        if (fileSize != null) return fileSize;
        long total = dataLength();
        for (long s : blockSizes) {
            if (s > Long.MAX_VALUE - total) throw UnixfsException.invalid("blocksizes sum past 2^63");
            total += s;
        }
        return total;
    }

    public byte[] marshal() {
        ProtoWriter out = new ProtoWriter(dataLength() + 16 + blockSizes.length * 5);
        out.writeVarintField(1, type.number());
        if (data != null && data.length > 0) out.writeBytesField(2, data);
        if (fileSize != null) out.writeVarintField(3, fileSize);
        for (long s : blockSizes) out.writeVarintField(4, s);
        if (hashType != null) out.writeVarintField(5, hashType);
        if (fanout != null) out.writeVarintField(6, fanout);
        if (mode != null) out.writeVarintField(7, Integer.toUnsignedLong(mode));
        if (mtime != null) out.writeBytesField(8, mtime.marshal());
        return out.toByteArray();
    }

    public static UnixfsData unmarshal(byte[] bytes) {
        if (bytes == null) throw UnixfsException.invalid("dag-pb node has no Data field");
        try {
            ProtoReader in = new ProtoReader(bytes, "unixfs");
            UnixfsType type = null;
            byte[] data = null;
            Long fileSize = null, hashType = null, fanout = null;
            Integer mode = null;
            UnixfsTime mtime = null;
            long[] sizes = new long[0];
            int count = 0;
            while (in.hasMore()) {
                int[] key = in.readKey();
                switch (key[0]) {
                    case 1 -> type = UnixfsType.ofNumber(varint(in, key));
                    case 2 -> {
                        if (key[1] != ProtoReader.LENGTH_DELIMITED) throw in.error("Data has wire type " + key[1]);
                        data = in.readBytes();
                    }
                    case 3 -> fileSize = varint(in, key);
                    case 4 -> {
                        if (key[1] == ProtoReader.LENGTH_DELIMITED) {
                            ProtoReader packed = in.readEmbedded();
                            while (packed.hasMore()) {
                                if (count == sizes.length) sizes = Arrays.copyOf(sizes, Math.max(8, count * 2));
                                sizes[count++] = packed.readVarint();
                            }
                        } else {
                            if (count == sizes.length) sizes = Arrays.copyOf(sizes, Math.max(8, count * 2));
                            sizes[count++] = varint(in, key);
                        }
                    }
                    case 5 -> hashType = varint(in, key);
                    case 6 -> fanout = varint(in, key);
                    case 7 -> {
                        long m = varint(in, key);
                        if (m > 0xFFFF_FFFFL) throw in.error("mode exceeds 32 bits");
                        mode = (int) m;
                    }
                    case 8 -> {
                        if (key[1] != ProtoReader.LENGTH_DELIMITED) throw in.error("mtime has wire type " + key[1]);
                        mtime = UnixfsTime.unmarshal(in.readBytes());
                    }
                    default -> in.skip(key[1]);
                }
            }
            if (type == null) throw UnixfsException.invalid("missing Type");
            return new UnixfsData(type, data, fileSize, Arrays.copyOf(sizes, count), hashType, fanout, mode, mtime);
        } catch (CodecException e) {
            throw UnixfsException.invalid(e.getMessage());
        }
    }

    private static long varint(ProtoReader in, int[] key) {
        if (key[1] != ProtoReader.VARINT) throw in.error("field " + key[0] + " has wire type " + key[1]);
        long v = in.readVarint();
        if (v < 0) throw in.error("field " + key[0] + " is negative");
        return v;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UnixfsData u && u.type == type && Arrays.equals(u.data, data)
                && java.util.Objects.equals(u.fileSize, fileSize) && Arrays.equals(u.blockSizes, blockSizes)
                && java.util.Objects.equals(u.hashType, hashType) && java.util.Objects.equals(u.fanout, fanout)
                && java.util.Objects.equals(u.mode, mode) && java.util.Objects.equals(u.mtime, mtime);
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "UnixfsData[" + type + ", data=" + dataLength() + " bytes, fileSize=" + fileSize + ", blocks=" + blockSizes.length + "]";
    }
}
