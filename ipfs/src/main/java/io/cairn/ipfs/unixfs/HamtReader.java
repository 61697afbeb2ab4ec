package io.cairn.ipfs.unixfs;

import io.cairn.codec.dagpb.PbLink;
import io.cairn.multiformats.Cid;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Reads UnixFS HAMT-sharded directories. Each link name starts with its bucket index in hex (as wide
 * as {@code fanout - 1}); a name that is only that prefix points to a sub-shard, a longer one is an
 * entry whose name follows the prefix. A lookup follows the name's murmur3-x64-64 hash down the
 * shards, loading one block per level instead of the whole directory.
 */
final class HamtReader {
    private static final long MURMUR3_X64_64 = 0x22;

    private final BlockLoader loader;

    HamtReader(BlockLoader loader) {
        this.loader = loader;
    }

    /** Visits every entry of the shard and its sub-shards, in link order. */
    void forEach(UnixfsNode shard, Consumer<DirectoryEntry> visitor) {
        int width = prefixWidth(shard);
        for (PbLink l : shard.pb().links()) {
            String name = nameOf(l, shard, width);
            if (name.length() == width) {
                forEach(subShard(l.hash()), visitor);
            } else {
                visitor.accept(new DirectoryEntry(name.substring(width), l.hash(), tsizeOf(l)));
            }
        }
    }

    /** The CID of the entry named {@code name}, or null when the directory has none. */
    Cid find(UnixfsNode root, String name) {
        if (root.unixfs().hashType() == null || root.unixfs().hashType() != MURMUR3_X64_64) return scan(root, name);
        long hash = Murmur3.hash64(name.getBytes(StandardCharsets.UTF_8));
        UnixfsNode shard = root;
        for (int depth = 0; ; depth++) {
            int width = prefixWidth(shard);
            int bits = Long.numberOfTrailingZeros(fanout(shard));
            // past 64 bits the reference rehashes; such deep shards are searched entry by entry
            if ((depth + 1) * bits > 64) return scan(shard, name);
            int bucket = (int) ((hash << (depth * bits)) >>> (64 - bits));
            PbLink link = linkForBucket(shard, bucket, width);
            if (link == null) return null;
            String linkName = nameOf(link, shard, width);
            if (linkName.length() > width) return linkName.substring(width).equals(name) ? link.hash() : null;
            shard = subShard(link.hash());
        }
    }

    private Cid scan(UnixfsNode shard, String name) {
        Cid[] found = new Cid[1];
        forEach(shard, e -> {
            if (found[0] == null && e.name().equals(name)) found[0] = e.cid();
        });
        return found[0];
    }

    private static PbLink linkForBucket(UnixfsNode shard, int bucket, int width) {
        for (PbLink l : shard.pb().links()) {
            String name = nameOf(l, shard, width);
            if (Integer.parseInt(name, 0, width, 16) == bucket) return l;
        }
        return null;
    }

    private UnixfsNode subShard(Cid cid) {
        UnixfsNode sub = loader.load(cid);
        if (sub.isRaw() || sub.unixfs().type() != UnixfsType.HAMT_SHARD) {
            throw UnixfsException.invalid("HAMT bucket " + cid + " is not a shard");
        }
        return sub;
    }

    private static long fanout(UnixfsNode shard) {
        Long fanout = shard.unixfs().fanout();
        if (fanout == null) throw UnixfsException.invalid("HAMT shard " + shard.cid() + " has no fanout");
        if (fanout < 2 || fanout > 65_536 || Long.bitCount(fanout) != 1) {
            throw UnixfsException.invalid("HAMT shard " + shard.cid() + " has fanout " + fanout + ", not a power of two up to 65536");
        }
        return fanout;
    }

    private static int prefixWidth(UnixfsNode shard) {
        return Long.toHexString(fanout(shard) - 1).length();
    }

    private static String nameOf(PbLink l, UnixfsNode shard, int width) {
        String name = l.name() == null ? "" : l.name();
        if (name.length() < width) throw UnixfsException.invalid("HAMT link name '" + name + "' in " + shard.cid() + " is shorter than its prefix");
        for (int i = 0; i < width; i++) {
            char c = name.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                throw UnixfsException.invalid("HAMT link name '" + name + "' in " + shard.cid() + " does not start with a hex bucket");
            }
        }
        return name;
    }

    private static long tsizeOf(PbLink l) {
        return l.tsize() == null ? 0 : l.tsize();
    }
}
