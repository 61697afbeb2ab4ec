package io.cairn.node.cli;

import io.cairn.ipfs.repo.Repo;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Base of the commands: access to the CLI's streams and the repo. */
abstract class CliCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    CairnCli cli() {
        return (CairnCli) spec.root().userObject();
    }

    Repo openRepo() {
        return Repo.open(cli().repoPath());
    }

    /** A text view of stdout for line output (Kubo prints UTF-8 lines). */
    PrintStream out() {
        return new PrintStream(cli().stdout, true, StandardCharsets.UTF_8);
    }

    @Override
    public final Integer call() throws Exception {
        run();
        cli().stdout.flush();
        return 0;
    }

    abstract void run() throws Exception;
}
