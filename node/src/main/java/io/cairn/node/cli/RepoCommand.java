package io.cairn.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.error.CairnException;
import io.cairn.ipfs.repo.GcResult;
import io.cairn.ipfs.repo.Repo;
import io.cairn.ipfs.repo.RepoStats;
import io.cairn.ipfs.repo.VerifyResult;
import io.cairn.storage.DwnStores;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code cairn repo gc|stat|verify}, as {@code ipfs repo}. */
@Command(name = "repo", description = "Manage the repo.",
        subcommands = {RepoCommand.Gc.class, RepoCommand.Stat.class, RepoCommand.Verify.class})
final class RepoCommand {

    @Command(name = "gc", description = "Remove blocks that no pin and no DWN record reaches.")
    static final class Gc extends CliCommand {
        @Mixin
        NodeOptions node;

        @Override
        void run() {
            Optional<KuboRpcClient> api = node.node(this);
            if (api.isPresent()) {
                api.get().lines(api.get().post("repo/gc", List.of()), r -> out().println("removed " + r.path("Removed").asLong() + " blocks ("
                        + r.path("RemovedBytes").asLong() + " bytes), kept " + r.path("Kept").asLong()));
                return;
            }
            // the DWN's record data is kept by its references, not by pins: open its stores so GC sees them
            try (Repo repo = node.openRepo(this); DwnStores dwn = DwnStores.openIfPresent(repo).orElse(null)) {
                GcResult r = repo.collectGarbage();
                out().println("removed " + r.blocksRemoved() + " blocks (" + r.bytesRemoved() + " bytes), kept " + r.blocksKept());
            }
        }
    }

    @Command(name = "stat", description = "Show repo statistics.")
    static final class Stat extends CliCommand {
        @Mixin
        NodeOptions node;

        @Override
        void run() {
            Optional<KuboRpcClient> api = node.node(this);
            if (api.isPresent()) {
                JsonNode s = api.get().json(api.get().post("repo/stat", List.of()));
                out().printf("NumObjects: %d%nRepoSize:   %d%nDiskUsage:  %d%nRepoPath:   %s%nStorage:    %s%nVersion:    %s%n",
                        s.path("NumObjects").asLong(), s.path("RepoSize").asLong(), s.path("DiskUsage").asLong(), s.path("RepoPath").asText(),
                        s.path("Storage").asText(), s.path("Version").asText());
                return;
            }
            try (Repo repo = node.openRepo(this)) {
                RepoStats s = repo.stat();
                out().printf("NumObjects: %d%nRepoSize:   %d%nDiskUsage:  %d%nRepoPath:   %s%nStorage:    %s%nVersion:    cairn-repo@%s%n",
                        s.numObjects(), s.repoSize(), s.diskUsage(), s.path(), s.storage(), s.version());
            }
        }
    }

    @Command(name = "verify", description = "Re-hash every block and report corrupt ones.")
    static final class Verify extends CliCommand {
        @Override
        void run() {
            try (Repo repo = openRepo()) {
                VerifyResult r = repo.verify();
                for (String bad : r.corrupt()) out().println("block " + bad + " was corrupt");
                if (!r.ok()) {
                    throw new CairnException(CairnException.Kind.STORAGE, "repo_corrupt",
                            r.corrupt().size() + " of " + r.blocksChecked() + " blocks are corrupt");
                }
                out().println("verified repo integrity (" + r.blocksChecked() + " blocks)");
            }
        }
    }
}
