package io.cairn.ipfs.unixfs;

import io.cairn.codec.dagpb.DagPb;
import io.cairn.codec.dagpb.PbLink;
import io.cairn.codec.dagpb.PbNode;
import io.cairn.error.CairnException;
import io.cairn.error.StorageException;
import io.cairn.ipfs.block.Block;
import io.cairn.ipfs.block.Blockstore;
import io.cairn.multiformats.Cid;
import io.cairn.multiformats.Multicodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * Imports files and directories as UnixFS, producing the same blocks and root CIDs as the reference
 * importer ({@code ipfs-unixfs-importer}) for the same {@link ImportOptions}.
 *
 * <p>Files stream: chunks are read in order, encoded and hashed on a small pool (in order, with a
 * bounded number in flight), written in batches, and folded into the balanced tree one level group at
 * a time. Memory use depends on the options, never on the file size. All blocks are synced before
 * an import returns.
 */
public final class UnixfsImporter {
    private static final int IN_FLIGHT_CHUNKS = 4;
    private static final ExecutorService HASHERS = Executors.newFixedThreadPool(
            Math.max(1, Runtime.getRuntime().availableProcessors()),
            r -> {
                Thread t = new Thread(r, "cairn-unixfs-hasher");
                t.setDaemon(true);
                return t;
            });

    private final Blockstore store;
    private final ImportOptions options;

    public UnixfsImporter(Blockstore store, ImportOptions options) {
        this.store = store;
        this.options = options;
    }

    public ImportResult importFile(InputStream in) {
        return importFile(in, bytes -> {});
    }

    /** Imports one file's bytes; {@code progress} receives the running count of bytes read. */
    public ImportResult importFile(InputStream in, LongConsumer progress) {
        BlockBatcher batcher = new BlockBatcher(store);
        FileNode root = importFileInto(in, batcher, progress);
        batcher.flush();
        store.sync();
        return new ImportResult(root.cid(), root.contentSize());
    }

    /** An entry the importer added, as {@code ipfs add} reports it. */
    public record AddedEntry(String path, Cid cid, long size) {}

    /**
     * Imports a file, or a directory recursively with the directory itself as the root (as
     * {@code ipfs add -r DIR}). {@code listener} sees each entry as it is added, children before parents.
     */
    public ImportResult importPath(Path path, java.util.function.Consumer<AddedEntry> listener, LongConsumer progress) {
        BlockBatcher batcher = new BlockBatcher(store);
        String name = path.getFileName() == null ? path.toString() : path.getFileName().toString();
        Entry root = importEntry(path, name, batcher, listener, progress);
        batcher.flush();
        store.sync();
        return new ImportResult(root.cid, root.contentSize);
    }

    public ImportResult importPath(Path path) {
        return importPath(path, e -> {}, b -> {});
    }

    record Entry(Cid cid, long tsize, long contentSize) {}

    private Entry importEntry(Path path, String relative, BlockBatcher batcher,
                              java.util.function.Consumer<AddedEntry> listener, LongConsumer progress) {
        if (Files.isDirectory(path)) {
            List<Path> children;
            try (Stream<Path> s = Files.list(path)) {
                children = new ArrayList<>(s.toList());
            } catch (IOException e) {
                throw new StorageException("read_failed", "cannot list " + path + ": " + e.getMessage(), e);
            }
            children.sort((a, b) -> Arrays.compareUnsigned(nameBytes(a), nameBytes(b)));
            List<HamtShardBuilder.Child> entries = new ArrayList<>(children.size());
            long contentSum = 0, estimate = 0;
            for (Path child : children) {
                String childName = child.getFileName().toString();
                Entry e = Files.isSymbolicLink(child)
                        ? importSymlink(child, relative + "/" + childName, batcher, listener)
                        : importEntry(child, relative + "/" + childName, batcher, listener, progress);
                entries.add(new HamtShardBuilder.Child(childName, e.cid, e.tsize));
                contentSum += e.contentSize;
                if (countsTowardsShardSplit(child)) estimate += linkEstimate(childName, e);
            }
            Entry dir = directoryNode(entries, estimate, batcher);
            Entry entry = new Entry(dir.cid, dir.tsize, contentSum);
            listener.accept(new AddedEntry(relative, dir.cid, contentSum));
            return entry;
        }
        if (!Files.isRegularFile(path)) {
            throw new CairnException(CairnException.Kind.BAD_INPUT, "unsupported_file", path + " is not a regular file or directory");
        }
        try (InputStream in = Files.newInputStream(path)) {
            FileNode node = importFileInto(in, batcher, progress);
            listener.accept(new AddedEntry(relative, node.cid(), node.contentSize()));
            return new Entry(node.cid(), node.tsize(), node.contentSize());
        } catch (IOException e) {
            throw new StorageException("read_failed", "cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * A symbolic link inside a directory is stored as a UnixFS symlink node holding its target, as
     * {@code ipfs add -r} and the reference importer store it (the target is not followed). A link
     * given as the path to import is followed instead, so {@code add LINK} adds what it points to.
     */
    private Entry importSymlink(Path link, String relative, BlockBatcher batcher, java.util.function.Consumer<AddedEntry> listener) {
        String target;
        try {
            target = Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            throw new StorageException("read_failed", "cannot read the link " + link + ": " + e.getMessage(), e);
        }
        Entry entry = symlinkNode(target, batcher);
        listener.accept(new AddedEntry(relative, entry.cid, 0));
        return entry;
    }

    /**
     * A directory node over {@code entries} (sorted by name bytes), a HAMT shard when {@code estimate}
     * (the sum of {@link #linkEstimate} over the entries that count towards the split) passes the threshold.
     */
    Entry directoryNode(List<HamtShardBuilder.Child> entries, long estimate, BlockBatcher batcher) {
        if (estimate + directoryDataSize() > ImportOptions.SHARD_SPLIT_THRESHOLD) {
            HamtShardBuilder.Shard shard = new HamtShardBuilder(options.cidVersion(), batcher).build(entries);
            return new Entry(shard.cid(), shard.size(), 0);
        }
        List<PbLink> links = new ArrayList<>(entries.size());
        long tsizeSum = 0;
        for (HamtShardBuilder.Child c : entries) {
            links.add(new PbLink(c.cid(), c.name(), c.tsize()));
            tsizeSum += c.tsize();
        }
        byte[] block = DagPb.encode(new PbNode(UnixfsData.directory().marshal(), links));
        Cid cid = Cid.sha256(options.cidVersion(), Multicodec.DAG_PB, block);
        batcher.add(new Block(cid, block));
        return new Entry(cid, block.length + tsizeSum, 0);
    }

    /** A UnixFS symlink node holding {@code target}. */
    Entry symlinkNode(String target, BlockBatcher batcher) {
        UnixfsData data = new UnixfsData(UnixfsType.SYMLINK, target.getBytes(StandardCharsets.UTF_8), null, new long[0], null, null);
        byte[] block = DagPb.encode(new PbNode(data.marshal(), List.of()));
        Cid cid = Cid.sha256(options.cidVersion(), Multicodec.DAG_PB, block);
        batcher.add(new Block(cid, block));
        return new Entry(cid, block.length, 0);
    }

    /**
     * The reference importer weighs a directory before its subdirectories are written, so only
     * files and empty directories count towards the shard split.
     */
    private static boolean countsTowardsShardSplit(Path child) {
        if (!Files.isDirectory(child, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return true;
        try (Stream<Path> s = Files.list(child)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    long linkEstimate(String name, Entry e) {
        int nameBytes = name.getBytes(StandardCharsets.UTF_8).length;
        int cidBytes = e.cid.byteLength();
        if (options.shardSplit() == ImportOptions.ShardSplit.LINKS_BYTES) return nameBytes + cidBytes;
        int link = 1 + varintLength(cidBytes) + cidBytes + 1 + varintLength(nameBytes) + nameBytes + 1 + varintLength(e.tsize);
        return 1 + varintLength(link) + link;
    }

    /** The serialized Data field of a plain directory node (08 01, wrapped), counted by the block-bytes rule. */
    private long directoryDataSize() {
        return options.shardSplit() == ImportOptions.ShardSplit.BLOCK_BYTES ? 4 : 0;
    }

    private static int varintLength(long v) {
        return io.cairn.codec.protobuf.ProtoWriter.varintSize(v);
    }

    private static byte[] nameBytes(Path p) {
        return p.getFileName().toString().getBytes(StandardCharsets.UTF_8);
    }

    FileNode importFileInto(InputStream in, BlockBatcher batcher, LongConsumer progress) {
        LeafEncoder encoder = new LeafEncoder(options);
        BalancedTreeBuilder tree = new BalancedTreeBuilder(options, batcher);
        ArrayDeque<CompletableFuture<LeafEncoder.Leaf>> inFlight = new ArrayDeque<>();
        long read = 0;
        boolean any = false;
        try {
            while (true) {
                byte[] chunk = readChunk(in);
                if (chunk.length == 0 && any) break;
                any = true;
                read += chunk.length;
                progress.accept(read);
                inFlight.add(CompletableFuture.supplyAsync(() -> encoder.encode(chunk), HASHERS));
                if (inFlight.size() >= IN_FLIGHT_CHUNKS) consume(inFlight.poll(), tree, batcher);
                if (chunk.length < options.chunkSize()) break;
            }
            while (!inFlight.isEmpty()) consume(inFlight.poll(), tree, batcher);
        } catch (IOException e) {
            throw new StorageException("read_failed", "cannot read input: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new StorageException("read_failed", "cannot read input: " + e.getMessage(), e);
        } finally {
            inFlight.forEach(f -> f.cancel(false));
        }
        return tree.finish();
    }

    /**
     * Reads the next chunk straight into an array of the chunk size (large reads, no intermediate
     * buffers); only a short last chunk is trimmed to its length.
     */
    private byte[] readChunk(InputStream in) throws IOException {
        byte[] chunk = new byte[options.chunkSize()];
        int n = in.readNBytes(chunk, 0, chunk.length);
        return n == chunk.length ? chunk : Arrays.copyOf(chunk, n);
    }

    private static void consume(CompletableFuture<LeafEncoder.Leaf> future, BalancedTreeBuilder tree, BlockBatcher batcher) {
        LeafEncoder.Leaf leaf;
        try {
            leaf = future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw e;
        }
        batcher.add(leaf.block());
        tree.addLeaf(leaf.node());
    }
}
