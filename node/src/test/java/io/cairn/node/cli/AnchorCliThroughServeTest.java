package io.cairn.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.anchor.bitcoin.BcoinRegtest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bitcoinj.crypto.ECKey;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cairn anchor} while a real {@code cairn serve} process holds the repo, on a bcoin regtest node:
 * the CLI finds the node through {@code <repo>/api} and its add, flush, status and proof act on the
 * running node's queue with the local command's output; verify, headers and wallet work beside it.
 * SIGKILL leaves a stale api file that the CLI ignores; a clean stop removes it.
 */
@Tag("interop")
class AnchorCliThroughServeTest {
    @TempDir
    Path dir;

    @Test
    void theCliAnchorsThroughTheRunningNodeAndFallsBackWhenItIsGone() throws Exception {
        try (BcoinRegtest bitcoin = BcoinRegtest.start()) {
            ECKey key = new ECKey();
            String address = BcoinRegtest.p2pkhAddress(key);
            bitcoin.rpc().generateToAddress(101, address);
            Path repo = dir.resolve("repo");
            Path config = ServeChild.anchoringConfig(dir, bitcoin, key);
            String hash = "c3".repeat(32), late = "d4".repeat(32);
            Path file = Files.writeString(dir.resolve("invoice.json"), "{\"invoice\": 7}");
            CliRunner cli = new CliRunner(repo);
            Path ots = dir.resolve("proof.ots"), binary = dir.resolve("proof.bin");
            String txid, block;

            try (ServeChild server = new ServeChild(config)) {
                assertThat(Files.readString(repo.resolve("api"))).isEqualTo("/ip4/127.0.0.1/tcp/" + server.port);

                assertThat(run(cli, "anchor", "add", hash, "--config", config.toString())).isEqualTo("queued " + hash + "\n");
                assertThat(server.json("hashes/" + hash).get("phase").asText()).as("queued in the running node").isEqualTo("queued");
                assertThat(run(cli, "anchor", "add", "--file", file.toString())).startsWith("queued ");
                assertThat(run(cli, "anchor", "add", hash)).isEqualTo("already queued " + hash + "\n");
                CliRunner.Result offline = cli.run("anchor", "status", "--offline", hash, "--config", config.toString());
                assertThat(offline.exit()).isEqualTo(1);
                assertThat(offline.stderr()).startsWith("Error: the anchor queue in ").contains("is in use by another process");

                String flushed = run(cli, "anchor", "flush", "--config", config.toString());
                assertThat(flushed).matches("batch 1 broadcast 2 digests root [0-9a-f]{64} tx [0-9a-f]{64}\n");
                txid = flushed.substring(flushed.lastIndexOf(' ') + 1).trim();
                assertThat(bitcoin.rpc().inMempool(txid)).isTrue();
                assertThat(run(cli, "anchor", "status", hash)).isEqualTo(hash + " broadcast batch 1 tx " + txid + "\n");

                bitcoin.rpc().generateToAddress(1, address);
                block = bitcoin.rpc().blockHash(102);
                assertThat(run(cli, "anchor", "status", hash, "--config", config.toString()))
                        .as("status advances the node's anchoring first").isEqualTo(hash + " confirmed batch 1 tx " + txid + " height 102 block " + block + "\n");
                bitcoin.rpc().generateToAddress(1, address);
                assertThat(run(cli, "anchor", "status", hash)).isEqualTo(hash + " final batch 1 tx " + txid + " height 102 block " + block + "\n");

                assertThat(run(cli, "anchor", "proof", hash, "--ots", ots.toString(), "--out", binary.toString(), "--config", config.toString()))
                        .startsWith("digest " + hash + "\nbatch root ").contains("\ntx " + txid + "\nblock " + block + " height 102 time ");
                assertThat(Files.readAllBytes(ots)).isEqualTo(server.get("hashes/" + hash + "/proof?format=ots").body());
                assertThat(Files.readAllBytes(binary)).isEqualTo(server.get("hashes/" + hash + "/proof?format=binary").body());
                assertThat(run(cli, "anchor", "proof", hash, "--json")).startsWith("{\"type\":\"cairn-anchor-proof\"").contains("\"height\":102");

                // verify, headers and wallet never open the repo: they work while the node holds it
                for (Path proof : new Path[] {ots, binary}) {
                    assertThat(run(cli, "anchor", "verify", proof.toString(), "--config", config.toString()))
                            .startsWith("verified: " + hash + " existed by block 102 (" + block);
                }
                assertThat(run(cli, "anchor", "headers", "--from", "100", "--config", config.toString())).startsWith("height 100\n");
                assertThat(run(cli, "anchor", "wallet", "--config", config.toString())).contains("balance ");

                assertThat(run(cli, "anchor", "add", late)).isEqualTo("queued " + late + "\n");
                CliRunner.Result notYet = cli.run("anchor", "proof", late);
                assertThat(notYet.exit()).isEqualTo(1);
                assertThat(notYet.stderr()).startsWith("Error: ").contains("is not in a mined anchor yet");
                CliRunner.Result unknown = cli.run("anchor", "status", "e5".repeat(32));
                assertThat(unknown.exit()).isEqualTo(1);
                assertThat(unknown.stderr()).startsWith("Error: ").contains("was never queued");

                server.kill();
            }
            assertThat(repo.resolve("api")).as("SIGKILL leaves the file behind").exists();
            assertThat(run(cli, "anchor", "status", late)).as("a stale api file: the CLI opens the repo").isEqualTo(late + " queued\n");

            try (ServeChild again = new ServeChild(config)) {
                assertThat(Files.readString(repo.resolve("api"))).isEqualTo("/ip4/127.0.0.1/tcp/" + again.port);
                assertThat(run(cli, "anchor", "add", late)).isEqualTo("already queued " + late + "\n");
            }
            assertThat(repo.resolve("api")).as("a clean stop removes it").doesNotExist();
            assertThat(run(cli, "anchor", "status", hash, "--config", config.toString()))
                    .isEqualTo(hash + " final batch 1 tx " + txid + " height 102 block " + block + "\n");
        }
    }

    private static String run(CliRunner cli, String... args) {
        CliRunner.Result r = cli.run(args);
        assertThat(r.exit()).as(String.join(" ", args) + ": " + r.stderr()).isZero();
        return r.out();
    }
}
