package io.cairn.node.cli;

import io.cairn.error.CairnException;
import io.cairn.ipfs.repo.GcResult;
import io.cairn.ipfs.repo.Repo;
import io.cairn.ipfs.repo.RepoStats;
import io.cairn.ipfs.repo.VerifyResult;
import io.cairn.storage.DwnStores;
import picocli.CommandLine.Command;

/** {@code cairn repo gc|stat|verify}, as {@code ipfs repo}. */
@Command(name = "repo", description = "Manage the repo.",
        subcommands = {RepoCommand.Gc.class, RepoCommand.Stat.class, RepoCommand.Verify.class})
final class RepoCommand {

    @Command(name = "gc", description = "Remove blocks that no pin and no DWN record reaches.")
    static final class Gc extends CliCommand {
        @Override
        void run() {
            // the DWN's record data is kept by its references, not by pins: open its stores so GC sees them
            try (Repo repo = openRepo(); DwnStores dwn = DwnStores.openIfPresent(repo).orElse(null)) {
                GcResult r = repo.collectGarbage();
                out().println("removed " + r.blocksRemoved() + " blocks (" + r.bytesRemoved() + " bytes), kept " + r.blocksKept());
            }
        }
    }

    @Command(name = "stat", description = "Show repo statistics.")
    static final class Stat extends CliCommand {
        @Override
        void run() {
            try (Repo repo = openRepo()) {
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
