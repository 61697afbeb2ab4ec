package io.cairn.ipfs.unixfs;

import io.cairn.error.CairnException;

/**
 * How the importer chunks and lays out a file. The presets reproduce the reference importer's
 * parameters for Kubo's classic {@code ipfs add}, Helia's defaults and the unixfs-v1-2025 profile.
 */
public record ImportOptions(int cidVersion, boolean rawLeaves, int chunkSize, int maxLinksPerNode, ShardSplit shardSplit) {
    public static final int MAX_CHUNK_SIZE = 2 * 1024 * 1024;
    /** A directory whose estimated node size passes this many bytes becomes a HAMT shard. */
    public static final int SHARD_SPLIT_THRESHOLD = 262_144;

    /**
     * How a directory's size is estimated against {@link #SHARD_SPLIT_THRESHOLD}, as the reference
     * importer does: by the bytes of link names and CIDs (Kubo's classic rule), or by the exact
     * serialized size of the node (the unixfs-v1-2025 profile).
     */
    public enum ShardSplit { LINKS_BYTES, BLOCK_BYTES }

    public ImportOptions(int cidVersion, boolean rawLeaves, int chunkSize, int maxLinksPerNode) {
        this(cidVersion, rawLeaves, chunkSize, maxLinksPerNode, ShardSplit.LINKS_BYTES);
    }

    public ImportOptions {
        java.util.Objects.requireNonNull(shardSplit, "shardSplit");
        if (cidVersion != 0 && cidVersion != 1) throw bad("cid version must be 0 or 1, got " + cidVersion);
        if (chunkSize < 1 || chunkSize > MAX_CHUNK_SIZE) throw bad("chunk size must be between 1 and " + MAX_CHUNK_SIZE + " bytes, got " + chunkSize);
        if (maxLinksPerNode < 2) throw bad("links per node must be at least 2, got " + maxLinksPerNode);
    }

    /** Kubo's classic {@code ipfs add}: CIDv0, 256 KiB chunks, dag-pb leaves, 174 links. */
    public static ImportOptions kubo() {
        return new ImportOptions(0, false, 262144, 174);
    }

    /** Helia's {@code @helia/unixfs} defaults: CIDv1, raw leaves, 1 MiB chunks, 1024 links. */
    public static ImportOptions helia() {
        return new ImportOptions(1, true, 1048576, 1024);
    }

    /** The unixfs-v1-2025 profile (IPIP-499): CIDv1, raw leaves, 1 MiB chunks, 1024 links. */
    public static ImportOptions unixfsV1_2025() {
        return new ImportOptions(1, true, 1048576, 1024, ShardSplit.BLOCK_BYTES);
    }

    public static ImportOptions profile(String name) {
        return switch (name) {
            case "kubo", "legacy-cidv0", "unixfs-v0-2015" -> kubo();
            case "helia" -> helia();
            case "unixfs-v1-2025" -> unixfsV1_2025();
            default -> throw bad("unknown import profile '" + name + "' (known: kubo, unixfs-v0-2015, helia, unixfs-v1-2025)");
        };
    }

    public ImportOptions withCidVersion(int v) {
        return new ImportOptions(v, rawLeaves, chunkSize, maxLinksPerNode, shardSplit);
    }

    public ImportOptions withRawLeaves(boolean raw) {
        return new ImportOptions(cidVersion, raw, chunkSize, maxLinksPerNode, shardSplit);
    }

    public ImportOptions withChunkSize(int size) {
        return new ImportOptions(cidVersion, rawLeaves, size, maxLinksPerNode, shardSplit);
    }

    public ImportOptions withMaxLinksPerNode(int links) {
        return new ImportOptions(cidVersion, rawLeaves, chunkSize, links, shardSplit);
    }

    /** Parses Kubo's chunker syntax, {@code size-N}. */
    public ImportOptions withChunker(String chunker) {
        if (chunker == null || !chunker.startsWith("size-")) throw bad("unsupported chunker '" + chunker + "' (only size-N)");
        try {
            return withChunkSize(Integer.parseInt(chunker.substring(5)));
        } catch (NumberFormatException e) {
            throw bad("invalid chunker '" + chunker + "'");
        }
    }

    private static CairnException bad(String message) {
        return new CairnException(CairnException.Kind.BAD_INPUT, "invalid_import_options", message);
    }
}
