package io.cairn.ipfs.unixfs;

import io.cairn.codec.dagpb.PbLink;
import io.cairn.error.StorageException;
import io.cairn.ipfs.block.Blockstore;
import io.cairn.multiformats.Cid;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads UnixFS back out of a blockstore: file bytes (whole or a byte range, visiting only the blocks
 * that overlap it), directory listings (plain and HAMT-sharded), path resolution and export to disk.
 * Every block is checked against its CID before it is used: a corrupted block fails the read with an
 * error naming it, and no byte of it reaches the caller.
 */
public final class UnixfsExporter {
    private final BlockLoader loader;
    private final HamtReader hamt;

    public UnixfsExporter(Blockstore store) {
        this.loader = new BlockLoader(store);
        this.hamt = new HamtReader(loader);
    }

    public UnixfsStat stat(Cid cid) {
        UnixfsNode n = loader.load(cid);
        if (n.isRaw()) return new UnixfsStat(cid, UnixfsStat.Kind.RAW, n.raw().length);
        return switch (n.unixfs().type()) {
            case FILE, RAW -> new UnixfsStat(cid, UnixfsStat.Kind.FILE, n.unixfs().contentSize());
            case DIRECTORY -> new UnixfsStat(cid, UnixfsStat.Kind.DIRECTORY, 0);
            case HAMT_SHARD -> new UnixfsStat(cid, UnixfsStat.Kind.HAMT_DIRECTORY, 0);
            case SYMLINK -> new UnixfsStat(cid, UnixfsStat.Kind.SYMLINK, n.unixfs().dataLength());
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
        UnixfsNode n = directory(dir);
        Cid found;
        if (n.unixfs().type() == UnixfsType.HAMT_SHARD) {
            found = hamt.find(n, name);
        } else {
            found = null;
            for (PbLink l : n.pb().links()) {
                if (name.equals(l.name())) {
                    found = l.hash();
                    break;
                }
            }
        }
        if (found == null) throw UnixfsException.noLink(name, dir);
        return found;
    }

    public List<DirectoryEntry> list(Cid dir) {
        UnixfsNode n = directory(dir);
        List<DirectoryEntry> out = new ArrayList<>();
        if (n.unixfs().type() == UnixfsType.HAMT_SHARD) {
            hamt.forEach(n, out::add);
        } else {
            for (PbLink l : n.pb().links()) {
                out.add(new DirectoryEntry(l.name() == null ? "" : l.name(), l.hash(), l.tsize() == null ? 0 : l.tsize()));
            }
        }
        return out;
    }

    private UnixfsNode directory(Cid cid) {
        UnixfsNode n = loader.load(cid);
        if (!n.isDirectory()) throw UnixfsException.notADirectory(cid);
        return n;
    }

    /** The whole content of a file (for small files and tests). */
    public byte[] readAll(Cid file) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        read(file, 0, -1, out);
        return out.toByteArray();
    }

    /**
     * Writes {@code length} bytes of the file starting at {@code offset} ({@code length} -1: to the end;
     * a range past the end is clipped, as {@code ipfs cat} does). Blocks are written straight from the
     * blockstore's arrays, as they arrive.
     */
    public void read(Cid file, long offset, long length, OutputStream out) {
        FileRangeReader segments = segments(file, offset, length);
        try {
            while (segments.hasNext()) {
                FileRangeReader.Segment s = segments.next();
                out.write(s.bytes(), s.from(), s.length());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A stream over a byte range of a file; blocks are loaded (a few ahead) as the stream is read. */
    public InputStream open(Cid file, long offset, long length) {
        return new UnixfsInputStream(segments(file, offset, length));
    }

    private FileRangeReader segments(Cid file, long offset, long length) {
        if (offset < 0) throw UnixfsException.badRange("offset must not be negative: " + offset);
        if (length < -1) throw UnixfsException.badRange("length must not be negative: " + length);
        UnixfsNode root = loader.load(file);
        if (!root.isFile()) throw UnixfsException.notAFile(file);
        long size = root.fileSize();
        long start = Math.min(offset, size);
        long end = length == -1 ? size : start + Math.min(length, size - start);
        return new FileRangeReader(loader, root, start, end);
    }

    /**
     * The CIDs of the blocks needed to read [offset, offset+length) of a file, root first, in
     * depth-first order: what a CAR for that range must carry (the trustless gateway's entity-bytes).
     */
    public List<Cid> blocksForRange(Cid file, long offset, long length) {
        UnixfsNode root = loader.load(file);
        if (!root.isFile()) throw UnixfsException.notAFile(file);
        long size = root.fileSize();
        long start = Math.min(Math.max(0, offset), size);
        long end = length < 0 ? size : start + Math.min(length, size - start);
        List<Cid> out = new ArrayList<>();
        collect(root, start, end, out);
        return out;
    }

    private void collect(UnixfsNode n, long start, long end, List<Cid> out) {
        out.add(n.cid());
        if (n.isRaw()) return;
        if (!n.isFile()) throw UnixfsException.notAFile(n.cid());
        long pos = n.unixfs().dataLength();
        long[] sizes = n.unixfs().blockSizes();
        List<PbLink> links = n.pb().links();
        for (int i = 0; i < links.size() && i < sizes.length && pos < end; i++) {
            long childEnd = pos + sizes[i];
            if (childEnd > start) collect(loader.load(links.get(i).hash()), Math.max(start, pos) - pos, Math.min(end, childEnd) - pos, out);
            pos = childEnd;
        }
    }

    /**
     * Writes a file, symlink or directory tree to {@code target}. The target itself may exist (a file is
     * replaced, a directory filled); everything below it is created new, so an entry can never write
     * through a link or over an earlier entry of the same name.
     */
    public void exportTo(Cid cid, Path target) {
        exportTo(cid, target, true);
    }

    private void exportTo(Cid cid, Path target, boolean isRoot) {
        try {
            UnixfsNode n = loader.load(cid);
            if (n.isDirectory()) {
                if (isRoot) Files.createDirectories(target);
                else Files.createDirectory(target);
                for (DirectoryEntry e : list(cid)) {
                    if (e.name().isEmpty() || e.name().equals(".") || e.name().equals("..") || e.name().contains("/") || e.name().indexOf('\0') >= 0) {
                        throw UnixfsException.invalid("unsafe entry name '" + e.name() + "' in " + cid);
                    }
                    exportTo(e.cid(), target.resolve(e.name()), false);
                }
            } else if (!n.isRaw() && n.unixfs().type() == UnixfsType.SYMLINK) {
                String linkTarget = new String(n.unixfs().data() == null ? new byte[0] : n.unixfs().data(), java.nio.charset.StandardCharsets.UTF_8);
                if (isRoot) Files.deleteIfExists(target);
                Files.createSymbolicLink(target, Path.of(linkTarget));
            } else {
                Path parent = target.toAbsolutePath().getParent();
                if (parent != null && isRoot) Files.createDirectories(parent);
                var options = isRoot
                        ? new java.nio.file.OpenOption[] {java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.TRUNCATE_EXISTING, java.nio.file.StandardOpenOption.WRITE}
                        : new java.nio.file.OpenOption[] {java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE};
                try (OutputStream out = Files.newOutputStream(target, options)) {
                    read(cid, 0, -1, out);
                }
            }
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw UnixfsException.invalid("two entries named '" + target.getFileName() + "' (or it exists already) under " + target.getParent());
        } catch (java.nio.file.InvalidPathException e) {
            throw UnixfsException.invalid("symlink " + cid + " has a target this system cannot represent");
        } catch (IOException | UncheckedIOException e) {
            if (String.valueOf(e.getMessage()).contains("No space left")) throw StorageException.diskFull(target.toString(), e);
            throw new StorageException("write_failed", "cannot write " + target + ": " + e.getMessage(), e);
        }
    }
}
