package io.cairn.node.rpc;

import io.cairn.ipfs.pin.PinListing;
import io.cairn.ipfs.pin.PinType;
import io.cairn.ipfs.repo.Repo;
import io.cairn.ipfs.unixfs.UnixfsExporter;
import io.cairn.multiformats.Cid;
import io.cairn.node.http.HttpExchange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/v0/pin/add|rm|ls} in Kubo's shapes: add and rm answer {@code {"Pins": [CID…]}}; ls answers
 * {@code {"Keys": {CID: {"Type", "Name"}}}}, or with {@code stream=true} one line {@code {"Cid", "Type"}}
 * per pin as it is found (the indirect pins are found by walking the recursive ones).
 */
final class PinCommands {
    private final Repo repo;

    PinCommands(Repo repo) {
        this.repo = repo;
    }

    void add(HttpExchange ex, RpcArgs args) throws IOException {
        List<String> paths = args.required("ipfs-path");
        boolean recursive = args.bool(true, "recursive", "r");
        args.bool(false, "progress");
        List<String> pinned = new ArrayList<>();
        for (Cid c : resolve(paths)) {
            if (recursive) repo.pins().pinRecursive(c);
            else repo.pins().pinDirect(c);
            pinned.add(c.toString());
        }
        RpcOutput.json(ex, Map.of("Pins", pinned));
    }

    void rm(HttpExchange ex, RpcArgs args) throws IOException {
        List<String> paths = args.required("ipfs-path");
        args.bool(true, "recursive", "r");
        List<String> unpinned = new ArrayList<>();
        for (Cid c : resolve(paths)) {
            repo.pins().unpin(c);
            unpinned.add(c.toString());
        }
        RpcOutput.json(ex, Map.of("Pins", unpinned));
    }

    void ls(HttpExchange ex, RpcArgs args) throws IOException {
        String type = args.string("type", "t");
        if (type == null) type = "all";
        boolean stream = args.bool(false, "stream", "s");
        args.bool(false, "quiet", "q");
        PinListing.checkType(type);
        Map<String, Object> keys = new LinkedHashMap<>();
        RpcOutput.Lines lines = new RpcOutput.Lines(ex);
        java.util.function.BiConsumer<Cid, PinType> found = (c, t) -> {
            if (stream) {
                try {
                    Map<String, String> line = new LinkedHashMap<>();
                    line.put("Cid", c.toString());
                    line.put("Type", t.label());
                    lines.emit(line);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            } else {
                keys.put(c.toString(), pinType(t));
            }
        };
        try {
            if (!args.args().isEmpty()) {
                List<Cid> cids = resolve(args.args());
                for (int i = 0; i < cids.size(); i++) found.accept(cids.get(i), PinListing.typeOf(repo.pins(), cids.get(i), args.args().get(i)));
            } else {
                PinListing.list(repo.pins(), repo.blockstore(), type, found);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        if (stream) lines.close();
        else RpcOutput.json(ex, Map.of("Keys", keys));
    }

    private static Map<String, String> pinType(PinType t) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("Type", t.label());
        m.put("Name", "");
        return m;
    }

    private List<Cid> resolve(List<String> paths) {
        UnixfsExporter exporter = new UnixfsExporter(repo.blockstore());
        List<Cid> cids = new ArrayList<>();
        for (String p : paths) cids.add(IpfsPath.resolve(p, exporter));
        return cids;
    }
}
