package io.cairn.ipfs.unixfs;

import io.cairn.codec.dagpb.DagPb;
import io.cairn.codec.dagpb.PbLink;
import io.cairn.codec.dagpb.PbNode;
import io.cairn.error.StorageException;
import io.cairn.ipfs.block.Blockstore;
import io.cairn.multiformats.Cid;
import io.cairn.multiformats.Multicodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads UnixFS back out of a blockstore: file bytes (whole or a byte range, visiting only the blocks
 * that overlap it), directory listings (plain and HAMT-sharded), path resolution and export to disk.
 */
public final class UnixfsExporter {
    private final Blockstore store;

    public UnixfsExporter(Blockstore store) {
        this.store = store;
    }

    /** A decoded dag-pb UnixFS node, or a raw leaf (data only). */
    private record Node(Cid cid, PbNode pb, UnixfsData unixfs, byte[] raw) {
        boolean isRaw() {
            return raw != null;
        }
    }

    private Node load(Cid cid) {
        byte[] bytes = store.get(cid);
        if (cid.hasCodec(Multicodec.RAW) || cid.multihash().isIdentity() && cid.hasCodec(Multicodec.RAW)) {
            return new Node(cid, null, null, bytes);
        }
        if (!cid.hasCodec(Multicodec.DAG_PB)) {
            throw UnixfsException.invalid(cid + " has codec " + codecName(cid) + ", not dag-pb or raw");
        }
        PbNode pb = DagPb.decode(bytes);
        return new Node(cid, pb, UnixfsData.unmarshal(pb.data()), null);
    }

    private static String codecName(Cid cid) {
        try {
            return cid.codec().codecName();
        } catch (RuntimeException e) {
            return "0x" + Long.toHexString(cid.codecCode());
        }
    }

    public UnixfsStat stat(Cid cid) {
        Node n = load(cid);
        if (n.isRaw()) return new UnixfsStat(cid, UnixfsStat.Kind.RAW, n.raw.length);
        return switch (n.unixfs.type()) {
            case FILE, RAW -> new UnixfsStat(cid, UnixfsStat.Kind.FILE, n.unixfs.contentSize());
            case DIRECTORY -> new UnixfsStat(cid, UnixfsStat.Kind.DIRECTORY, 0);
            case HAMT_SHARD -> new UnixfsStat(cid, UnixfsStat.Kind.HAMT_DIRECTORY, 0);
            case SYMLINK -> new UnixfsStat(cid, UnixfsStat.Kind.SYMLINK, n.unixfs.dataLength());
            case METADATA -> throw UnixfsException.invalid("metadata nodes are not supported");
        };
    }

    /** Follows a slash-separated path from {@code root} through plain and sharded directories. */
    public Cid resolve(Cid root, String path) {
        Cid current = root;
        for (String segment : path.split("/")) {
            if (segment.isEmpty()) continue;
            current = child(current, segment);
        }
        return current;
    }

    private Cid child(Cid dir, String name) {
        Node n = load(dir);
        if (n.isRaw() || (n.unixfs.type() != UnixfsType.DIRECTORY && n.unixfs.type() != UnixfsType.HAMT_SHARD)) {
            throw UnixfsException.notADirectory(dir);
        }
        Cid[] found = new Cid[1];
        forEachEntry(n, e -> {
            if (found[0] == null && e.name().equals(name)) found[0] = e.cid();
        });
        if (found[0] == null) throw UnixfsException.noLink(name, dir);
        return found[0];
    }

    public List<DirectoryEntry> list(Cid dir) {
        Node n = load(dir);
        if (n.isRaw() || (n.unixfs.type() != UnixfsType.DIRECTORY && n.unixfs.type() != UnixfsType.HAMT_SHARD)) {
            throw UnixfsException.notADirectory(dir);
        }
        List<DirectoryEntry> out = new ArrayList<>();
        forEachEntry(n, out::add);
        return out;
    }

    private void forEachEntry(Node dir, Consumer<DirectoryEntry> visitor) {
        if (dir.unixfs.type() == UnixfsType.DIRECTORY) {
            for (PbLink l : dir.pb.links()) visitor.accept(new DirectoryEntry(nameOf(l), l.hash(), tsizeOf(l)));
            return;
        }
        // HAMT shard: each link name starts with the bucket index in hex; a name that is only the
        // prefix points to a sub-shard, anything longer is an entry whose name follows the prefix.
        long fanout = dir.unixfs.fanout() == null ? 256 : dir.unixfs.fanout();
        int prefix = Long.toHexString(fanout - 1).length();
        for (PbLink l : dir.pb.links()) {
            String name = nameOf(l);
            if (name.length() < prefix) throw UnixfsException.invalid("HAMT link name '" + name + "' shorter than its prefix");
            if (name.length() == prefix) {
                Node sub = load(l.hash());
                if (sub.isRaw() || sub.unixfs.type() != UnixfsType.HAMT_SHARD) throw UnixfsException.invalid("HAMT bucket " + name + " is not a shard");
                forEachEntry(sub, visitor);
            } else {
                visitor.accept(new DirectoryEntry(name.substring(prefix), l.hash(), tsizeOf(l)));
            }
        }
    }

    private static String nameOf(PbLink l) {
        return l.name() == null ? "" : l.name();
    }

    private static long tsizeOf(PbLink l) {
        return l.tsize() == null ? 0 : l.tsize();
    }

    /** The whole content of a file (for small files and tests). */
    public byte[] readAll(Cid file) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        read(file, 0, -1, out);
        return out.toByteArray();
    }

    /**
     * Writes {@code length} bytes of the file starting at {@code offset} ({@code length} -1: to the end;
     * a range past the end is clipped, as {@code ipfs cat} does).
     */
    public void read(Cid file, long offset, long length, OutputStream out) {
        if (offset < 0) throw UnixfsException.badRange("offset must not be negative: " + offset);
        if (length < -1) throw UnixfsException.badRange("length must not be negative: " + length);
        var it = segments(file, offset, length);
        try {
            while (it.hasNext()) {
                Segment seg = it.next();
                out.write(seg.bytes(), seg.from(), seg.to() - seg.from());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void requireFile(Node n) {
        if (n.isRaw()) return;
        UnixfsType t = n.unixfs.type();
        if (t != UnixfsType.FILE && t != UnixfsType.RAW) throw UnixfsException.notAFile(n.cid);
    }

    /** A contiguous piece of file content inside one block. */
    record Segment(byte[] bytes, int from, int to) {}

    /**
     * The file's content in [start, end) as a lazy sequence of segments, loading each block only when
     * the iterator reaches it (depth-first, with a stack bounded by the tree's height).
     */
    java.util.Iterator<Segment> segments(Cid file, long offset, long length) {
        Node root = load(file);
        requireFile(root);
        long size = root.isRaw() ? root.raw.length : root.unixfs.contentSize();
        long start = Math.min(offset, size);
        long end = length == -1 ? size : Math.min(size, start + length);
        java.util.ArrayDeque<Object[]> stack = new java.util.ArrayDeque<>();
        if (end > start) stack.push(new Object[] {root, start, end});
        return new java.util.Iterator<>() {
            @Override
            public boolean hasNext() {
                return !stack.isEmpty();
            }

            @Override
            public Segment next() {
                while (true) {
                    if (stack.isEmpty()) throw new java.util.NoSuchElementException();
                    Object[] top = stack.pop();
                    Node n = top[0] instanceof Node node ? node : load((Cid) top[0]);
                    long s = (long) top[1], e = (long) top[2];
                    if (n.isRaw()) {
                        if (e > n.raw.length) throw UnixfsException.invalid("raw block " + n.cid + " is shorter than its parent says");
                        return new Segment(n.raw, (int) s, (int) e);
                    }
                    requireFile(n);
                    long[] sizes = n.unixfs.blockSizes();
                    List<PbLink> links = n.pb.links();
                    if (sizes.length != links.size()) throw UnixfsException.invalid(n.cid + " has " + links.size() + " links but " + sizes.length + " blocksizes");
                    int dataLen = n.unixfs.dataLength();
                    // push children in reverse so the first overlapping child is on top
                    long pos = dataLen;
                    List<Object[]> children = new ArrayList<>();
                    for (int i = 0; i < links.size() && pos < e; i++) {
                        long childEnd = pos + sizes[i];
                        if (childEnd > s) children.add(new Object[] {links.get(i).hash(), Math.max(s, pos) - pos, Math.min(e, childEnd) - pos});
                        pos = childEnd;
                    }
                    if (pos < e && pos >= dataLen) throw UnixfsException.invalid(n.cid + " holds fewer bytes than its size says");
                    for (int i = children.size() - 1; i >= 0; i--) stack.push(children.get(i));
                    if (s < dataLen) return new Segment(n.unixfs.data(), (int) s, (int) Math.min(e, dataLen));
                }
            }
        };
    }

    /** A stream over a byte range of a file; blocks are loaded as the stream is read. */
    public InputStream open(Cid file, long offset, long length) {
        return new UnixfsInputStream(this, file, offset, length);
    }

    /**
     * The CIDs of the blocks needed to read [offset, offset+length) of a file, root first, in
     * depth-first order: what a CAR for that range must carry (the trustless gateway's entity-bytes).
     */
    public List<Cid> blocksForRange(Cid file, long offset, long length) {
        Node root = load(file);
        requireFile(root);
        long size = root.isRaw() ? root.raw.length : root.unixfs.contentSize();
        long start = Math.min(Math.max(0, offset), size);
        long end = length < 0 ? size : Math.min(size, start + length);
        List<Cid> out = new ArrayList<>();
        collect(root, start, end, out);
        return out;
    }

    private void collect(Node n, long start, long end, List<Cid> out) {
        out.add(n.cid);
        if (n.isRaw()) return;
        long pos = n.unixfs.dataLength();
        long[] sizes = n.unixfs.blockSizes();
        List<PbLink> links = n.pb.links();
        for (int i = 0; i < links.size() && i < sizes.length && pos < end; i++) {
            long childEnd = pos + sizes[i];
            if (childEnd > start) collect(load(links.get(i).hash()), Math.max(start, pos) - pos, Math.min(end, childEnd) - pos, out);
            pos = childEnd;
        }
    }

    /** Writes a file or a directory tree to {@code target} (which must not exist yet). */
    public void exportTo(Cid cid, Path target) {
        try {
            UnixfsStat st = stat(cid);
            if (st.isDirectory()) {
                Files.createDirectories(target);
                for (DirectoryEntry e : list(cid)) {
                    if (e.name().isEmpty() || e.name().equals(".") || e.name().equals("..") || e.name().contains("/")) {
                        throw UnixfsException.invalid("unsafe entry name '" + e.name() + "' in " + cid);
                    }
                    exportTo(e.cid(), target.resolve(e.name()));
                }
            } else if (st.kind() == UnixfsStat.Kind.SYMLINK) {
                throw UnixfsException.invalid("symlinks are not exported: " + cid);
            } else {
                Path parent = target.toAbsolutePath().getParent();
                if (parent != null) Files.createDirectories(parent);
                try (OutputStream out = Files.newOutputStream(target)) {
                    read(cid, 0, -1, out);
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            if (String.valueOf(e.getMessage()).contains("No space left")) throw StorageException.diskFull(target.toString(), e);
            throw new StorageException("write_failed", "cannot write " + target + ": " + e.getMessage(), e);
        }
    }
}
