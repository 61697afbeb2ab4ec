package io.cairn.node.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs the CLI in-process against a repo, capturing stdout, stderr and the exit code. */
final class CliRunner {
    record Result(int exit, byte[] stdout, String stderr) {
        String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }
    }

    private final Path repo;

    CliRunner(Path repo) {
        this.repo = repo;
    }

    Result run(String... args) {
        return runWithInput(new byte[0], args);
    }

    Result runWithInput(byte[] stdin, String... args) {
        List<String> all = new ArrayList<>(List.of("--repo", repo.toString()));
        all.addAll(List.of(args));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = CairnCli.run(all.toArray(String[]::new), new ByteArrayInputStream(stdin), out,
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
        return new Result(code, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }
}
