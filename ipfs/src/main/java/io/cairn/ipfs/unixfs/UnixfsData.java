package io.cairn.ipfs.unixfs;

import io.cairn.codec.CodecException;
import io.cairn.codec.protobuf.ProtoReader;
import io.cairn.codec.protobuf.ProtoWriter;
import java.util.Arrays;

/**
 * The UnixFS v1 {@code Data} protobuf message carried in a dag-pb node's Data field. Only the fields
 * Cairn writes or reads are modelled; mode and mtime are skipped on read.
 *
 * @param fileSize null when absent (directories)
 */
public record UnixfsData(UnixfsType type, byte[] data, Long fileSize, long[] blockSizes, Long hashType, Long fanout) {

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
        for (long s : blockSizes) total += s;
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
        return out.toByteArray();
    }

    public static UnixfsData unmarshal(byte[] bytes) {
        if (bytes == null) throw UnixfsException.invalid("dag-pb node has no Data field");
        try {
            ProtoReader in = new ProtoReader(bytes, "unixfs");
            UnixfsType type = null;
            byte[] data = null;
            Long fileSize = null, hashType = null, fanout = null;
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
                    default -> in.skip(key[1]);
                }
            }
            if (type == null) throw UnixfsException.invalid("missing Type");
            return new UnixfsData(type, data, fileSize, Arrays.copyOf(sizes, count), hashType, fanout);
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
                && java.util.Objects.equals(u.hashType, hashType) && java.util.Objects.equals(u.fanout, fanout);
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
