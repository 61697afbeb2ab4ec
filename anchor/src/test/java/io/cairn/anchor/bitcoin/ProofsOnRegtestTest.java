package io.cairn.anchor.bitcoin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.anchor.Digest;
import io.cairn.anchor.TestDigests;
import io.cairn.anchor.proof.AnchorProof;
import io.cairn.anchor.proof.BlockHeader;
import io.cairn.anchor.proof.HeaderChain;
import io.cairn.anchor.proof.VerifiedAnchor;
import io.cairn.anchor.queue.AnchorQueue;
import io.cairn.anchor.queue.BatchState;
import io.cairn.anchor.queue.Priority;
import io.cairn.interop.NodePeer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bitcoinj.crypto.ECKey;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proofs of digests anchored on a real bcoin regtest node: both encodings verify against the node's
 * header and against the node's whole header chain (proof-of-work and links checked), and the exported
 * {@code .ots} is verified by the OpenTimestamps client itself, reading the header from the same node
 * through a bitcoin.conf, and through an Esplora-style URL (interop/bcoin/esplora-gateway.mjs), with the
 * block's height and time.
 */
@Tag("interop")
class ProofsOnRegtestTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void anchoredProofsVerifyOfflineAndWithTheOpenTimestampsClient() throws Exception {
        try (BcoinRegtest node = BcoinRegtest.start(); AnchorQueue queue = new AnchorQueue(dir.resolve("q"))) {
            BitcoinRpc rpc = node.rpc();
            ECKey key = new ECKey();
            String address = BcoinRegtest.p2pkhAddress(key);
            rpc.generateToAddress(101, address);
            AnchorService service = new AnchorService(queue, rpc, new AnchorWallet(key, rpc, 0),
                    new AnchorService.Settings(1000, Duration.ofHours(6), 1, 10), Clock.systemUTC());
            List<Digest> digests = TestDigests.random(13, 21);
            queue.enqueueAll(digests, Priority.NORMAL);
            service.flush();
            service.tick();
            assertThat(queue.batchesIn(BatchState.BROADCAST)).as(node.log()).hasSize(1);
            rpc.generateToAddress(1, address);
            rpc.generateToAddress(2, address);
            service.tick();

            long tip = rpc.blockCount();
            List<BlockHeader> headers = new ArrayList<>();
            for (long h = 0; h <= tip; h++) headers.add(BlockHeader.of(rpc.blockHeader(rpc.blockHash(h))));
            HeaderChain chain = HeaderChain.of(0, headers, HeaderChain.powLimit("regtest"));

            for (Digest d : digests) {
                AnchorProof proof = service.proof(d).orElseThrow();
                assertThat(proof.height()).isEqualTo(102);
                AnchorProof fromBinary = AnchorProof.parse(proof.toBytes());
                AnchorProof fromJson = AnchorProof.parse(proof.toJson().getBytes(StandardCharsets.UTF_8));
                VerifiedAnchor byNode = fromBinary.verify(rpc.blockHeader(rpc.blockHash(proof.height())));
                VerifiedAnchor byChain = fromJson.verify(chain);
                assertThat(byChain).isEqualTo(byNode);
                assertThat(byNode.blockHash()).isEqualTo(rpc.blockHash(102));
                assertThat(byNode.blockTime()).isEqualTo(rpc.call("getblockheader", rpc.blockHash(102), true).path("time").asLong());
            }

            Path home = Files.createDirectories(dir.resolve("home"));
            Files.createDirectories(home.resolve(".bitcoin"));
            URI rpcUrl = URI.create(node.rpcUrlWithCredentials());
            Files.writeString(home.resolve(".bitcoin/bitcoin.conf"), "rpcuser=cairn\nrpcpassword=" + rpcUrl.getUserInfo().split(":")[1]
                    + "\nrpcconnect=127.0.0.1\nrpcport=" + rpcUrl.getPort() + "\n");
            Digest digest = digests.get(7);
            AnchorProof proof = service.proof(digest).orElseThrow();
            Path ots = Files.write(dir.resolve("proof.ots"), proof.toOts().serialize());
            long time = rpc.call("getblockheader", rpc.blockHash(102), true).path("time").asLong();

            Run library = runNode(home, NodePeer.projectRoot().resolve("interop/ots/verify.mjs"), ots.toString(), digest.hex());
            assertThat(library.exit()).as(library.err()).isZero();
            JsonNode result = JSON.readTree(library.out().strip().lines().reduce((a, b) -> b).orElseThrow()).get("bitcoin");
            assertThat(result.get("height").asLong()).isEqualTo(102);
            assertThat(result.get("timestamp").asLong()).isEqualTo(time);

            try (EsploraGateway esplora = EsploraGateway.start(node)) { // the client's other way to read headers
                Run lite = runNode(home, NodePeer.projectRoot().resolve("interop/ots/verify.mjs"), ots.toString(), digest.hex(), esplora.url().toString());
                assertThat(lite.exit()).as(lite.err()).isZero();
                JsonNode viaEsplora = JSON.readTree(lite.out().strip().lines().reduce((a, b) -> b).orElseThrow()).get("bitcoin"); // after the client's own log line
                assertThat(viaEsplora.get("height").asLong()).isEqualTo(102);
                assertThat(viaEsplora.get("timestamp").asLong()).isEqualTo(time);
            }

            Path cli = NodePeer.projectRoot().resolve("interop/ots/node_modules/opentimestamps/ots-cli.js");
            Run verified = runNode(home, cli, "verify", "-d", digest.hex(), ots.toString());
            assertThat(verified.exit()).as(verified.out() + verified.err()).isZero();
            assertThat(verified.out()).contains("Success! Bitcoin block 102 attests existence");

            byte[] tampered = Files.readAllBytes(ots);
            tampered[tampered.length - 40] ^= 1; // inside the block branch
            Path bad = Files.write(dir.resolve("bad.ots"), tampered);
            Run refused = runNode(home, NodePeer.projectRoot().resolve("interop/ots/verify.mjs"), bad.toString(), digest.hex());
            assertThat(refused.exit()).isEqualTo(1);
            assertThat(refused.err()).contains("Digest does not match merkleroot");
            Run wrongDigest = runNode(home, cli, "verify", "-d", digests.get(8).hex(), ots.toString());
            assertThat(wrongDigest.out() + wrongDigest.err()).doesNotContain("Success!");
        }
    }

    record Run(int exit, String out, String err) {}

    /** Runs a script of the OpenTimestamps client with HOME pointing at the bitcoin.conf it reads. */
    private static Run runNode(Path home, Path script, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(NodePeer.nodeBinary().toString(), script.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(script.getParent().toFile());
        pb.environment().put("HOME", home.toString());
        Path out = Files.createTempFile(home, "out", ".txt"), err = Files.createTempFile(home, "err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError(script + " did not finish");
        }
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }
}
