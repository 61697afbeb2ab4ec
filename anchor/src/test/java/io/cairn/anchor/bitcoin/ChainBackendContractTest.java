package io.cairn.anchor.bitcoin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.anchor.AnchorException;
import io.cairn.anchor.Digest;
import io.cairn.anchor.TestDigests;
import io.cairn.anchor.proof.AnchorPayload;
import io.cairn.anchor.proof.AnchorProof;
import io.cairn.anchor.queue.AnchorQueue;
import io.cairn.anchor.queue.BatchState;
import io.cairn.anchor.queue.Priority;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.bitcoinj.base.BitcoinNetwork;
import org.bitcoinj.base.ScriptType;
import org.bitcoinj.base.Sha256Hash;
import org.bitcoinj.core.Block;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionOutput;
import org.bitcoinj.crypto.ECKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@link ChainBackend} contract, run against both implementations on the same bcoin regtest
 * chain: Core JSON-RPC directly, and Esplora REST through interop/bcoin/esplora-gateway.mjs. Both must
 * give the same answers about the same blocks and transactions.
 */
@Tag("interop")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChainBackendContractTest {
    private BcoinRegtest node;
    private EsploraGateway gateway;
    private final ECKey key = new ECKey();
    private List<String> mined;

    @TempDir
    Path dir;

    @BeforeAll
    void start() throws Exception {
        node = BcoinRegtest.start();
        gateway = EsploraGateway.start(node);
        mined = node.rpc().generateToAddress(110, BcoinRegtest.p2pkhAddress(key));
    }

    @AfterAll
    void stop() throws Exception {
        if (gateway != null) gateway.close();
        if (node != null) node.close();
    }

    private ChainBackend backend(String kind) {
        return kind.equals("rpc") ? node.backend() : gateway.backend();
    }

    @ParameterizedTest
    @ValueSource(strings = {"rpc", "esplora"})
    void blocksAndHeadersOfTheBestChain(String kind) {
        ChainBackend chain = backend(kind);
        assertThat(chain.network()).isEqualTo(BitcoinNetwork.REGTEST);
        long tip = chain.tipHeight();
        assertThat(tip).isEqualTo(node.rpc().blockCount()).isGreaterThanOrEqualTo(110);
        for (int h : new int[] {1, 50, 110}) {
            String hash = mined.get(h - 1);
            assertThat(chain.blockHash(h)).isEqualTo(hash);
            assertThat(chain.blockHeight(hash)).isEqualTo(h);
            byte[] header = chain.blockHeader(hash);
            assertThat(Sha256Hash.wrapReversed(Sha256Hash.hashTwice(header)).toString()).isEqualTo(hash);
            Block block = Block.read(ByteBuffer.wrap(chain.block(hash)));
            assertThat(block.getHashAsString()).isEqualTo(hash);
            TransactionOutput reward = block.getTransactions().get(0).getOutput(0);
            assertThat(reward.getScriptBytes()).as("the coinbase pays the key it was mined to")
                    .isEqualTo(new WalletKey(key, ScriptType.P2PKH).script().program());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"rpc", "esplora"})
    void whatTheNodeDoesNotKnowIsNotFoundOrEmpty(String kind) {
        ChainBackend chain = backend(kind);
        String unknown = "00".repeat(31) + "01";
        assertThatThrownBy(() -> chain.blockHash(1_000_000)).isInstanceOf(AnchorException.class)
                .extracting(e -> ((AnchorException) e).code()).isEqualTo(ChainErrors.NOT_FOUND);
        assertThatThrownBy(() -> chain.blockHeader(unknown)).extracting(e -> ((AnchorException) e).code()).isEqualTo(ChainErrors.NOT_FOUND);
        assertThatThrownBy(() -> chain.block(unknown)).extracting(e -> ((AnchorException) e).code()).isEqualTo(ChainErrors.NOT_FOUND);
        assertThat(chain.transaction(unknown)).isEmpty();
        assertThat(chain.inMempool(unknown)).isFalse();
        assertThat(chain.blockOf(unknown)).isEmpty();
        assertThat(chain.feeRateEstimate(6)).as("a fresh regtest chain has no fee data").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"rpc", "esplora"})
    void aBroadcastTransactionIsInTheMempoolThenInABlock(String kind) throws Exception {
        ChainBackend chain = backend(kind);
        // each backend spends its own mature coinbase
        Block source = Block.read(ByteBuffer.wrap(chain.block(mined.get(kind.equals("rpc") ? 0 : 1))));
        Transaction coinbase = source.getTransactions().get(0);
        Utxo utxo = new Utxo(coinbase.getTxId().toString(), 0, coinbase.getOutput(0).getValue().value, coinbase.getOutput(0).getScriptBytes());
        Digest root = TestDigests.random(1, kind.length()).getFirst();
        SignedAnchor anchor = AnchorTransactionBuilder.build(List.of(utxo), new WalletKey(key, ScriptType.P2PKH), new AnchorPayload(root), 5);

        chain.broadcast(anchor.transaction());
        assertThat(node.awaitInMempool(anchor.txid())).as(node.log()).isTrue();
        assertThat(chain.inMempool(anchor.txid())).isTrue();
        assertThat(chain.blockOf(anchor.txid())).isEmpty();
        assertThat(chain.transaction(anchor.txid())).get().satisfies(tx -> assertThat(tx).isEqualTo(anchor.transaction()));

        String block = node.rpc().generateToAddress(1, BcoinRegtest.p2pkhAddress(key)).getFirst();
        assertThat(chain.blockOf(anchor.txid())).isEqualTo(Optional.of(block));
        assertThat(chain.inMempool(anchor.txid())).isFalse();
        assertThat(chain.blockHeight(block)).isEqualTo(chain.tipHeight());

        // spending the same coinbase again is refused, or (bcoin's JSON-RPC) accepted and never taken
        SignedAnchor twice = AnchorTransactionBuilder.build(List.of(utxo), new WalletKey(key, ScriptType.P2PKH), new AnchorPayload(root), 7);
        try {
            chain.broadcast(twice.transaction());
        } catch (AnchorException e) {
            assertThat(e.code()).isEqualTo(ChainErrors.REJECTED);
        }
        Thread.sleep(300);
        assertThat(chain.inMempool(twice.txid())).isFalse();
        assertThat(chain.blockOf(twice.txid())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"rpc", "esplora"})
    void theAnchoringServiceRunsOnEitherBackEnd(String kind) throws Exception {
        ChainBackend chain = backend(kind);
        WalletKey wallet = new WalletKey(new ECKey(), ScriptType.P2PKH);
        node.rpc().generateToAddress(101, BcoinRegtest.p2pkhAddress(wallet.key()));
        try (AnchorQueue queue = new AnchorQueue(dir.resolve(kind))) {
            AnchorService service = new AnchorService(queue, chain, new AnchorWallet(wallet, chain, 0),
                    new AnchorService.Settings(100, Duration.ofHours(1), 2, 3), Clock.systemUTC());
            List<Digest> digests = TestDigests.random(9, 50 + kind.length());
            queue.enqueueAll(digests, Priority.URGENT);
            service.tick();
            long id = queue.batchesIn(BatchState.BROADCAST).getFirst().id();
            node.rpc().generateToAddress(2, BcoinRegtest.p2pkhAddress(key));
            service.tick();
            assertThat(queue.batch(id).orElseThrow().state()).isEqualTo(BatchState.FINAL);
            for (Digest d : digests) {
                AnchorProof proof = service.proof(d).orElseThrow();
                proof.verify(chain.blockHeader(chain.blockHash(proof.height())));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"url", "user", "cookie"})
    void jsonRpcCredentialsFromTheUrlTheUserOrACookieFile(String how) throws Exception {
        String url = "http://127.0.0.1:" + node.rpcPort() + "/";
        Path cookie = dir.resolve(".cookie");
        java.nio.file.Files.writeString(cookie, "__cookie__:" + BcoinRegtest.apiKey() + "\n");
        CoreRpcBackend chain = switch (how) {
            case "url" -> ChainBackends.rpc("http://cairn:" + BcoinRegtest.apiKey() + "@127.0.0.1:" + node.rpcPort() + "/", null, null, null, Duration.ofSeconds(5));
            case "user" -> ChainBackends.rpc(url, "cairn", BcoinRegtest.apiKey(), cookie, Duration.ofSeconds(5));
            default -> ChainBackends.rpc(url, null, null, cookie, Duration.ofSeconds(5));
        };
        assertThat(chain.tipHeight()).isEqualTo(node.rpc().blockCount());
        CoreRpcBackend wrong = ChainBackends.rpc(url, "cairn", "wrong", null, Duration.ofSeconds(5));
        assertThatThrownBy(wrong::tipHeight).isInstanceOf(AnchorException.class)
                .satisfies(e -> assertThat(((AnchorException) e).code()).isEqualTo(ChainErrors.UNAUTHORIZED));
        assertThatThrownBy(() -> ChainBackends.requireNetwork(chain, BitcoinNetwork.MAINNET)).isInstanceOf(AnchorException.class)
                .hasMessageContaining("serves regtest").hasMessageContaining("config says mainnet");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rpc", "esplora"})
    void bothBackEndsAgree(String kind) {
        ChainBackend chain = backend(kind), other = backend(kind.equals("rpc") ? "esplora" : "rpc");
        long tip = chain.tipHeight();
        assertThat(other.tipHeight()).isEqualTo(tip);
        String hash = chain.blockHash(tip);
        assertThat(other.blockHash(tip)).isEqualTo(hash);
        assertThat(Arrays.equals(chain.block(hash), other.block(hash))).isTrue();
        assertThat(chain.blockHeader(hash)).isEqualTo(other.blockHeader(hash));
    }
}
