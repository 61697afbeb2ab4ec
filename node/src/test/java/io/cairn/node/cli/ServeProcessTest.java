package io.cairn.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.ipfs.repo.Repo;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cairn serve} as a real process: a response far larger than the server's heap streams through,
 * and SIGTERM lets a response in flight finish before the process exits and releases the repo.
 */
class ServeProcessTest {
    private static final long SIZE = 256L << 20;
    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+) ");

    @TempDir
    static Path dir;
    static Path repo;
    static String cid;
    static String sha256;

    @BeforeAll
    static void addALargeFile() throws Exception {
        Path file = dir.resolve("big.bin");
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        SplittableRandom random = new SplittableRandom(7);
        byte[] chunk = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long done = 0; done < SIZE; done += chunk.length) {
                random.nextBytes(chunk);
                md.update(chunk);
                out.write(chunk);
            }
        }
        sha256 = HexFormat.of().formatHex(md.digest());
        repo = dir.resolve("repo");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = CairnCli.run(new String[] {"--repo", repo.toString(), "add", "-Q", "--cid-version", "1", file.toString()},
                InputStream.nullInputStream(), out, new PrintStream(OutputStream.nullOutputStream()), Map.of());
        assertThat(code).isZero();
        cid = out.toString(StandardCharsets.UTF_8).trim();
        Files.delete(file);
    }

    /** A child JVM running {@code cairn serve} on a free port, with a heap far smaller than the file. */
    private static final class Server implements AutoCloseable {
        final Process process;
        final int port;
        final List<String> output = new ArrayList<>();
        final Thread drain;

        Server() throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            process = new ProcessBuilder(java, "-Xmx48m", "-XX:MaxDirectMemorySize=32m", "--enable-native-access=ALL-UNNAMED",
                    "-cp", System.getProperty("java.class.path"), CairnCli.class.getName(),
                    "--repo", repo.toString(), "serve", "--port", "0")
                    .directory(dir.toFile()).redirectErrorStream(true).start();
            BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            Integer found = null;
            for (String line; found == null && (line = lines.readLine()) != null; ) {
                output.add(line);
                Matcher m = LISTENING.matcher(line);
                if (m.find()) found = Integer.parseInt(m.group(1));
            }
            if (found == null) throw new AssertionError("cairn serve did not start: " + output);
            port = found;
            drain = new Thread(() -> {
                try {
                    for (String line; (line = lines.readLine()) != null; ) synchronized (output) { output.add(line); }
                } catch (IOException ignored) {
                    // the process ended
                }
            });
            drain.setDaemon(true);
            drain.start();
        }

        HttpResponse<InputStream> get(String path) throws Exception {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        }

        @Override
        public void close() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static String sha256Of(InputStream in, long[] count) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        byte[] buf = new byte[1 << 16];
        for (int n; (n = in.read(buf)) >= 0; ) {
            md.update(buf, 0, n);
            count[0] += n;
        }
        return HexFormat.of().formatHex(md.digest());
    }

    @Test
    void aResponseFiveTimesTheServersHeapStreamsThroughIntact() throws Exception {
        try (Server server = new Server()) {
            HttpResponse<InputStream> r = server.get("/ipfs/" + cid);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("content-length")).hasValue(Long.toString(SIZE));
            long[] count = {0};
            try (InputStream body = r.body()) {
                assertThat(sha256Of(body, count)).isEqualTo(sha256);
            }
            assertThat(count[0]).isEqualTo(SIZE);
            HttpResponse<InputStream> car = server.get("/ipfs/" + cid + "?format=car");
            long[] carBytes = {0};
            try (InputStream body = car.body()) {
                sha256Of(body, carBytes);
            }
            assertThat(carBytes[0]).isGreaterThan(SIZE);
            assertThat(server.process.isAlive()).as("server output: %s", server.output).isTrue();
        }
    }

    @Test
    void sigtermLetsTheResponseInFlightFinishThenReleasesTheRepo() throws Exception {
        try (Server server = new Server()) {
            HttpResponse<InputStream> r = server.get("/ipfs/" + cid);
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            long received = 0;
            try (InputStream body = r.body()) {
                byte[] first = body.readNBytes(1 << 20);
                md.update(first);
                received += first.length;
                // SIGTERM, with most of the response still to come (Process.destroy would also close our pipes)
                assertThat(server.process.toHandle().destroy()).isTrue();
                Thread.sleep(300);
                byte[] buf = new byte[1 << 16];
                for (int n; (n = body.read(buf)) >= 0; ) {
                    md.update(buf, 0, n);
                    received += n;
                }
            }
            assertThat(received).isEqualTo(SIZE);
            assertThat(HexFormat.of().formatHex(md.digest())).isEqualTo(sha256);
            assertThat(server.process.waitFor(30, TimeUnit.SECONDS)).as("exits after the response").isTrue();
            assertThat(server.process.exitValue()).isEqualTo(143); // 128 + SIGTERM, after the shutdown hook ran
            server.drain.join(10_000);
            synchronized (server.output) {
                assertThat(String.join("\n", server.output)).contains("shutting down").contains("node stopped");
            }
        }
        try (Repo reopened = Repo.open(repo)) { // the lock is released and nothing is damaged
            assertThat(reopened.verify().ok()).isTrue();
        }
    }
}
