package io.cairn.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.anchor.bitcoin.BcoinRegtest;
import io.cairn.anchor.ots.OtsFile;
import io.cairn.anchor.proof.AnchorProof;
import io.cairn.anchor.proof.BlockHeader;
import io.cairn.anchor.proof.VerifiedAnchor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void aHashPostedOverHttpEndsFinalAndItsProofVerifies() throws Exception {
        try (BcoinRegtest bitcoin = BcoinRegtest.start()) {
            ECKey key = new ECKey();
            String address = BcoinRegtest.p2pkhAddress(key);
            bitcoin.rpc().generateToAddress(101, address);
            Path config = ServeChild.anchoringConfig(dir, bitcoin, key);
            String waiting = "11".repeat(32), urgent = "22".repeat(32);
            try (ServeChild server = new ServeChild(config)) {
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
}
