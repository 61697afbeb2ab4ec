package io.cairn.node.rpc;

import io.cairn.error.CairnException;
import io.cairn.ipfs.block.Block;
import io.cairn.ipfs.block.BlockNotFoundException;
import io.cairn.ipfs.repo.Repo;
import io.cairn.ipfs.repo.WriteGuard;
import io.cairn.multiformats.Cid;
import io.cairn.node.http.HttpExchange;
import io.cairn.node.http.MultipartReader;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /api/v0/block/get|put|stat|rm} in Kubo's shapes: get streams the bytes; put reads one block per
 * multipart file part and answers a line {@code {"Key","Size"}} for each; stat answers {@code {"Key","Size"}};
 * rm answers a line {@code {"Hash"}} per removed block and refuses a pinned one.
 */
final class BlockCommands {
    private final Repo repo;

    BlockCommands(Repo repo) {
        this.repo = repo;
    }

    void get(HttpExchange ex, RpcArgs args) throws IOException {
        Cid cid = Cid.parse(args.required("cid").get(0));
        byte[] data = repo.blockstore().get(cid);
        try (OutputStream out = ex.respondStreaming(HttpResponseStatus.OK, "text/plain", -1, Map.of("X-Stream-Output", "1"))) {
            out.write(data);
        }
    }

    void put(HttpExchange ex, RpcArgs args) throws IOException {
        String codec = Optional.ofNullable(args.string("cid-codec")).orElse("raw");
        String mhtype = Optional.ofNullable(args.string("mhtype")).orElse("sha2-256");
        boolean pin = args.bool(false, "pin");
        Optional<String> boundary = MultipartReader.boundaryOf(ex.headers().get("Content-Type"));
        if (boundary.isEmpty()) throw new RpcUsageException("file argument 'data' is required");
        MultipartReader parts = new MultipartReader(ex.body(), boundary.get());
        RpcOutput.Lines lines = new RpcOutput.Lines(ex);
        try (WriteGuard writing = repo.beginWrite()) {
            for (Optional<MultipartReader.Part> p = parts.next(); p.isPresent(); p = parts.next()) {
                Block block = BlockInput.read(p.get().body(), codec, mhtype);
                repo.blockstore().put(block);
                repo.blockstore().sync();
                if (pin) repo.pins().pinDirect(block.cid());
                lines.emit(stat(block.cid(), block.data().length));
            }
        }
        lines.close();
    }

    void stat(HttpExchange ex, RpcArgs args) throws IOException {
        Cid cid = Cid.parse(args.required("cid").get(0));
        long size = repo.blockstore().size(cid);
        if (size < 0) throw new BlockNotFoundException(cid);
        RpcOutput.json(ex, stat(cid, size));
    }

    void rm(HttpExchange ex, RpcArgs args) throws IOException {
        RpcOutput.Lines lines = new RpcOutput.Lines(ex);
        try (WriteGuard writing = repo.beginWrite()) {
            for (String s : args.required("cid")) {
                Cid c = Cid.parse(s);
                if (!repo.blockstore().has(c)) throw new BlockNotFoundException(c);
                if (repo.pins().pinType(c).isPresent()) throw new CairnException(CairnException.Kind.CONFLICT, "pinned", c + " is pinned: unpin it first");
                repo.blockstore().delete(c);
                repo.blockstore().sync();
                lines.emit(Map.of("Hash", c.toString()));
            }
        }
        lines.close();
    }

    private static Map<String, Object> stat(Cid cid, long size) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Key", cid.toString());
        m.put("Size", size);
        return m;
    }
}
