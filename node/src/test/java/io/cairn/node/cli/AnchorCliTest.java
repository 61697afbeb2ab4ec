package io.cairn.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.anchor.bitcoin.BcoinRegtest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bitcoinj.base.BitcoinNetwork;
import org.bitcoinj.crypto.ECKey;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `cairn anchor` end to end on a bcoin regtest node: a digest queued through the CLI ends FINAL and its .ots verifies. */
@Tag("interop")
class AnchorCliTest {
    @TempDir
    Path dir;

    @Test
    void aDigestQueuedThroughTheCliEndsInAConfirmedAnchorWhoseProofVerifies() throws Exception {
        try (BcoinRegtest node = BcoinRegtest.start()) {
            ECKey key = new ECKey();
            String address = BcoinRegtest.p2pkhAddress(key);
            node.rpc().generateToAddress(101, address);
            Path config = Files.writeString(dir.resolve("cairn.toml"), """
                    [storage.decentralized]
                    bitcoin_network = "regtest"
                    bitcoin_rpc_url = "%s"
                    bitcoin_wallet_key = "%s"
                    bitcoin_confirmations = 3
                    bitcoin_fee_rate = "5 sat/vB"
                    """.formatted(node.rpcUrlWithCredentials(), key.getPrivateKeyAsWiF(BitcoinNetwork.REGTEST)));
            CliRunner cli = new CliRunner(dir.resolve("repo"));
            String hash = "ab".repeat(32);
            Path file = Files.writeString(dir.resolve("invoice.json"), "{\"invoice\": 42}");

            CliRunner.Result wallet = cli.run("anchor", "wallet", "--config", config.toString());
            assertThat(wallet.exit()).as(wallet.stderr()).isZero();
            assertThat(wallet.out()).contains("balance ");

            assertThat(cli.run("anchor", "add", hash, "--config", config.toString()).out()).isEqualTo("queued " + hash + "\n");
            assertThat(cli.run("anchor", "add", "--file", file.toString(), "--config", config.toString()).out()).startsWith("queued ");
            assertThat(cli.run("anchor", "add", hash, "--config", config.toString()).out()).startsWith("already queued");
            CliRunner.Result flush = cli.run("anchor", "flush", "--config", config.toString());
            assertThat(flush.exit()).as(flush.stderr()).isZero();
            assertThat(flush.out()).contains("broadcast 2 digests");

            node.rpc().generateToAddress(1, address);
            assertThat(cli.run("anchor", "status", hash, "--config", config.toString()).out()).contains(" confirmed ").contains(" height 102 ");
            node.rpc().generateToAddress(2, address);
            assertThat(cli.run("anchor", "status", hash, "--config", config.toString()).out()).contains(" final ");

            Path ots = dir.resolve("proof.ots"), binary = dir.resolve("proof.bin");
            CliRunner.Result proof = cli.run("anchor", "proof", hash, "--ots", ots.toString(), "--out", binary.toString(), "--config", config.toString());
            assertThat(proof.exit()).as(proof.stderr()).isZero();
            assertThat(proof.out()).contains("digest " + hash).contains(" height 102 ");
            CliRunner.Result json = cli.run("anchor", "proof", hash, "--json", "--config", config.toString());
            assertThat(json.exit()).as(json.stderr()).isZero();
            assertThat(json.out()).startsWith("{\"type\":\"cairn-anchor-proof\"").contains("\"height\":102");
            Path jsonProof = Files.writeString(dir.resolve("proof.json"), json.out());

            CliRunner.Result headers = cli.run("anchor", "headers", "--config", config.toString());
            assertThat(headers.exit()).as(headers.stderr()).isZero();
            Path headerFile = Files.writeString(dir.resolve("headers.txt"), headers.out());
            for (Path p : List.of(ots, binary, jsonProof)) {
                for (String source : List.of("rpc", headerFile.toString())) {
                    CliRunner.Result verified = cli.run("anchor", "verify", p.toString(), "--headers", source, "--config", config.toString());
                    assertThat(verified.exit()).as(p + " " + source + ": " + verified.stderr()).isZero();
                    assertThat(verified.out()).startsWith("verified: " + hash + " existed by block 102 (" + node.rpc().blockHash(102));
                }
            }
            Path shortChain = Files.writeString(dir.resolve("short.txt"), String.join("\n", headers.out().lines().limit(50).toList()));
            CliRunner.Result notCovered = cli.run("anchor", "verify", binary.toString(), "--headers", shortChain.toString(), "--config", config.toString());
            assertThat(notCovered.exit()).isEqualTo(1);
            assertThat(notCovered.stderr()).contains("covers heights 0 to 48");
            String brokenText = headers.out().replace(headers.out().lines().skip(20).findFirst().orElseThrow(), headers.out().lines().skip(21).findFirst().orElseThrow());
            Path broken = Files.writeString(dir.resolve("broken.txt"), brokenText);
            CliRunner.Result unlinked = cli.run("anchor", "verify", binary.toString(), "--headers", broken.toString(), "--config", config.toString());
            assertThat(unlinked.exit()).isEqualTo(1);
            assertThat(unlinked.stderr()).contains("does not follow the header at height");

            byte[] tampered = Files.readAllBytes(ots);
            tampered[tampered.length - 20] ^= 1;
            Path bad = Files.write(dir.resolve("bad.ots"), tampered);
            CliRunner.Result rejected = cli.run("anchor", "verify", bad.toString(), "--config", config.toString());
            assertThat(rejected.exit()).isEqualTo(1);
            assertThat(rejected.stderr()).startsWith("Error: ");
            byte[] tamperedBinary = Files.readAllBytes(binary);
            tamperedBinary[60] ^= 1; // inside the Merkle path
            Path badBinary = Files.write(dir.resolve("bad.bin"), tamperedBinary);
            CliRunner.Result refused = cli.run("anchor", "verify", badBinary.toString(), "--config", config.toString());
            assertThat(refused.exit()).isEqualTo(1);
            assertThat(refused.stderr()).startsWith("Error: proof does not verify: ");

            CliRunner.Result badHash = cli.run("anchor", "add", "not-hex", "--config", config.toString());
            assertThat(badHash.exit()).isEqualTo(1);
            assertThat(badHash.stderr()).contains("64 hex characters");
        }
    }

    @Test
    void anchoringWithoutABitcoinNodeConfiguredIsAClearError() throws Exception {
        CliRunner cli = new CliRunner(dir.resolve("repo"));
        Path config = Files.writeString(dir.resolve("cairn.toml"), "[storage.decentralized]\nbitcoin_network = \"regtest\"\n");
        CliRunner.Result r = cli.run("anchor", "flush", "--config", config.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.stderr()).contains("bitcoin_rpc_url");
    }
}
