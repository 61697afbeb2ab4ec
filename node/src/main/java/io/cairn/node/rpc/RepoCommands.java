package io.cairn.node.rpc;

import io.cairn.ipfs.repo.GcResult;
import io.cairn.ipfs.repo.Repo;
import io.cairn.ipfs.repo.RepoStats;
import io.cairn.node.http.HttpExchange;
import io.cairn.storage.DwnStores;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /api/v0/repo/stat|gc}: stat answers Kubo's {@code {"RepoSize","StorageMax","NumObjects",
 * "RepoPath","Version"}} with Cairn's {@code DiskUsage} and {@code Storage}; gc collects and answers one
 * line {@code {"Removed","RemovedBytes","Kept"}} (Cairn's collector counts, it does not list the keys Kubo
 * streams). The DWN's record data is kept by its references: when the node does not run the repo's own
 * DWN, gc opens its stores (if any) so their references count.
 */
final class RepoCommands {
    private final Repo repo;
    private final boolean dwnRootsRegistered;

    RepoCommands(Repo repo, boolean dwnRootsRegistered) {
        this.repo = repo;
        this.dwnRootsRegistered = dwnRootsRegistered;
    }

    void stat(HttpExchange ex, RpcArgs args) throws IOException {
        RepoStats s = repo.stat();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("RepoSize", s.repoSize());
        m.put("StorageMax", 0);
        m.put("NumObjects", s.numObjects());
        m.put("RepoPath", s.path().toString());
        m.put("Version", "cairn-repo@" + s.version());
        m.put("DiskUsage", s.diskUsage());
        m.put("Storage", s.storage());
        RpcOutput.json(ex, m);
    }

    void gc(HttpExchange ex, RpcArgs args) throws IOException {
        GcResult r;
        if (dwnRootsRegistered) {
            r = repo.collectGarbage();
        } else {
            try (DwnStores dwn = DwnStores.openIfPresent(repo).orElse(null)) {
                r = repo.collectGarbage();
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Removed", r.blocksRemoved());
        m.put("RemovedBytes", r.bytesRemoved());
        m.put("Kept", r.blocksKept());
        RpcOutput.Lines lines = new RpcOutput.Lines(ex);
        lines.emit(m);
        lines.close();
    }
}
