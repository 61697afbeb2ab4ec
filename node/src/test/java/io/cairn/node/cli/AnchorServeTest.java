package io.cairn.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.anchor.bitcoin.BcoinRegtest;
import io.cairn.anchor.ots.OtsFile;
import io.cairn.anchor.proof.AnchorProof;
import io.cairn.anchor.proof.BlockHeader;
import io.cairn.anchor.proof.VerifiedAnchor;
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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code cairn serve} process anchoring on a bcoin regtest node: a digest posted over HTTP waits
 * (hourly batches), an urgent one closes the batch at once, both end FINAL after mining, their proofs
 * (JSON, binary, .ots) come over HTTP and verify, and the metrics show the batch and the fee paid.
 */
@Tag("interop")
class AnchorServeTest {
    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+) ");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void aHashPostedOverHttpEndsFinalAndItsProofVerifies() throws Exception {
        try (BcoinRegtest bitcoin = BcoinRegtest.start()) {
            ECKey key = new ECKey();
            String address = BcoinRegtest.p2pkhAddress(key);
            bitcoin.rpc().generateToAddress(101, address);
            Path config = Files.writeString(dir.resolve("cairn.toml"), """
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
            String waiting = "11".repeat(32), urgent = "22".repeat(32);
            try (Server server = new Server(config)) {
                assertThat(server.output()).anyMatch(l -> l.contains("anchoring: batches of up to 1000 digests every PT1H"));
                assertThat(server.post("hashes", "{\"hash\": \"" + waiting + "\"}").statusCode()).isEqualTo(202);
                Thread.sleep(1500);
                assertThat(server.json("hashes/" + waiting).get("phase").asText()).as("hourly batches: nothing closes yet").isEqualTo("queued");

                assertThat(server.post("hashes", "{\"hashes\": [\"" + urgent + "\"], \"urgent\": true}").statusCode()).isEqualTo(202);
                JsonNode broadcast = server.await("hashes/" + waiting, "broadcast", Duration.ofSeconds(30));
                assertThat(server.json("hashes/" + urgent).get("batch")).isEqualTo(broadcast.get("batch"));
                assertThat(bitcoin.rpc().inMempool(broadcast.get("txid").asText())).isTrue();

                bitcoin.rpc().generateToAddress(2, address);
                server.post("flush", ""); // wakes the service now rather than at its next 30 s look
                JsonNode fin = server.await("hashes/" + urgent, "final", Duration.ofSeconds(30));
                assertThat(fin.get("height").asLong()).isEqualTo(102);
                assertThat(fin.get("confirmations").asLong()).isEqualTo(2);

                byte[] trusted = bitcoin.rpc().blockHeader(bitcoin.rpc().blockHash(102));
                HttpResponse<byte[]> json = server.get("hashes/" + urgent + "/proof");
                assertThat(json.statusCode()).isEqualTo(200);
                AnchorProof proof = AnchorProof.parse(json.body());
                VerifiedAnchor v = proof.verify(trusted);
                assertThat(v.digest().hex()).isEqualTo(urgent);
                assertThat(v.blockHash()).isEqualTo(bitcoin.rpc().blockHash(102));
                assertThat(AnchorProof.parse(server.get("hashes/" + urgent + "/proof?format=binary").body())).isEqualTo(proof);
                OtsFile ots = OtsFile.parse(server.get("hashes/" + waiting + "/proof?format=ots").body());
                assertThat(ots.commitment()).isEqualTo(BlockHeader.of(trusted).merkleRoot());
                assertThat(ots.fileDigest().hex()).isEqualTo(waiting);

                JsonNode status = server.json("status");
                assertThat(status.get("enabled").asBoolean()).isTrue();
                assertThat(status.get("batches").get("final").asLong()).isEqualTo(1);
                String metrics = new String(HTTP.send(HttpRequest.newBuilder(URI.create(server.url("/metrics"))).build(),
                        HttpResponse.BodyHandlers.ofByteArray()).body(), StandardCharsets.UTF_8);
                assertThat(metrics).contains("cairn_anchor_queue_depth 0.0").contains("cairn_anchor_batches{phase=\"final\"} 1.0")
                        .contains("cairn_anchor_confirmation_lag_seconds 0.0");
                Matcher fee = Pattern.compile("cairn_anchor_fees_paid_sats_total ([0-9.]+)").matcher(metrics);
                assertThat(fee.find()).as(metrics).isTrue();
                assertThat(Double.parseDouble(fee.group(1))).as("5 sat/vB on a one-input anchor").isBetween(500.0, 2000.0);
            }
        }
    }

    /** {@code cairn serve} in a child JVM; SIGTERM on close. */
    private static final class Server implements AutoCloseable {
        final Process process;
        final int port;
        final List<String> output = new ArrayList<>();

        Server(Path config) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            process = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                    CairnCli.class.getName(), "serve", "--config", config.toString())
                    .directory(config.getParent().toFile()).redirectErrorStream(true).start();
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

        List<String> output() {
            synchronized (output) {
                return List.copyOf(output);
            }
        }

        String url(String path) {
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
    }
}
