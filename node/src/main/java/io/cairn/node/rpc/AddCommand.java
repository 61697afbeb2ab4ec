package io.cairn.node.rpc;

import io.cairn.error.CairnException;
import io.cairn.ipfs.repo.Repo;
import io.cairn.ipfs.repo.WriteGuard;
import io.cairn.ipfs.unixfs.ImportOptions;
import io.cairn.ipfs.unixfs.UnixfsTreeImporter;
import io.cairn.node.http.HttpExchange;
import io.cairn.node.http.MultipartReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /api/v0/add}: the {@code multipart/form-data} body is read part by part into the UnixFS
 * importer (files as they stream in; directories {@code application/x-directory}, symlinks
 * {@code application/symlink}, named by their url-escaped paths, as Kubo's clients send them), and
 * each entry is reported as it is written, one NDJSON line {@code {"Name","Hash","Size"}} (Size: the
 * bytes of its DAG, as a string). Each top-level entry (or the wrapping directory) is pinned before its
 * line goes out. Kubo's options: cid-version, raw-leaves (implied by CIDv1), chunker (size-N),
 * max-file-links, hash (sha2-256 only), wrap-with-directory, pin, silent, progress (lines
 * {@code {"Name","Bytes"}} as a file is read); quiet/quieter only shape a CLI's output and are accepted. Cairn's {@code profile} (kubo, helia, unixfs-v1-2025) sets the
 * defaults the other options adjust.
 */
final class AddCommand {
    private static final int MAX_SYMLINK_TARGET = 4096;

    private final Repo repo;

    AddCommand(Repo repo) {
        this.repo = repo;
    }

    void run(HttpExchange ex, RpcArgs args) throws Exception {
        ImportOptions options = options(args);
        boolean wrap = args.bool(false, "wrap-with-directory", "w");
        boolean pin = args.bool(true, "pin");
        boolean silent = args.bool(false, "silent");
        args.bool(false, "quiet", "q");
        args.bool(false, "quieter", "Q");
        boolean progress = args.bool(false, "progress", "p") && !silent;
        refuse(args, "trickle", "t");
        refuse(args, "only-hash", "n");
        refuse(args, "nocopy");
        refuse(args, "inline");
        refuse(args, "preserve-mode");
        refuse(args, "preserve-mtime");
        if (args.has("to-files")) throw unsupported("to-files (MFS) is not supported");
        if (args.has("mode") || args.has("mtime")) throw unsupported("mode and mtime metadata are not supported");
        String hash = args.string("hash");
        if (hash != null && !hash.equalsIgnoreCase("sha2-256")) throw unsupported("hash function '" + hash + "' is not supported (only sha2-256)");
        Optional<String> boundary = MultipartReader.boundaryOf(ex.headers().get("Content-Type"));
        if (boundary.isEmpty()) throw new RpcUsageException("file argument 'path' is required");

        RpcOutput.Lines lines = new RpcOutput.Lines(ex);
        MultipartReader parts = new MultipartReader(ex.body(), boundary.get());
        try (WriteGuard writing = repo.beginWrite()) {
            UnixfsTreeImporter tree = new UnixfsTreeImporter(repo.blockstore(), options, wrap, added -> {
                if (added.root() && pin) repo.pins().pinRecursive(added.cid());
                if (silent) return;
                Map<String, Object> event = new LinkedHashMap<>();
                event.put("Name", added.path().isEmpty() && !(wrap && added.root()) ? added.cid().toString() : added.path());
                event.put("Hash", added.cid().toString());
                event.put("Size", Long.toString(added.dagSize()));
                try {
                    lines.emit(event);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            try {
                for (Optional<MultipartReader.Part> p = parts.next(); p.isPresent(); p = parts.next()) add(tree, p.get(), progress ? lines : null);
                if (tree.entries() == 0) throw new CairnException(CairnException.Kind.BAD_INPUT, "no_file", "expected a file argument");
                tree.finish();
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
        lines.close();
    }

    /** {@code progress}: where to report each file's running byte count, Kubo's {@code {"Name","Bytes"}} lines (null: not asked for). */
    private static void add(UnixfsTreeImporter tree, MultipartReader.Part part, RpcOutput.Lines progress) throws IOException {
        Disposition d = Disposition.of(part.header("Content-Disposition"));
        if (d.fieldName().contains("?")) throw unsupported("mode and mtime metadata are not supported");
        String type = part.header("Content-Type");
        String mediaType = type == null ? "" : type.split(";")[0].trim().toLowerCase(java.util.Locale.ROOT);
        switch (mediaType) {
            case "application/x-directory" -> tree.directory(d.path());
            case "application/symlink" -> {
                byte[] target = part.body().readNBytes(MAX_SYMLINK_TARGET + 1);
                if (target.length > MAX_SYMLINK_TARGET) throw unsupported("a symlink target is longer than " + MAX_SYMLINK_TARGET + " bytes");
                tree.symlink(d.path(), new String(target, StandardCharsets.UTF_8));
            }
            case "multipart/mixed", "multipart/form-data" -> throw unsupported("nested multipart directories are not supported (send one part per entry, named by its path)");
            default -> tree.file(d.path(), progress == null ? part.body() : new ProgressStream(part.body(), d.path(), progress));
        }
    }

    /** Reports the bytes read of a file every {@value #PROGRESS_STEP} bytes and at its end. */
    private static final class ProgressStream extends java.io.FilterInputStream {
        private static final long PROGRESS_STEP = 256 * 1024;
        private final String name;
        private final RpcOutput.Lines lines;
        private long read;
        private long reported;
        private boolean ended;

        ProgressStream(java.io.InputStream in, String name, RpcOutput.Lines lines) {
            super(in);
            this.name = name;
            this.lines = lines;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) read += n;
            boolean end = n < 0 && !ended;
            if (n < 0) ended = true;
            if (end ? read > reported || read == 0 : n > 0 && read - reported >= PROGRESS_STEP) {
                reported = read;
                Map<String, Object> event = new LinkedHashMap<>();
                event.put("Name", name);
                event.put("Bytes", read);
                lines.emit(event);
            }
            return n;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }
    }

    private static ImportOptions options(RpcArgs args) {
        String profile = args.string("profile");
        ImportOptions o = profile == null ? ImportOptions.kubo() : ImportOptions.profile(profile);
        Integer cidVersion = args.int32("cid-version");
        if (cidVersion != null) o = o.withCidVersion(cidVersion);
        boolean rawLeavesSet = args.has("raw-leaves");
        boolean rawLeaves = args.bool(false, "raw-leaves");
        o = o.withRawLeaves(rawLeavesSet ? rawLeaves : (cidVersion != null && profile == null ? cidVersion == 1 : o.rawLeaves()));
        String chunker = args.string("chunker", "s");
        if (chunker != null) o = o.withChunker(chunker);
        Integer maxLinks = args.int32("max-file-links");
        if (maxLinks != null) o = o.withMaxLinksPerNode(maxLinks);
        return o;
    }

    private static void refuse(RpcArgs args, String... names) {
        if (args.bool(false, names)) throw unsupported(names[0] + " is not supported");
    }

    private static CairnException unsupported(String message) {
        return new CairnException(CairnException.Kind.BAD_INPUT, "unsupported_option", message);
    }

    /** The field name and the (url-unescaped) file name of a part's {@code Content-Disposition}. */
    record Disposition(String fieldName, String path) {
        static Disposition of(String header) {
            if (header == null) throw new CairnException(CairnException.Kind.BAD_INPUT, "invalid_multipart", "a part has no Content-Disposition");
            String name = parameter(header, "name");
            String file = parameter(header, "filename");
            String path;
            try {
                path = file == null ? "" : URLDecoder.decode(file, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new CairnException(CairnException.Kind.BAD_INPUT, "invalid_multipart", "a part's file name is not valid url-escaping: " + file);
            }
            return new Disposition(name == null ? "" : name, path);
        }

        private static String parameter(String header, String key) {
            int i = 0;
            while (i < header.length()) {
                int semi = header.indexOf(';', i);
                if (semi < 0) return null;
                int eq = header.indexOf('=', semi);
                if (eq < 0) return null;
                String k = header.substring(semi + 1, eq).trim();
                String v;
                int next;
                if (eq + 1 < header.length() && header.charAt(eq + 1) == '"') {
                    StringBuilder sb = new StringBuilder();
                    int j = eq + 2;
                    while (j < header.length() && header.charAt(j) != '"') {
                        if (header.charAt(j) == '\\' && j + 1 < header.length()) j++;
                        sb.append(header.charAt(j++));
                    }
                    v = sb.toString();
                    next = j + 1;
                } else {
                    int end = header.indexOf(';', eq);
                    v = header.substring(eq + 1, end < 0 ? header.length() : end).trim();
                    next = end < 0 ? header.length() : end;
                }
                if (k.equalsIgnoreCase(key)) return v;
                i = next;
            }
            return null;
        }
    }
}
