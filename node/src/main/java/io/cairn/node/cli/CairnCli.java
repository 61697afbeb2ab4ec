package io.cairn.node.cli;

import io.cairn.error.CairnException;
import io.cairn.node.config.CairnConfig;
import io.cairn.node.config.ConfigLoader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code cairn} command line. Flag names and output follow Kubo's {@code ipfs} where the function
 * is the same. Exit codes: 0 success, 1 bad input or not found, 2 usage error, 3 storage or internal error.
 */
@Command(name = "cairn", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = "Cairn: a storage node for DWN records, IPFS content and Bitcoin anchoring.",
        subcommands = {AddCommand.class, CatCommand.class, GetCommand.class, BlockCommand.class, DagCommand.class,
                PinCommand.class, RepoCommand.class, AnchorCommand.class, ServeCommand.class, VersionCommand.class})
public final class CairnCli {
    public static final int EXIT_BAD_INPUT = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_FAILURE = 3;

    @Option(names = "--repo", scope = CommandLine.ScopeType.INHERIT, paramLabel = "DIR",
            description = "Repo directory (default: $CAIRN_REPO, else [node] repo of the config file, else ./cairn-data).")
    Path repo;

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT, description = "Print stack traces of errors.")
    boolean debug;

    final InputStream stdin;
    final OutputStream stdout;
    final PrintStream stderr;
    /** The environment: the only way the CLI and the config see environment variables. */
    final Map<String, String> env;
    final boolean stderrIsTerminal;

    CairnCli(InputStream stdin, OutputStream stdout, PrintStream stderr, Map<String, String> env, boolean stderrIsTerminal) {
        this.stdin = stdin;
        this.stdout = stdout;
        this.stderr = stderr;
        this.env = env;
        this.stderrIsTerminal = stderrIsTerminal;
    }

    /**
     * The effective configuration: {@code file} (null: ./cairn.toml when it exists) with the environment,
     * then {@code --repo}. Every command finds the repo through here, so they all agree on it.
     */
    CairnConfig config(Path file) {
        Path f = file != null ? file : (Files.isRegularFile(Path.of("cairn.toml")) ? Path.of("cairn.toml") : null);
        CairnConfig c = ConfigLoader.load(f, env);
        return repo == null ? c : c.withNode(c.node().withRepo(repo));
    }

    /** The repo folder: {@code --repo}, else $CAIRN_REPO, else ./cairn.toml's [node] repo, else ./cairn-data. */
    Path repoPath() {
        return config(null).node().repo();
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false);
        int code = run(args, System.in, out, System.err, System.getenv(), Terminal.isTerminal(Terminal.STDERR));
        out.flush();
        System.exit(code);
    }

    /** Runs one command line with stderr taken to be no terminal; returns the exit code. */
    public static int run(String[] args, InputStream in, OutputStream out, PrintStream err, Map<String, String> env) {
        return run(args, in, out, err, env, false);
    }

    /** Runs one command line; returns the exit code. */
    public static int run(String[] args, InputStream in, OutputStream out, PrintStream err, Map<String, String> env, boolean stderrIsTerminal) {
        CairnCli cli = new CairnCli(in, out, err, env, stderrIsTerminal);
        CommandLine cmd = new CommandLine(cli);
        cmd.setOut(new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        cmd.setErr(new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        cmd.setExecutionExceptionHandler((e, commandLine, parseResult) -> report(cli, e));
        cmd.setParameterExceptionHandler((e, args2) -> {
            err.println("Error: " + e.getMessage());
            err.println("Run '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
            return EXIT_USAGE;
        });
        int code = cmd.execute(args);
        try {
            out.flush();
        } catch (java.io.IOException ignored) {
            // stdout closed by the reader (e.g. piped into head): nothing more to say
        }
        return code;
    }

    /** The one place where exceptions become a message and an exit code. */
    static int report(CairnCli cli, Exception e) {
        if (cli.debug) e.printStackTrace(cli.stderr);
        if (e instanceof CairnException ce) {
            cli.stderr.println("Error: " + ce.getMessage());
            return switch (ce.kind()) {
                case BAD_INPUT, NOT_FOUND, CONFLICT, TOO_LARGE -> EXIT_BAD_INPUT;
                case STORAGE, INTERNAL -> EXIT_FAILURE;
            };
        }
        IOException io = e instanceof UncheckedIOException u ? u.getCause() : e instanceof IOException i ? i : null;
        if (io instanceof NoSuchFileException) {
            cli.stderr.println("Error: " + io.getMessage() + ": no such file or directory");
            return EXIT_BAD_INPUT;
        }
        if (io instanceof AccessDeniedException) {
            cli.stderr.println("Error: " + io.getMessage() + ": permission denied");
            return EXIT_BAD_INPUT;
        }
        if (io != null) {
            cli.stderr.println("Error: I/O failure: " + io.getMessage());
            return EXIT_FAILURE;
        }
        cli.stderr.println("Error: internal error: " + e + (cli.debug ? "" : " (run with --debug for details)"));
        return EXIT_FAILURE;
    }
}
