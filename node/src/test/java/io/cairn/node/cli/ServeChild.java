package io.cairn.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.anchor.bitcoin.BcoinRegtest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bitcoinj.base.BitcoinNetwork;
import org.bitcoinj.crypto.ECKey;

/** {@code cairn serve} in a child JVM on a free port, with the anchoring API at hand; SIGTERM on close. */
public final class ServeChild implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+) ");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /**
     * {@code DIR/cairn.toml} for a node on {@code DIR/repo}, a free port, anchoring on {@code bitcoin} with
     * {@code key}: hourly batches (only urgent digests and flushes close one), final at 2 confirmations, 5 sat/vB.
     */
    static Path anchoringConfig(Path dir, BcoinRegtest bitcoin, ECKey key) throws IOException {
        return Files.writeString(dir.resolve("cairn.toml"), """
                [node]
                repo = "%s"
                http_port = 0
                [storage.decentralized]
                bitcoin_network = "regtest"
                bitcoin_rpc_url = "%s"
                bitcoin_wallet_key = "%s"
                bitcoin_anchor_frequency = "1h"
                bitcoin_confirmations = 2
                bitcoin_fee_rate = "5 sat/vB"
                """.formatted(dir.resolve("repo"), bitcoin.rpcUrlWithCredentials(), key.getPrivateKeyAsWiF(BitcoinNetwork.REGTEST)));
    }

    public final Process process;
    public final int port;
    private final List<String> output = new ArrayList<>();

    /** {@code cairn serve --config FILE}, run in the config's folder. */
    ServeChild(Path config) throws IOException {
        this(List.of(), List.of("serve", "--config", config.toString()), config.getParent());
    }

    /** {@code java JVM_OPTIONS … CairnCli CLI_ARGS} in {@code workingDir}; CLI_ARGS must make it serve on a free port. */
    public ServeChild(List<String> jvmOptions, List<String> cliArgs, Path workingDir) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), CairnCli.class.getName()));
        command.addAll(cliArgs);
        process = new ProcessBuilder(command).directory(workingDir.toFile()).redirectErrorStream(true).start();
        BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Integer found = null;
        for (String line; found == null && (line = lines.readLine()) != null; ) {
            synchronized (output) {
                output.add(line);
            }
            Matcher m = LISTENING.matcher(line);
            if (m.find()) found = Integer.parseInt(m.group(1));
        }
        if (found == null) throw new AssertionError("cairn serve did not start: " + output);
        port = found;
        Thread drain = new Thread(() -> {
            try {
                for (String line; (line = lines.readLine()) != null; ) synchronized (output) { output.add(line); }
            } catch (IOException ignored) {
                // the process ended
            }
        });
        drain.setDaemon(true);
        drain.start();
    }

    public List<String> output() {
        synchronized (output) {
            return List.copyOf(output);
        }
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    HttpResponse<byte[]> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url("/api/v0/anchor/" + path))).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    JsonNode json(String path) throws Exception {
        HttpResponse<byte[]> r = get(path);
        if (r.statusCode() != 200) throw new AssertionError(path + ": " + r.statusCode() + " " + new String(r.body(), StandardCharsets.UTF_8));
        return JSON.readTree(r.body());
    }

    HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url("/api/v0/anchor/" + path))).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    JsonNode await(String path, String phase, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = json(path);
            if (last.get("phase").asText().equals(phase)) return last;
            Thread.sleep(200);
        }
        throw new AssertionError(path + " did not reach " + phase + " in " + timeout + ": " + last + "\n" + String.join("\n", output()));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
    }

    /** SIGKILL: the process dies without its shutdown hook (the repo's api file stays behind). */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }
}
