package io.cairn.node.http;

import io.cairn.error.CairnException;
import io.cairn.ipfs.block.Block;
import io.cairn.ipfs.block.Blockstore;
import io.cairn.ipfs.car.CarWriter;
import io.cairn.ipfs.dag.DagWalker;
import io.cairn.ipfs.unixfs.DirectoryEntry;
import io.cairn.ipfs.unixfs.UnixfsExporter;
import io.cairn.ipfs.unixfs.UnixfsStat;
import io.cairn.multiformats.Cid;
import io.cairn.multiformats.Multihash;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The IPFS path gateway and trustless gateway (ipfs/specs http-gateways): {@code GET|HEAD
 * /ipfs/{cid}[/path]} answers with a raw block ({@code ?format=raw} or {@code Accept:
 * application/vnd.ipld.raw}), a CARv1 ({@code ?format=car} or {@code Accept: application/vnd.ipld.car},
 * with {@code dag-scope} and {@code entity-bytes}), or the UnixFS file's bytes with a content type and
 * Range support; a directory gets its index.html or a listing.
 */
public final class GatewayRoute implements HttpRoute {
    public static final String PREFIX = "/ipfs/";
    static final String RAW = "application/vnd.ipld.raw";
    static final String CAR = "application/vnd.ipld.car";
    private static final String CAR_CONTENT_TYPE = CAR + "; version=1; order=dfs; dups=n";
    private static final String IMMUTABLE = "public, max-age=29030400, immutable";
    private static final int SNIFF_BYTES = 512;

    private final Blockstore blocks;
    private final UnixfsExporter exporter;
    private final Counter bytesServed;

    public GatewayRoute(Blockstore blocks, MeterRegistry metrics) {
        this.blocks = blocks;
        this.exporter = new UnixfsExporter(blocks);
        this.bytesServed = Counter.builder("cairn.gateway.served").baseUnit("bytes")
                .description("Bytes of content served by the gateway (response bodies)").register(metrics);
    }

    @Override
    public String name() {
        return "/ipfs/{cid}";
    }

    /** The content path: the root CID, the names below it, the CID of each, and the CID at its end. */
    private record Resolved(Cid root, List<String> segments, List<Cid> segmentRoots, Cid target, boolean trailingSlash) {
        String contentPath() {
            StringBuilder p = new StringBuilder(PREFIX).append(root);
            for (String s : segments) p.append('/').append(s);
            return p.toString();
        }
    }

    private enum Format { RAW, CAR, UNIXFS }

    @Override
    public void handle(HttpExchange ex) throws Exception {
        Format format = format(ex);
        Resolved r = resolve(ex.rawPath().substring(PREFIX.length()), format);
        if (onlyIfCachedMiss(ex, r)) return;
        switch (format) {
            case RAW -> serveRaw(ex, r);
            case CAR -> serveCar(ex, r);
            case UNIXFS -> serveUnixfs(ex, r);
        }
    }

    /** Splits the still-encoded path so that an escaped '/' (%2F) stays inside its segment. */
    private Resolved resolve(String rawRest, Format format) {
        String[] parts = rawRest.split("/", -1);
        Cid root = Cid.parse(decode(parts[0]));
        List<String> segments = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) if (!parts[i].isEmpty()) segments.add(decode(parts[i]));
        boolean trailingSlash = rawRest.endsWith("/");
        List<Cid> roots = new ArrayList<>();
        Cid current = root;
        if (!segments.isEmpty() && format == Format.RAW) {
            throw new CairnException(CairnException.Kind.BAD_INPUT, "path_not_supported",
                    "raw block requests take a CID without a path (use format=car for a path)");
        }
        for (String s : segments) {
            roots.add(current);
            current = exporter.resolve(current, s);
        }
        return new Resolved(root, List.copyOf(segments), List.copyOf(roots), current, trailingSlash);
    }

    private static String decode(String segment) {
        return QueryStringDecoder.decodeComponent(segment.replace("+", "%2B"));
    }

    /** format= wins over Accept, as the trustless gateway spec asks. */
    private static Format format(HttpExchange ex) {
        String f = ex.query("format");
        if (f != null) {
            return switch (f) {
                case "raw" -> Format.RAW;
                case "car" -> Format.CAR;
                default -> throw new CairnException(CairnException.Kind.BAD_INPUT, "invalid_format",
                        "unsupported format '" + f + "' (this gateway serves raw and car)");
            };
        }
        String accept = ex.headers().get(HttpHeaderNames.ACCEPT);
        if (accept != null) {
            if (accept.contains(RAW)) return Format.RAW;
            if (accept.contains(CAR)) return Format.CAR;
        }
        return Format.UNIXFS;
    }

    /** {@code Cache-Control: only-if-cached}: 412 when the root block is not here, without looking further. */
    private boolean onlyIfCachedMiss(HttpExchange ex, Resolved r) throws IOException {
        String cc = ex.headers().get(HttpHeaderNames.CACHE_CONTROL);
        if (cc == null || !cc.contains("only-if-cached") || blocks.has(r.target)) return false;
        HttpError e = new HttpError(HttpResponseStatus.PRECONDITION_FAILED, "not_cached", r.target + " is not in the local repo");
        ex.respond(e.status(), "application/json", e.body(), Map.of());
        return true;
    }

    private Map<String, String> commonHeaders(Resolved r, String etag) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Etag", etag);
        h.put("Cache-Control", IMMUTABLE);
        h.put("X-Ipfs-Path", encodePath(r.contentPath()));
        List<String> roots = new ArrayList<>();
        r.segmentRoots.forEach(c -> roots.add(c.toString()));
        roots.add(r.target.toString());
        h.put("X-Ipfs-Roots", String.join(",", roots));
        h.put("Vary", "Accept");
        return h;
    }

    private boolean notModified(HttpExchange ex, String etag, Map<String, String> headers) throws IOException {
        String inm = ex.headers().get(HttpHeaderNames.IF_NONE_MATCH);
        if (inm == null) return false;
        for (String candidate : inm.split(",")) {
            String c = candidate.trim();
            if (c.startsWith("W/")) c = c.substring(2);
            if (c.equals(etag) || c.equals("*")) {
                ex.respondStreaming(HttpResponseStatus.NOT_MODIFIED, null, -1, headers).close();
                return true;
            }
        }
        return false;
    }

    private void serveRaw(HttpExchange ex, Resolved r) throws IOException {
        byte[] block = blocks.get(r.target);
        String etag = "\"" + r.target + ".raw\"";
        Map<String, String> h = commonHeaders(r, etag);
        h.put("X-Content-Type-Options", "nosniff");
        h.put("Content-Disposition", "attachment; filename=\"" + r.target + ".bin\"");
        if (notModified(ex, etag, h)) return;
        ex.respond(HttpResponseStatus.OK, RAW, block, h);
        if (!ex.isHead()) bytesServed.increment(block.length);
    }

    private void serveCar(HttpExchange ex, Resolved r) throws IOException {
        String entityBytes = ex.query("entity-bytes");
        String scope = ex.query("dag-scope") == null ? "all" : ex.query("dag-scope");
        if (!scope.equals("all") && !scope.equals("entity") && !scope.equals("block")) {
            throw new CairnException(CairnException.Kind.BAD_INPUT, "invalid_dag_scope", "dag-scope must be all, entity or block, got '" + scope + "'");
        }
        if (entityBytes != null && !scope.equals("block")) scope = "entity"; // entity-bytes implies dag-scope=entity
        if (!blocks.has(r.target)) blocks.get(r.target); // 404 before the 200 goes out
        List<Cid> plan = new ArrayList<>(r.segmentRoots);
        boolean walkAll = false;
        if (scope.equals("block")) {
            plan.add(r.target);
        } else if (scope.equals("entity")) {
            UnixfsStat st = exporter.stat(r.target);
            if (st.kind() == UnixfsStat.Kind.FILE || st.kind() == UnixfsStat.Kind.RAW) {
                EntityRange range = EntityRange.parse(entityBytes, st.size());
                plan.addAll(range.isEmpty() ? List.of(r.target) : exporter.blocksForRange(r.target, range.offset(), range.length()));
            } else {
                plan.add(r.target); // a directory's entity: its own block, enough to enumerate it
            }
        } else {
            walkAll = true;
        }
        String etag = "\"" + r.target + ".car." + scope + (entityBytes == null ? "" : "." + entityBytes) + "\"";
        Map<String, String> h = commonHeaders(r, etag);
        h.put("X-Content-Type-Options", "nosniff");
        h.put("Content-Disposition", "attachment; filename=\"" + r.target + ".car\"");
        if (notModified(ex, etag, h)) return;
        CountingStream counting;
        try (OutputStream out = ex.respondStreaming(HttpResponseStatus.OK, CAR_CONTENT_TYPE, -1, h)) {
            counting = new CountingStream(out);
            if (!ex.isHead()) writeCar(counting, r.root, plan, walkAll ? r.target : null);
        }
        bytesServed.increment(counting.count);
    }

    /** Writes the planned blocks, then (if {@code walkFrom} is set) the DAG under it, each block once. */
    private void writeCar(OutputStream out, Cid root, List<Cid> plan, Cid walkFrom) throws IOException {
        try (CarWriter car = new CarWriter(out, List.of(root))) {
            Set<Multihash> sent = new HashSet<>();
            for (Cid c : plan) {
                if (!c.multihash().isIdentity() && sent.add(c.multihash())) car.write(new Block(c, blocks.get(c)));
            }
            if (walkFrom != null) {
                new DagWalker(blocks).walk(walkFrom, (c, data) -> {
                    // identity blocks are inside their CIDs: the spec keeps them out of CARs
                    if (!c.multihash().isIdentity() && sent.add(c.multihash())) car.write(new Block(c, data));
                });
            }
        }
    }

    private void serveUnixfs(HttpExchange ex, Resolved r) throws IOException {
        UnixfsStat st = exporter.stat(r.target);
        if (st.isDirectory()) {
            serveDirectory(ex, r);
            return;
        }
        if (st.kind() == UnixfsStat.Kind.SYMLINK) {
            throw new CairnException(CairnException.Kind.BAD_INPUT, "symlink", "the gateway does not follow UnixFS symlinks");
        }
        serveFile(ex, r, r.target, st.size(), r.segments.isEmpty() ? null : r.segments.get(r.segments.size() - 1));
    }

    private void serveFile(HttpExchange ex, Resolved r, Cid file, long size, String name) throws IOException {
        String etag = "\"" + file + "\"";
        Map<String, String> h = commonHeaders(r, etag);
        h.put("Accept-Ranges", "bytes");
        if (notModified(ex, etag, h)) return;
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        exporter.read(file, 0, SNIFF_BYTES, head);
        String type = ContentTypes.of(name, head.toByteArray());
        ByteRange range;
        try {
            range = ByteRange.parse(ex.headers().get(HttpHeaderNames.RANGE), size);
        } catch (ByteRange.Unsatisfiable e) {
            h.put("Content-Range", "bytes */" + size);
            HttpError err = new HttpError(HttpResponseStatus.REQUESTED_RANGE_NOT_SATISFIABLE, "range_not_satisfiable",
                    "range not satisfiable for " + size + " bytes");
            ex.respond(err.status(), "application/json", err.body(), h);
            return;
        }
        long offset = range == null ? 0 : range.start();
        long length = range == null ? size : range.length();
        if (range != null) h.put("Content-Range", "bytes " + range.start() + "-" + range.endInclusive() + "/" + size);
        HttpResponseStatus status = range == null ? HttpResponseStatus.OK : HttpResponseStatus.PARTIAL_CONTENT;
        try (OutputStream out = ex.respondStreaming(status, type, length, h)) {
            if (!ex.isHead() && length > 0) exporter.read(file, offset, length, out);
        }
        if (!ex.isHead()) bytesServed.increment(length);
    }

    private void serveDirectory(HttpExchange ex, Resolved r) throws IOException {
        if (!r.trailingSlash) {
            // path-gateway spec: a directory is always addressed with a trailing slash, so relative links work
            String query = ex.rawQuery().isEmpty() ? "" : "?" + ex.rawQuery();
            ex.respond(HttpResponseStatus.MOVED_PERMANENTLY, null, new byte[0],
                    Map.of("Location", encodePath(r.contentPath()) + "/" + query));
            return;
        }
        List<DirectoryEntry> entries = exporter.list(r.target);
        for (DirectoryEntry e : entries) {
            if (e.name().equals("index.html")) {
                UnixfsStat st = exporter.stat(e.cid());
                if (st.kind() == UnixfsStat.Kind.FILE || st.kind() == UnixfsStat.Kind.RAW) {
                    serveFile(ex, r, e.cid(), st.size(), "index.html");
                    return;
                }
            }
        }
        String etag = "\"DirIndex-" + r.target + "\"";
        Map<String, String> h = commonHeaders(r, etag);
        if (notModified(ex, etag, h)) return;
        ex.respond(HttpResponseStatus.OK, "text/html; charset=utf-8", listing(r, entries), h);
    }

    private static byte[] listing(Resolved r, List<DirectoryEntry> entries) {
        String title = escape(r.contentPath() + "/");
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>").append(title)
                .append("</title></head>\n<body><h1>Index of ").append(title).append("</h1>\n<ul>\n");
        if (!r.segments.isEmpty()) html.append("<li><a href=\"../\">..</a></li>\n");
        for (DirectoryEntry e : entries) {
            String href = URLEncoder.encode(e.name(), StandardCharsets.UTF_8).replace("+", "%20");
            html.append("<li><a href=\"").append(escape(href)).append("\">").append(escape(e.name()))
                    .append("</a> <small>").append(e.cid()).append("</small></li>\n");
        }
        return html.append("</ul></body></html>\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Percent-encodes each segment of a content path for a header or a Location. */
    private static String encodePath(String path) {
        StringJoiner joined = new StringJoiner("/");
        for (String s : path.split("/", -1)) joined.add(URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20"));
        return joined.toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** Counts the bytes of a CAR body for the bytes-served metric; closing it leaves the response open. */
    private static final class CountingStream extends FilterOutputStream {
        long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
