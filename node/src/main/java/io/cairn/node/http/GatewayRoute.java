package io.cairn.node.http;

import io.cairn.error.CairnException;
import io.cairn.ipfs.block.Blockstore;
import io.cairn.ipfs.car.CarWriter;
import io.cairn.ipfs.block.Block;
import io.cairn.ipfs.dag.DagWalker;
import io.cairn.ipfs.unixfs.DirectoryEntry;
import io.cairn.ipfs.unixfs.UnixfsExporter;
import io.cairn.ipfs.unixfs.UnixfsStat;
import io.cairn.multiformats.Cid;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The IPFS path gateway and trustless gateway: {@code GET|HEAD /ipfs/{cid}[/path]}, answering with a
 * raw block ({@code ?format=raw} or {@code Accept: application/vnd.ipld.raw}), a CAR
 * ({@code ?format=car} or {@code Accept: application/vnd.ipld.car}, with {@code dag-scope} and
 * {@code entity-bytes}), or the file's bytes with a content type and Range support.
 */
public final class GatewayRoute implements HttpRoute {
    static final String RAW = "application/vnd.ipld.raw";
    static final String CAR = "application/vnd.ipld.car";
    private static final String IMMUTABLE = "public, max-age=29030400, immutable";

    private final Blockstore blocks;
    private final UnixfsExporter exporter;
    private final Counter bytesServed;

    public GatewayRoute(Blockstore blocks, MeterRegistry metrics) {
        this.blocks = blocks;
        this.exporter = new UnixfsExporter(blocks);
        this.bytesServed = Counter.builder("cairn.gateway.served").baseUnit("bytes")
                .description("Bytes of content served by the gateway").register(metrics);
    }

    @Override
    public String prefix() {
        return "/ipfs/";
    }

    @Override
    public String name() {
        return "/ipfs/{cid}";
    }

    /** The content path: the root CID, the names below it, and the CIDs met on the way. */
    private record Resolved(Cid root, List<String> segments, List<Cid> pathBlocks, Cid target) {}

    @Override
    public void handle(HttpExchange ex) throws Exception {
        if (!ex.method().equals(HttpMethod.GET) && !ex.method().equals(HttpMethod.HEAD)) {
            throw new CairnException(CairnException.Kind.BAD_INPUT, "method_not_allowed", "the gateway answers GET and HEAD only");
        }
        Resolved r = resolve(ex.path().substring(prefix().length()));
        String format = format(ex);
        switch (format) {
            case "raw" -> serveRaw(ex, r);
            case "car" -> serveCar(ex, r);
            default -> serveUnixfs(ex, r);
        }
    }

    private Resolved resolve(String rest) {
        String[] parts = rest.split("/", -1);
        Cid root = Cid.parse(parts[0]);
        List<String> segments = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) if (!parts[i].isEmpty()) segments.add(parts[i]);
        List<Cid> path = new ArrayList<>();
        Cid current = root;
        for (String s : segments) {
            path.add(current);
            current = exporter.resolve(current, s);
        }
        return new Resolved(root, segments, path, current);
    }

    private static String format(HttpExchange ex) {
        String f = ex.query("format");
        if (f != null) {
            if (f.equals("raw") || f.equals("car")) return f;
            throw new CairnException(CairnException.Kind.BAD_INPUT, "invalid_format", "unsupported format '" + f + "' (raw or car)");
        }
        String accept = ex.headers().get(HttpHeaderNames.ACCEPT);
        if (accept != null) {
            if (accept.contains(RAW)) return "raw";
            if (accept.contains(CAR)) return "car";
        }
        return "unixfs";
    }

    private Map<String, String> commonHeaders(Resolved r, String etag) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Etag", etag);
        h.put("Cache-Control", IMMUTABLE);
        h.put("X-Ipfs-Path", "/ipfs/" + r.root + (r.segments.isEmpty() ? "" : "/" + String.join("/", r.segments)));
        List<String> roots = new ArrayList<>();
        r.pathBlocks.forEach(c -> roots.add(c.toString()));
        roots.add(r.target.toString());
        h.put("X-Ipfs-Roots", String.join(",", roots));
        h.put("Vary", "Accept");
        return h;
    }

    private boolean notModified(HttpExchange ex, String etag, Map<String, String> headers) throws Exception {
        String inm = ex.headers().get(HttpHeaderNames.IF_NONE_MATCH);
        if (inm != null && (inm.equals(etag) || inm.equals("*"))) {
            ex.respondStreaming(HttpResponseStatus.NOT_MODIFIED, null, 0, headers).close();
            return true;
        }
        return false;
    }

    private void serveRaw(HttpExchange ex, Resolved r) throws Exception {
        byte[] block = blocks.get(r.target);
        String etag = "\"" + r.target + ".raw\"";
        Map<String, String> h = commonHeaders(r, etag);
        h.put("X-Content-Type-Options", "nosniff");
        h.put("Content-Disposition", "attachment; filename=\"" + r.target + ".bin\"");
        if (notModified(ex, etag, h)) return;
        ex.respond(HttpResponseStatus.OK, RAW, block, h);
        if (!ex.isHead()) bytesServed.increment(block.length);
    }

    private void serveCar(HttpExchange ex, Resolved r) throws Exception {
        String scope = ex.query("dag-scope") == null ? "all" : ex.query("dag-scope");
        if (!scope.equals("all") && !scope.equals("entity") && !scope.equals("block")) {
            throw new CairnException(CairnException.Kind.BAD_INPUT, "invalid_dag_scope", "dag-scope must be all, entity or block");
        }
        String entityBytes = ex.query("entity-bytes");
        blocks.get(r.target); // a 404 before the 200 starts
        List<Cid> plan = new ArrayList<>(r.pathBlocks);
        boolean walkAll = false;
        if (scope.equals("block")) {
            plan.add(r.target);
        } else if (entityBytes != null || scope.equals("entity")) {
            UnixfsStat st = exporter.stat(r.target);
            if (st.isDirectory()) {
                plan.add(r.target);
            } else {
                long[] range = entityRange(entityBytes, st.size());
                plan.addAll(exporter.blocksForRange(r.target, range[0], range[1]));
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
        try (OutputStream out = ex.respondStreaming(HttpResponseStatus.OK, CAR + "; version=1; order=dfs; dups=n", -1, h)) {
            counting = new CountingStream(out);
            if (!ex.isHead()) {
                try (CarWriter car = new CarWriter(counting, List.of(r.root))) {
                    java.util.Set<io.cairn.multiformats.Multihash> sent = new java.util.HashSet<>();
                    for (Cid c : plan) if (sent.add(c.multihash())) car.write(new Block(c, blocks.get(c)));
                    if (walkAll) {
                        new DagWalker(blocks).walk(r.target, (c, data) -> {
                            if (sent.add(c.multihash())) car.write(new Block(c, data));
                        });
                    }
                }
            }
        }
        bytesServed.increment(counting.count);
    }

    /** entity-bytes=from:to (to inclusive, or *; negative from counts from the end) as {offset, length}. */
    private static long[] entityRange(String spec, long size) {
        if (spec == null) return new long[] {0, -1};
        String[] p = spec.split(":", -1);
        try {
            if (p.length != 2) throw new NumberFormatException();
            long from = Long.parseLong(p[0]);
            if (from < 0) from = Math.max(0, size + from);
            long to = p[1].equals("*") ? size - 1 : Long.parseLong(p[1]);
            if (to < 0) to = size + to;
            if (to < from) throw new NumberFormatException();
            return new long[] {Math.min(from, size), Math.min(size, to + 1) - Math.min(from, size)};
        } catch (NumberFormatException e) {
            throw new CairnException(CairnException.Kind.BAD_INPUT, "invalid_entity_bytes", "entity-bytes must be from:to, got '" + spec + "'");
        }
    }

    private void serveUnixfs(HttpExchange ex, Resolved r) throws Exception {
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

    private void serveFile(HttpExchange ex, Resolved r, Cid file, long size, String name) throws Exception {
        String etag = "\"" + file + "\"";
        Map<String, String> h = commonHeaders(r, etag);
        h.put("Accept-Ranges", "bytes");
        if (notModified(ex, etag, h)) return;
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        exporter.read(file, 0, 512, head);
        String type = ContentTypes.of(name, head.toByteArray());
        ByteRange range;
        try {
            range = ByteRange.parse(ex.headers().get(HttpHeaderNames.RANGE), size);
        } catch (ByteRange.Unsatisfiable e) {
            h.put("Content-Range", "bytes */" + size);
            ex.respond(HttpResponseStatus.REQUESTED_RANGE_NOT_SATISFIABLE, "application/json",
                    HttpError.body("range_not_satisfiable", "range not satisfiable for " + size + " bytes"), h);
            return;
        }
        long offset = range == null ? 0 : range.start();
        long length = range == null ? size : range.length();
        if (range != null) h.put("Content-Range", "bytes " + range.start() + "-" + range.endInclusive() + "/" + size);
        HttpResponseStatus status = range == null ? HttpResponseStatus.OK : HttpResponseStatus.PARTIAL_CONTENT;
        try (OutputStream out = ex.respondStreaming(status, type, length, h)) {
            if (!ex.isHead()) exporter.read(file, offset, length, out);
        }
        if (!ex.isHead()) bytesServed.increment(length);
    }

    private void serveDirectory(HttpExchange ex, Resolved r) throws Exception {
        List<DirectoryEntry> entries = exporter.list(r.target);
        for (DirectoryEntry e : entries) {
            if (e.name().equals("index.html")) {
                UnixfsStat st = exporter.stat(e.cid());
                if (!st.isDirectory()) {
                    serveFile(ex, r, e.cid(), st.size(), "index.html");
                    return;
                }
            }
        }
        String base = ex.path().endsWith("/") ? "" : (r.segments.isEmpty() ? r.root.toString() : r.segments.get(r.segments.size() - 1)) + "/";
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>")
                .append(escape(ex.path())).append("</title></head><body><h1>Index of ").append(escape(ex.path()))
                .append("</h1><ul>");
        for (DirectoryEntry e : entries) {
            String href = base + java.net.URLEncoder.encode(e.name(), StandardCharsets.UTF_8).replace("+", "%20");
            html.append("<li><a href=\"").append(escape(href)).append("\">").append(escape(e.name()))
                    .append("</a> <small>").append(e.cid()).append("</small></li>");
        }
        html.append("</ul></body></html>");
        String etag = "\"DirIndex-" + r.target + "\"";
        Map<String, String> h = commonHeaders(r, etag);
        if (notModified(ex, etag, h)) return;
        ex.respond(HttpResponseStatus.OK, "text/html; charset=utf-8", html.toString().getBytes(StandardCharsets.UTF_8), h);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** Counts the bytes of a CAR body for the bytes-served metric. */
    private static final class CountingStream extends java.io.FilterOutputStream {
        long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws java.io.IOException {
            out.write(b, off, len);
            count += len;
        }

        @Override
        public void write(int b) throws java.io.IOException {
            out.write(b);
            count++;
        }

        @Override
        public void close() {
            // the exchange's stream is closed by its owner
        }
    }
}
