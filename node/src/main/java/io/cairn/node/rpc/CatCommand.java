package io.cairn.node.rpc;

import io.cairn.error.CairnException;
import io.cairn.ipfs.repo.Repo;
import io.cairn.ipfs.unixfs.UnixfsException;
import io.cairn.ipfs.unixfs.UnixfsExporter;
import io.cairn.ipfs.unixfs.UnixfsStat;
import io.cairn.multiformats.Cid;
import io.cairn.node.http.HttpExchange;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/v0/cat?arg=PATH…&offset=N&length=N}: the files' bytes streamed as they are read from the
 * blockstore, as Kubo's {@code cat}: the paths are concatenated, {@code offset} skips into the
 * concatenation (whole files first) and {@code length} bounds the total; {@code X-Content-Length} says
 * how many bytes follow. Every path is resolved and checked to be a file before the first byte goes out.
 */
final class CatCommand {
    private final Repo repo;

    CatCommand(Repo repo) {
        this.repo = repo;
    }

    private record Range(Cid file, long offset, long length) {}

    void run(HttpExchange ex, RpcArgs args) throws Exception {
        List<String> paths = args.required("ipfs-path");
        Long offsetArg = args.int64("offset", "o");
        Long lengthArg = args.int64("length", "l");
        args.bool(false, "progress", "p");
        long offset = offsetArg == null ? 0 : offsetArg;
        if (offset < 0) throw bad("cannot specify negative offset");
        if (lengthArg != null && lengthArg < 0) throw bad("cannot specify negative length");
        long remaining = lengthArg == null ? Long.MAX_VALUE : lengthArg;

        UnixfsExporter exporter = new UnixfsExporter(repo.blockstore());
        List<Range> ranges = new ArrayList<>();
        long total = 0;
        for (String p : paths) {
            if (remaining == 0) break;
            Cid file = IpfsPath.resolve(p, exporter);
            UnixfsStat stat = exporter.stat(file);
            if (stat.kind() != UnixfsStat.Kind.FILE && stat.kind() != UnixfsStat.Kind.RAW) throw UnixfsException.notAFile(file);
            if (offset > stat.size()) {
                offset -= stat.size();
                continue;
            }
            long n = Math.min(stat.size() - offset, remaining);
            ranges.add(new Range(file, offset, n));
            total += n;
            remaining -= n;
            offset = 0;
        }
        // the length is known, so it is sent: a fixed-length body reads faster than a chunked one in the JDK's client
        try (OutputStream out = ex.respondStreaming(HttpResponseStatus.OK, "text/plain", total,
                Map.of("X-Stream-Output", "1", "X-Content-Length", Long.toString(total),
                        "Access-Control-Expose-Headers", RpcOutput.EXPOSE.get("Access-Control-Expose-Headers")))) {
            for (Range r : ranges) exporter.read(r.file(), r.offset(), r.length(), out);
        }
    }

    private static CairnException bad(String message) {
        return new CairnException(CairnException.Kind.BAD_INPUT, "invalid_argument", message);
    }
}
