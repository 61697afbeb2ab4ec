package io.cairn.ipfs.unixfs;

import io.cairn.error.CairnException;
import io.cairn.ipfs.block.Blockstore;
import io.cairn.multiformats.Cid;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Imports a tree whose entries arrive one at a time, as in an upload ({@code multipart/form-data} of
 * Kubo's {@code /api/v0/add}): files as streams, directories and symlinks by path, each entry after
 * its parent directory (or with its parents left implicit) and a directory's entries together. Files are imported as they arrive, so
 * memory depends on the number of entries of the open directories, never on the bytes. A directory is
 * written as soon as an entry outside it arrives (or at {@link #finish}), with the same node, sharding
 * and CID as {@link UnixfsImporter#importPath} gives for the same tree.
 *
 * <p>Every entry is reported once written, children before their directory; a top-level entry (a
 * root, unless the tree is wrapped in a directory) only once its blocks are durable, so it can be pinned.
 */
public final class UnixfsTreeImporter {
    /**
     * An entry written: its path in the upload ({@code ""} for an unnamed top-level file or the
     * wrapping directory), its CID, the bytes of its DAG (Kubo's {@code Size}) and whether it is a root.
     */
    public record Added(String path, Cid cid, long dagSize, boolean root) {}

    private static final class OpenDirectory {
        final String path;
        final String name;
        final List<HamtShardBuilder.Child> children = new ArrayList<>();
        final Set<String> names = new HashSet<>();
        long estimate;

        OpenDirectory(String path, String name) {
            this.path = path;
            this.name = name;
        }
    }

    private final UnixfsImporter importer;
    private final Blockstore store;
    private final BlockBatcher batcher;
    private final Consumer<Added> listener;
    private final OpenDirectory wrapper;
    private final ArrayDeque<OpenDirectory> open = new ArrayDeque<>();
    private final Set<String> topLevelNames = new HashSet<>();
    private int entries;

    /** {@code wrap}: all top-level entries go into one directory, the only root (Kubo's {@code wrap-with-directory}). */
    public UnixfsTreeImporter(Blockstore store, ImportOptions options, boolean wrap, Consumer<Added> listener) {
        this.importer = new UnixfsImporter(store, options);
        this.store = store;
        this.batcher = new BlockBatcher(store);
        this.listener = listener;
        this.wrapper = wrap ? new OpenDirectory("", "") : null;
    }

    /** A file's bytes, read to the end; {@code path} "" is an unnamed top-level file (named by its CID). */
    public void file(String path, InputStream in) {
        List<String> segments = segments(path, true);
        placeUnder(segments);
        FileNode node = importer.importFileInto(in, batcher, b -> {});
        added(segments, path, new UnixfsImporter.Entry(node.cid(), node.tsize(), node.contentSize()), true);
    }

    /** A symbolic link holding {@code target}, stored as a UnixFS symlink node (not followed). */
    public void symlink(String path, String target) {
        List<String> segments = segments(path, false);
        placeUnder(segments);
        added(segments, path, importer.symlinkNode(target, batcher), true);
    }

    /** A directory; its entries follow it. */
    public void directory(String path) {
        List<String> segments = segments(path, false);
        placeUnder(segments);
        claimName(segments.get(segments.size() - 1));
        open.push(new OpenDirectory(String.join("/", segments), segments.get(segments.size() - 1)));
    }

    /** How many entries arrived. */
    public int entries() {
        return entries;
    }

    /** Writes the directories still open (and the wrapper); returns the wrapper's entry when wrapping. */
    public Optional<Added> finish() {
        while (!open.isEmpty()) closeDirectory();
        if (wrapper == null) {
            batcher.flush();
            store.sync();
            return Optional.empty();
        }
        UnixfsImporter.Entry dir = importer.directoryNode(sorted(wrapper.children), wrapper.estimate, batcher);
        batcher.flush();
        store.sync();
        Added root = new Added("", dir.cid(), dir.tsize(), true);
        listener.accept(root);
        return Optional.of(root);
    }

    /**
     * Closes the open directories that are not ancestors of the entry at {@code segments} and opens its
     * missing ancestors (a client may leave parent directories implicit, as Kubo accepts).
     */
    private void placeUnder(List<String> segments) {
        List<String> parent = segments.isEmpty() ? List.of() : segments.subList(0, segments.size() - 1);
        while (!open.isEmpty() && !isAncestor(open.peek().path, parent)) closeDirectory();
        while (open.size() < parent.size()) {
            String name = parent.get(open.size());
            claimName(name, "the entries of '" + String.join("/", parent.subList(0, open.size() + 1)) + "' must arrive together");
            open.push(new OpenDirectory(String.join("/", parent.subList(0, open.size() + 1)), name));
        }
        entries++;
    }

    private static boolean isAncestor(String dirPath, List<String> parent) {
        return String.join("/", parent).equals(dirPath) || String.join("/", parent).startsWith(dirPath + "/");
    }

    private void claimName(String name) {
        claimName(name, "'" + name + "' appears twice in the same directory");
    }

    private void claimName(String name, String refusal) {
        Set<String> names = open.isEmpty() ? (wrapper != null ? wrapper.names : topLevelNames) : open.peek().names;
        if (!names.add(name)) throw bad(refusal);
    }

    private void added(List<String> segments, String path, UnixfsImporter.Entry entry, boolean countsTowardsSplit) {
        String name = segments.isEmpty() ? entry.cid().toString() : segments.get(segments.size() - 1);
        if (!segments.isEmpty() || wrapper != null) claimName(name);
        attach(name, segments.isEmpty() ? path : String.join("/", segments), entry, countsTowardsSplit);
    }

    /** Reports the entry and links it into its directory (or the wrapper); a root is reported once durable. */
    private void attach(String name, String path, UnixfsImporter.Entry entry, boolean countsTowardsSplit) {
        OpenDirectory parent = open.isEmpty() ? wrapper : open.peek();
        if (parent == null) {
            batcher.flush();
            store.sync();
            listener.accept(new Added(path, entry.cid(), entry.tsize(), true));
            return;
        }
        listener.accept(new Added(path, entry.cid(), entry.tsize(), false));
        parent.children.add(new HamtShardBuilder.Child(name, entry.cid(), entry.tsize()));
        if (countsTowardsSplit) parent.estimate += importer.linkEstimate(name, entry);
    }

    private void closeDirectory() {
        OpenDirectory dir = open.pop();
        UnixfsImporter.Entry node = importer.directoryNode(sorted(dir.children), dir.estimate, batcher);
        // the reference importer weighs only files and empty directories towards its parent's shard split
        attach(dir.name, dir.path, node, dir.children.isEmpty());
    }

    private static List<HamtShardBuilder.Child> sorted(List<HamtShardBuilder.Child> children) {
        List<HamtShardBuilder.Child> s = new ArrayList<>(children);
        s.sort((a, b) -> Arrays.compareUnsigned(a.name().getBytes(StandardCharsets.UTF_8), b.name().getBytes(StandardCharsets.UTF_8)));
        return s;
    }

    private static List<String> segments(String path, boolean mayBeEmpty) {
        String p = path == null ? "" : path;
        while (p.startsWith("/")) p = p.substring(1);
        while (p.endsWith("/")) p = p.substring(0, p.length() - 1);
        if (p.isEmpty()) {
            if (mayBeEmpty) return List.of();
            throw bad("a directory or symlink needs a name");
        }
        List<String> s = List.of(p.split("/", -1));
        for (String seg : s) {
            if (seg.isEmpty() || seg.equals(".") || seg.equals("..")) throw bad("invalid path '" + path + "'");
        }
        return s;
    }

    private static CairnException bad(String message) {
        return new CairnException(CairnException.Kind.BAD_INPUT, "invalid_upload", message);
    }
}
