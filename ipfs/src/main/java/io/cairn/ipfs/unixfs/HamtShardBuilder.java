package io.cairn.ipfs.unixfs;

import io.cairn.codec.dagpb.DagPb;
import io.cairn.codec.dagpb.PbLink;
import io.cairn.codec.dagpb.PbNode;
import io.cairn.ipfs.block.Block;
import io.cairn.multiformats.Cid;
import io.cairn.multiformats.Multicodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a large directory as a UnixFS HAMT shard the way the reference importer does: fanout 256,
 * entries placed by successive bytes of the murmur3-x64-64 hash of their name (most significant
 * first), an entry at the shallowest level where no other name shares its bucket, sub-shards where
 * several do. Link names are the bucket in two upper-case hex digits, followed by the entry's name for
 * entries. The structure depends only on the set of names, not on the order they were added.
 */
final class HamtShardBuilder {
    static final int FANOUT = 256;
    static final long HASH_TYPE_MURMUR3_X64_64 = 0x22;

    /** A named child of the directory: its CID and the cumulative size its link carries. */
    record Child(String name, Cid cid, long tsize) {}

    /** A written shard node: its CID and cumulative size (its block plus everything below). */
    record Shard(Cid cid, long size) {}

    private final int cidVersion;
    private final BlockBatcher sink;

    HamtShardBuilder(int cidVersion, BlockBatcher sink) {
        this.cidVersion = cidVersion;
        this.sink = sink;
    }

    Shard build(List<Child> children) {
        List<Hashed> hashed = new ArrayList<>(children.size());
        for (Child c : children) hashed.add(new Hashed(c, Murmur3.hash64(c.name().getBytes(StandardCharsets.UTF_8))));
        return build(hashed, 0);
    }

    private record Hashed(Child child, long hash) {
        int bucket(int depth) {
            if (depth >= 8) throw UnixfsException.invalid("HAMT names collide in all 64 hash bits: " + child.name());
            return (int) (hash >>> (56 - 8 * depth)) & 0xFF;
        }
    }

    private Shard build(List<Hashed> entries, int depth) {
        Map<Integer, List<Hashed>> buckets = new TreeMap<>();
        for (Hashed h : entries) buckets.computeIfAbsent(h.bucket(depth), k -> new ArrayList<>()).add(h);
        List<PbLink> links = new ArrayList<>();
        long childrenSize = 0;
        for (Map.Entry<Integer, List<Hashed>> b : buckets.entrySet()) {
            String prefix = String.format(Locale.ROOT, "%02X", b.getKey());
            if (b.getValue().size() == 1) {
                Child c = b.getValue().get(0).child();
                links.add(new PbLink(c.cid(), prefix + c.name(), c.tsize()));
                childrenSize += c.tsize();
            } else {
                Shard sub = build(b.getValue(), depth + 1);
                links.add(new PbLink(sub.cid(), prefix, sub.size()));
                childrenSize += sub.size();
            }
        }
        links.sort((x, y) -> Arrays.compareUnsigned(x.name().getBytes(StandardCharsets.UTF_8), y.name().getBytes(StandardCharsets.UTF_8)));
        UnixfsData data = new UnixfsData(UnixfsType.HAMT_SHARD, bitfield(buckets.keySet()), null, new long[0],
                HASH_TYPE_MURMUR3_X64_64, (long) FANOUT);
        byte[] block = DagPb.encode(new PbNode(data.marshal(), links));
        Cid cid = Cid.sha256(cidVersion, Multicodec.DAG_PB, block);
        sink.add(new Block(cid, block));
        return new Shard(cid, block.length + childrenSize);
    }

    /**
     * The occupied buckets as the reference (and Go's big.Int) writes them: bit i set for bucket i,
     * as a minimal big-endian number.
     */
    static byte[] bitfield(Iterable<Integer> occupied) {
        int max = 0;
        for (int i : occupied) max = Math.max(max, i);
        byte[] le = new byte[max / 8 + 1];
        for (int i : occupied) le[i / 8] |= (byte) (1 << (i % 8));
        byte[] be = new byte[le.length];
        for (int i = 0; i < le.length; i++) be[i] = le[le.length - 1 - i];
        return be;
    }
}
