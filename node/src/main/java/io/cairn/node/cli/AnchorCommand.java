package io.cairn.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.anchor.AnchorException;
import io.cairn.anchor.Digest;
import io.cairn.anchor.bitcoin.AnchorService;
import io.cairn.anchor.bitcoin.AnchorWallet;
import io.cairn.anchor.bitcoin.ChainBackend;
import io.cairn.anchor.bitcoin.ChainBackends;
import io.cairn.anchor.bitcoin.WalletKey;
import io.cairn.anchor.ots.OtsFile;
import io.cairn.anchor.proof.AnchorProof;
import io.cairn.anchor.proof.BlockHeader;
import io.cairn.anchor.proof.HeaderChain;
import io.cairn.anchor.proof.HeaderSource;
import io.cairn.anchor.proof.VerifiedAnchor;
import io.cairn.anchor.queue.AnchorQueue;
import io.cairn.anchor.queue.Batch;
import io.cairn.anchor.queue.HashStatus;
import io.cairn.anchor.queue.Priority;
import io.cairn.error.CairnException;
import io.cairn.node.config.CairnConfig;
import io.cairn.node.config.ConfigLoader;
import io.cairn.node.anchor.AnchorRuntime;
import io.cairn.node.anchor.AnchorSetup;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.bitcoinj.base.BitcoinNetwork;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cairn anchor add|flush|status|proof|verify|wallet}: queue digests for Bitcoin anchoring and
 * read their proofs. The queue lives in the repo ({@code anchor/}); the Bitcoin node, wallet key and
 * policies come from the config's {@code [storage.decentralized]} bitcoin_* keys. Commands that need
 * the chain advance the anchoring first (one pass of the service), so status and proofs are current.
 * While {@code cairn serve} holds the repo, add/flush/status/proof go through its HTTP API ({@link QueueCommand});
 * verify, headers and wallet never open the repo.
 */
@Command(name = "anchor", description = "Anchor digests in Bitcoin and read their proofs.",
        subcommands = {AnchorCommand.Add.class, AnchorCommand.Flush.class, AnchorCommand.Status.class,
                AnchorCommand.Proof.class, AnchorCommand.Verify.class, AnchorCommand.Headers.class, AnchorCommand.Wallet.class})
final class AnchorCommand {

    /** Shared by the subcommands: config, queue, back end, wallet, service. */
    abstract static class Base extends CliCommand {
        @Option(names = "--config", paramLabel = "FILE", description = "Configuration file (default: ./cairn.toml if present).")
        Path config;

        CairnConfig.Decentralized settings() {
            Path file = config != null ? config : (Files.exists(Path.of("cairn.toml")) ? Path.of("cairn.toml") : null);
            return ConfigLoader.load(file, cli().env).decentralized();
        }

        AnchorQueue openQueue() {
            return new AnchorQueue(cli().repoPath().resolve("anchor"));
        }

        ChainBackend chain(CairnConfig.Decentralized d) {
            return AnchorSetup.chain(d);
        }

        boolean chainConfigured(CairnConfig.Decentralized d) {
            return AnchorSetup.chainConfigured(d);
        }

        WalletKey key(CairnConfig.Decentralized d) {
            return AnchorSetup.key(d);
        }

        static BitcoinNetwork network(CairnConfig.Decentralized d) {
            return AnchorSetup.network(d);
        }

        AnchorService service(AnchorQueue queue, CairnConfig.Decentralized d) {
            return AnchorSetup.service(queue, d);
        }

        static HeaderSource chainHeaders(ChainBackend chain) {
            return AnchorSetup.chainHeaders(chain);
        }

        static CairnException missing(String key) {
            return AnchorSetup.missing(key);
        }
    }

    /**
     * The commands that use the repo's queue. While {@code cairn serve} holds the repo they go through its
     * HTTP API, found as Kubo's CLI finds its daemon: {@code --api}, else the address in {@code <repo>/api}
     * when a live Cairn node serving this repo answers there; otherwise (or with {@code --offline}) they
     * open the queue themselves, which fails with a clear error if another process holds it.
     */
    abstract static class QueueCommand extends Base {
        @Mixin
        NodeOptions nodeOptions;

        Optional<NodeApi> node() {
            return nodeOptions.url(this).map(NodeApi::new);
        }

        @Override
        AnchorQueue openQueue() {
            try {
                return super.openQueue();
            } catch (AnchorException e) {
                if (!"queue_in_use".equals(e.code())) throw e;
                throw new AnchorException(e.kind(), e.code(), e.getMessage() + "; " + nodeOptions.whyNoNode(), e);
            }
        }
    }

    @Command(name = "add", description = "Queue digests (64 hex characters) or files' SHA-256 for anchoring.")
    static final class Add extends QueueCommand {
        @Parameters(paramLabel = "HASH", arity = "0..*")
        List<String> hashes;

        @Option(names = "--file", paramLabel = "FILE", description = "Anchor the SHA-256 of this file.")
        List<Path> files;

        @Option(names = "--urgent", description = "Ask for a batch to close now.")
        boolean urgent;

        @Override
        void run() throws Exception {
            List<Digest> digests = new ArrayList<>();
            if (hashes != null) for (String h : hashes) digests.add(Digest.parse(h));
            if (files != null) for (Path f : files) digests.add(sha256(f));
            if (digests.isEmpty()) throw new CairnException(CairnException.Kind.BAD_INPUT, "invalid_argument", "give a HASH or --file");
            Optional<NodeApi> node = node();
            if (node.isPresent()) {
                Set<String> fresh = new HashSet<>();
                node.get().add(digests, urgent).path("queued").forEach(h -> fresh.add(h.asText()));
                for (Digest d : digests) out().println(AnchorLines.added(d, fresh.remove(d.hex())));
                return;
            }
            try (AnchorQueue queue = openQueue()) {
                for (Digest d : digests) out().println(AnchorLines.added(d, queue.enqueue(d, urgent ? Priority.URGENT : Priority.NORMAL)));
            }
        }

        private static Digest sha256(Path f) throws Exception {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            try (InputStream in = Files.newInputStream(f)) {
                byte[] buf = new byte[1 << 16];
                for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
            } catch (java.nio.file.NoSuchFileException e) {
                throw new CairnException(CairnException.Kind.BAD_INPUT, "no_such_file", f + ": no such file");
            }
            return Digest.of(md.digest());
        }
    }

    @Command(name = "flush", description = "Close a batch with everything queued and broadcast its anchor.")
    static final class Flush extends QueueCommand {
        @Override
        void run() {
            Optional<NodeApi> node = node();
            if (node.isPresent()) {
                node.get().flush();
                node.get().tick();
                for (JsonNode b : node.get().batches().path("batches")) {
                    out().println(AnchorLines.batch(new AnchorRuntime.BatchReport(b.path("id").asLong(), b.path("state").asText(), b.path("size").asInt(),
                            b.path("root").asText(), text(b, "txid"))));
                }
                return;
            }
            CairnConfig.Decentralized d = settings();
            try (AnchorQueue queue = openQueue()) {
                AnchorService service = service(queue, d);
                service.flush();
                service.tick();
                for (AnchorRuntime.BatchReport b : AnchorRuntime.batches(queue)) out().println(AnchorLines.batch(b));
            }
        }
    }

    @Command(name = "status", description = "Where a digest is: queued, in a batch, broadcast, confirmed, final.")
    static final class Status extends QueueCommand {
        @Parameters(paramLabel = "HASH")
        String hash;

        @Override
        void run() {
            Digest digest = Digest.parse(hash);
            Optional<NodeApi> node = node();
            if (node.isPresent()) {
                node.get().tick();
                JsonNode s = node.get().status(digest);
                out().println(AnchorLines.status(digest, s.path("phase").asText(), number(s, "batch"), text(s, "txid"), number(s, "height"), text(s, "blockHash")));
                return;
            }
            CairnConfig.Decentralized d = settings();
            try (AnchorQueue queue = openQueue()) {
                if (chainConfigured(d)) service(queue, d).tick();
                Optional<HashStatus> status = queue.status(digest);
                if (status.isEmpty()) throw new AnchorException(CairnException.Kind.NOT_FOUND, "unknown_hash", digest + " was never queued");
                if (status.get() instanceof HashStatus.Batched b) {
                    Batch batch = queue.batch(b.batchId()).orElseThrow();
                    Optional<AnchorQueue.AnchorRecord> rec = queue.anchor(batch.id());
                    Optional<AnchorQueue.AnchorRecord> mined = rec.filter(AnchorQueue.AnchorRecord::mined);
                    out().println(AnchorLines.status(digest, batch.state().name().toLowerCase(Locale.ROOT), batch.id(),
                            rec.map(r -> AnchorService.txid(r.transaction())).orElse(null), mined.map(AnchorQueue.AnchorRecord::height).orElse(null),
                            mined.map(AnchorQueue.AnchorRecord::blockHash).orElse(null)));
                } else {
                    out().println(AnchorLines.status(digest, "queued", null, null, null, null));
                }
            }
        }
    }

    @Command(name = "proof", description = "Print a digest's complete proof; write it in binary (--out) or as an OpenTimestamps file (--ots).")
    static final class Proof extends QueueCommand {
        @Parameters(paramLabel = "HASH")
        String hash;

        @Option(names = "--ots", paramLabel = "FILE", description = "Write the proof as a detached .ots file.")
        Path ots;

        @Option(names = "--out", paramLabel = "FILE", description = "Write the proof in Cairn's compact binary form.")
        Path binary;

        @Option(names = "--json", description = "Print the complete proof as JSON (default: a summary).")
        boolean json;

        @Override
        void run() throws Exception {
            Digest digest = Digest.parse(hash);
            Optional<NodeApi> node = node();
            if (node.isPresent()) {
                node.get().tick();
                AnchorProof proof = AnchorProof.parse(node.get().proof(digest));
                if (!proof.leaf().equals(digest)) {
                    throw AnchorException.badInput("proof_invalid", "the node at " + node.get().base() + " sent a proof of " + proof.leaf() + ", not of " + digest);
                }
                // Checked against this command's own Bitcoin node when the config names one, else the node's header is taken as it came.
                CairnConfig.Decentralized d = settings();
                print(digest, proof, proof.verify(chainConfigured(d) ? chainHeaders(chain(d)) : HeaderSource.trusting(proof.height(), proof.blockHeader())));
                return;
            }
            CairnConfig.Decentralized d = settings();
            try (AnchorQueue queue = openQueue()) {
                AnchorService service = service(queue, d);
                service.tick();
                AnchorProof proof = service.proof(digest).orElseThrow(() -> new AnchorException(CairnException.Kind.NOT_FOUND, "not_anchored",
                        digest + " is not in a mined anchor yet (see `cairn anchor status`)"));
                print(digest, proof, proof.verify(chainHeaders(service.chain())));
            }
        }

        private void print(Digest digest, AnchorProof proof, VerifiedAnchor verified) throws java.io.IOException {
            if (ots != null) Files.write(ots, proof.toOts().serialize());
            if (binary != null) Files.write(binary, proof.toBytes());
            if (json) {
                out().println(proof.toJson());
            } else {
                out().println("digest " + digest.hex() + "\nbatch root " + proof.root().hex() + " (leaf " + proof.path().index() + " of "
                        + proof.path().treeSize() + ")\ntx " + proof.txid() + "\nblock " + verified.blockHash() + " height " + verified.height()
                        + " time " + Instant.ofEpochSecond(verified.blockTime()));
            }
        }
    }

    @Command(name = "verify", description = "Verify a proof (Cairn's binary or JSON form, or .ots) against trusted block headers.")
    static final class Verify extends Base {
        @Parameters(paramLabel = "PROOF")
        Path proof;

        @Option(names = "--headers", paramLabel = "rpc|esplora|FILE", defaultValue = "rpc",
                description = "Where trusted headers come from: the configured node (rpc, the default), an Esplora API (esplora), "
                        + "or a header-chain file ('height N' then one hex header per line; proof-of-work and links are checked).")
        String headers;

        @Override
        void run() throws Exception {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(proof);
            } catch (java.nio.file.NoSuchFileException e) {
                throw new CairnException(CairnException.Kind.BAD_INPUT, "no_such_file", proof + ": no such file");
            }
            HeaderSource trusted = headerSource(settings());
            VerifiedAnchor v = OtsFile.looksLikeOne(bytes) ? verifyOts(OtsFile.parse(bytes), trusted) : AnchorProof.parse(bytes).verify(trusted);
            out().println("verified: " + v.digest().hex() + " existed by block " + v.height() + " (" + v.blockHash() + ", "
                    + Instant.ofEpochSecond(v.blockTime()) + ")");
        }

        private HeaderSource headerSource(CairnConfig.Decentralized d) {
            return switch (headers) {
                case "rpc" -> chainHeaders(chain(d));
                case "esplora" -> {
                    if (d.bitcoinBackend().esploraUrl() == null) throw missing("bitcoin_esplora_url");
                    yield chainHeaders(ChainBackends.requireNetwork(
                            ChainBackends.esplora(d.bitcoinBackend().esploraUrl(), Duration.ofSeconds(d.queryTimeoutSeconds())), network(d)));
                }
                default -> HeaderChain.read(Path.of(headers), HeaderChain.powLimit(d.bitcoinNetwork()));
            };
        }

        private static VerifiedAnchor verifyOts(OtsFile file, HeaderSource trusted) {
            if (!(file.attestation() instanceof OtsFile.BitcoinBlockHeader at)) {
                throw new AnchorException(CairnException.Kind.BAD_INPUT, "pending", "the proof is not anchored in a Bitcoin block yet");
            }
            BlockHeader header = trusted.headerAt(at.height());
            if (!Arrays.equals(file.commitment(), header.merkleRoot())) {
                throw AnchorException.badInput("proof_invalid", "proof does not verify: its commitment is not the Merkle root of block " + at.height());
            }
            return new VerifiedAnchor(file.fileDigest(), at.height(), header);
        }
    }

    @Command(name = "headers", description = "Print a header-chain file from the configured node, for `anchor verify --headers FILE` offline.")
    static final class Headers extends Base {
        @Option(names = "--from", paramLabel = "HEIGHT", defaultValue = "0", description = "First height (default 0).")
        long from;

        @Option(names = "--to", paramLabel = "HEIGHT", description = "Last height (default: the node's tip).")
        Long to;

        @Override
        void run() {
            CairnConfig.Decentralized d = settings();
            ChainBackend chain = chain(d);
            long last = to != null ? to : chain.tipHeight();
            if (from < 0 || last < from) throw new CairnException(CairnException.Kind.BAD_INPUT, "invalid_argument", "--from must be between 0 and --to");
            List<BlockHeader> headers = new ArrayList<>();
            for (long h = from; h <= last; h++) headers.add(BlockHeader.of(chain.blockHeader(chain.blockHash(h))));
            out().print(HeaderChain.of(from, headers, HeaderChain.powLimit(d.bitcoinNetwork())).format());
        }
    }

    private static String text(JsonNode o, String field) {
        return o.hasNonNull(field) ? o.get(field).asText() : null;
    }

    private static Long number(JsonNode o, String field) {
        return o.hasNonNull(field) ? o.get(field).asLong() : null;
    }

    @Command(name = "wallet", description = "Print the anchoring wallet's address and spendable balance.")
    static final class Wallet extends Base {
        @Override
        void run() {
            CairnConfig.Decentralized d = settings();
            WalletKey key = key(d);
            AnchorWallet wallet = new AnchorWallet(key, chain(d), d.bitcoinWalletBirthHeight());
            wallet.sync();
            out().println("address " + key.address(network(d)) + "\nbalance " + wallet.balance() + " sat");
        }
    }
}
