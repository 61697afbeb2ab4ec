package io.cairn.node.rpc;

import io.cairn.ipfs.car.CarExporter;
import io.cairn.ipfs.car.CarImportResult;
import io.cairn.ipfs.car.CarImporter;
import io.cairn.ipfs.repo.Repo;
import io.cairn.ipfs.repo.WriteGuard;
import io.cairn.multiformats.Cid;
import io.cairn.node.http.HttpExchange;
import io.cairn.node.http.MultipartReader;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /api/v0/dag/export|import}: export streams the DAG as a CARv1; import reads each multipart file
 * part as a CAR (every block checked against its CID, as it arrives) and answers a line
 * {@code {"Root": {"Cid": {"/": CID}, "PinErrorMsg": ""}}} per root it pinned, as Kubo.
 */
final class DagCommands {
    private final Repo repo;

    DagCommands(Repo repo) {
        this.repo = repo;
    }

    void export(HttpExchange ex, RpcArgs args) throws IOException {
        Cid root = Cid.parse(args.required("root").get(0));
        if (!repo.blockstore().has(root)) throw new io.cairn.ipfs.block.BlockNotFoundException(root);
        try (OutputStream out = ex.respondStreaming(HttpResponseStatus.OK, "text/plain", -1, Map.of("X-Stream-Output", "1"))) {
            CarExporter.exportDag(repo.blockstore(), root, out);
        }
    }

    void importCars(HttpExchange ex, RpcArgs args) throws IOException {
        boolean pinRoots = args.bool(true, "pin-roots");
        Optional<String> boundary = MultipartReader.boundaryOf(ex.headers().get("Content-Type"));
        if (boundary.isEmpty()) throw new RpcUsageException("file argument 'path' is required");
        MultipartReader parts = new MultipartReader(ex.body(), boundary.get());
        RpcOutput.Lines lines = new RpcOutput.Lines(ex);
        try (WriteGuard writing = repo.beginWrite()) {
            for (Optional<MultipartReader.Part> p = parts.next(); p.isPresent(); p = parts.next()) {
                CarImportResult r = CarImporter.importCar(new BufferedInputStream(p.get().body(), 1 << 20), repo.blockstore());
                if (!pinRoots) continue;
                for (Cid root : r.roots()) {
                    repo.pins().pinRecursive(root);
                    Map<String, Object> rootLine = new LinkedHashMap<>();
                    rootLine.put("Cid", Map.of("/", root.toString()));
                    rootLine.put("PinErrorMsg", "");
                    lines.emit(Map.of("Root", rootLine));
                }
            }
        }
        lines.close();
    }
}
