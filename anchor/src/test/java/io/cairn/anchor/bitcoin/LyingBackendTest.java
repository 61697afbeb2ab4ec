package io.cairn.anchor.bitcoin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cairn.anchor.AnchorException;
import io.cairn.anchor.TestDigests;
import io.cairn.anchor.queue.AnchorQueue;
import io.cairn.anchor.queue.BatchState;
import io.cairn.anchor.queue.Priority;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.bitcoinj.base.ScriptType;
import org.bitcoinj.crypto.ECKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Back ends that lie or fail: answers built from a real regtest chain but for the wrong block or
 * transaction, tampered blocks, HTTP 500, garbage, time-outs, a closed port. Every case is an
 * {@link AnchorException} with a code that says which (never a crash, never a wrong answer believed),
 * and the anchoring service keeps its batches.
 */
@Tag("interop")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LyingBackendTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private BcoinRegtest node;
    private HttpServer liar;
    /** Path (Esplora) or method (JSON-RPC) → the lie to answer. */
    private final Map<String, Lie> lies = new ConcurrentHashMap<>();
    private List<String> hashes;
    private final ECKey key = new ECKey();

    private record Lie(int status, byte[] body, long delayMillis) {
        static Lie text(String s) {
            return new Lie(200, s.getBytes(StandardCharsets.UTF_8), 0);
        }
    }

    @TempDir
    Path dir;

    @BeforeAll
    void start() throws Exception {
        node = BcoinRegtest.start();
        hashes = node.rpc().generateToAddress(105, BcoinRegtest.p2pkhAddress(key));
        liar = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        liar.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        liar.createContext("/", this::answer);
        liar.start();
    }

    @AfterAll
    void stop() {
        if (liar != null) liar.stop(0);
        if (node != null) node.close();
    }

    private void answer(HttpExchange ex) throws IOException {
        String key = ex.getRequestURI().getPath();
        byte[] request = ex.getRequestBody().readAllBytes();
        if (ex.getRequestMethod().equals("POST") && key.equals("/")) key = JSON.readTree(request).path("method").asText();
        Lie lie = lies.getOrDefault(key, new Lie(404, "Not found".getBytes(StandardCharsets.UTF_8), 0));
        try {
            if (lie.delayMillis > 0) Thread.sleep(lie.delayMillis);
            ex.sendResponseHeaders(lie.status, lie.body.length == 0 ? -1 : lie.body.length);
            ex.getResponseBody().write(lie.body);
        } catch (InterruptedException | IOException e) {
            // the client gave up
        } finally {
            ex.close();
        }
    }

    private URI liarUrl() {
        return URI.create("http://127.0.0.1:" + liar.getAddress().getPort());
    }

    private static void failsWith(String code, String message, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(AnchorException.class).hasMessageContaining(message)
                .satisfies(e -> assertThat(((AnchorException) e).code()).isEqualTo(code));
    }

    private String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    private static Lie rpcResult(Object result) throws IOException {
        return new Lie(200, JSON.writeValueAsBytes(Map.of("result", result, "id", "x")), 0);
    }

    @Test
    void anEsploraThatLiesIsCaught() throws Exception {
        EsploraBackend chain = new EsploraBackend(liarUrl(), Duration.ofSeconds(1));
        BitcoinRpc real = node.rpc();
        String h1 = hashes.get(0), h2 = hashes.get(1), h3 = hashes.get(2);
        lies.put("/block/" + h2 + "/header", Lie.text(hex(real.blockHeader(h1))));
        failsWith(ChainErrors.INVALID_ANSWER, "answered the header of block " + h1 + " when asked for " + h2, () -> chain.blockHeader(h2));

        lies.put("/block/" + h2 + "/raw", new Lie(200, real.block(h1), 0));
        failsWith(ChainErrors.INVALID_ANSWER, "when asked for " + h2, () -> chain.block(h2));

        byte[] tampered = real.block(h3);
        tampered[tampered.length - 5] ^= 1; // inside the coinbase: the header still hashes right, the Merkle root does not
        lies.put("/block/" + h3 + "/raw", new Lie(200, tampered, 0));
        failsWith(ChainErrors.INVALID_ANSWER, "do not match its Merkle root", () -> chain.block(h3));

        String coinbase1 = org.bitcoinj.core.Block.read(java.nio.ByteBuffer.wrap(real.block(h1))).getTransactions().get(0).getTxId().toString();
        byte[] coinbase2 = org.bitcoinj.core.Block.read(java.nio.ByteBuffer.wrap(real.block(h2))).getTransactions().get(0).serialize();
        lies.put("/tx/" + coinbase1 + "/hex", Lie.text(hex(coinbase2)));
        failsWith(ChainErrors.INVALID_ANSWER, "when asked for " + coinbase1, () -> chain.transaction(coinbase1));

        lies.put("/blocks/tip/height", new Lie(500, "<html>Internal Server Error</html>".getBytes(StandardCharsets.UTF_8), 0));
        failsWith(ChainErrors.UNAVAILABLE, "HTTP 500", chain::tipHeight);
        lies.put("/block-height/1", Lie.text("not a hash"));
        failsWith(ChainErrors.INVALID_ANSWER, "not a hash", () -> chain.blockHash(1));
        lies.put("/fee-estimates", Lie.text("<html>"));
        failsWith(ChainErrors.INVALID_ANSWER, "not a JSON object", () -> chain.feeRateEstimate(6));
        lies.put("/tx/" + coinbase1 + "/status", Lie.text("{\"confirmed\":true,\"block_hash\":\"zz\"}"));
        failsWith(ChainErrors.INVALID_ANSWER, "not a hash", () -> chain.blockOf(coinbase1));
        lies.put("/block-height/2", new Lie(200, h2.getBytes(StandardCharsets.UTF_8), 3_000));
        failsWith(ChainErrors.UNAVAILABLE, "unreachable", () -> chain.blockHash(2));
        assertThatThrownBy(() -> chain.blockHeader("../../admin")).isInstanceOf(AnchorException.class).hasMessageContaining("not a block or transaction hash");
    }

    @Test
    void aJsonRpcNodeThatLiesIsCaught() throws Exception {
        CoreRpcBackend chain = new CoreRpcBackend(new BitcoinRpc(liarUrl(), "x", "y", Duration.ofSeconds(1)));
        BitcoinRpc real = node.rpc();
        String h1 = hashes.get(0), h2 = hashes.get(1);
        lies.put("getblockheader", rpcResult(hex(real.blockHeader(h1))));
        failsWith(ChainErrors.INVALID_ANSWER, "when asked for " + h2, () -> chain.blockHeader(h2));
        lies.put("getblock", rpcResult("zz-not-hex"));
        failsWith(ChainErrors.INVALID_ANSWER, "not hex", () -> chain.block(h2));
        lies.put("getblockcount", new Lie(500, "<html>oops</html>".getBytes(StandardCharsets.UTF_8), 0));
        failsWith(ChainErrors.UNAVAILABLE, "HTTP 500", chain::tipHeight);
        lies.put("getblockhash", rpcResult(Map.of("surprise", 1)));
        failsWith(ChainErrors.INVALID_ANSWER, "not a hash", () -> chain.blockHash(1));
        lies.put("getmempoolentry", new Lie(200, "{\"result\":{}, \"id\":\"x\"}".getBytes(StandardCharsets.UTF_8), 3_000));
        failsWith(ChainErrors.UNAVAILABLE, "unreachable", () -> chain.inMempool(h1));
        lies.put("getrawtransaction", new Lie(401, new byte[0], 0));
        failsWith(ChainErrors.UNAUTHORIZED, "refused the credentials", () -> chain.transaction(h1));
    }

    @Test
    void feeEstimatesAreReadInSatPerVbyteAndKeptBetweenFloorAndCeiling() throws Exception {
        lies.put("/fee-estimates", Lie.text("{\"1\": 87.5, \"2\": 40.0, \"6\": 12.25, \"144\": 1.5}"));
        EsploraBackend esplora = new EsploraBackend(liarUrl(), Duration.ofSeconds(1));
        assertThat(esplora.feeRateEstimate(6)).hasValue(12.25);
        assertThat(esplora.feeRateEstimate(3)).as("the nearest target within 3 blocks").hasValue(40.0);
        lies.put("estimatesmartfee", rpcResult(Map.of("feerate", 0.00012, "blocks", 6))); // Core: BTC per kvB
        CoreRpcBackend core = new CoreRpcBackend(new BitcoinRpc(liarUrl(), "x", "y", Duration.ofSeconds(1)));
        assertThat(core.feeRateEstimate(6).getAsDouble()).isCloseTo(12.0, org.assertj.core.data.Offset.offset(1e-9));

        assertThat(FeePolicy.estimated(6, 1, 500).rate(esplora)).isEqualTo(12.25);
        assertThat(FeePolicy.estimated(6, 20, 500).rate(esplora)).as("the floor").isEqualTo(20);
        assertThat(FeePolicy.estimated(6, 1, 5).rate(esplora)).as("the ceiling").isEqualTo(5);
        assertThat(FeePolicy.estimated(6, 3, 500).rate(node.backend())).as("no data on regtest: the floor").isEqualTo(3);
        assertThat(FeePolicy.fixed(10).rate(esplora)).isEqualTo(10);
        // a replacement pays the original fee plus 1 sat/vB of its own size, at least a quarter more, or the current rate
        assertThat(FeePolicy.fixed(2).replacementFee(2, 1000, 200)).isEqualTo(1250);
        assertThat(FeePolicy.fixed(2).replacementFee(2, 10_000, 200)).isEqualTo(12_500);
        assertThat(FeePolicy.fixed(2).replacementFee(30, 1000, 200)).isEqualTo(6000);
        assertThat(FeePolicy.fixed(2).replacementFee(1, 100, 200)).isEqualTo(300);
    }

    @Test
    void aBackEndThatIsNotThereIsUnavailable() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        URI nowhere = URI.create("http://127.0.0.1:" + closed);
        failsWith(ChainErrors.UNAVAILABLE, "unreachable", () -> new EsploraBackend(nowhere, Duration.ofSeconds(1)).tipHeight());
        failsWith(ChainErrors.UNAVAILABLE, "unreachable", () -> new CoreRpcBackend(new BitcoinRpc(nowhere, "x", "y", Duration.ofSeconds(1))).tipHeight());
    }

    @Test
    void theServiceDoesNotBelieveABlockThatDoesNotHoldItsTransaction() throws Exception {
        CoreRpcBackend real = node.backend();
        // claims every transaction is in block 1, which holds only its coinbase
        ChainBackend liarChain = new ChainBackend() {
            public long tipHeight() { return real.tipHeight(); }
            public String blockHash(long height) { return real.blockHash(height); }
            public long blockHeight(String hash) { return real.blockHeight(hash); }
            public byte[] blockHeader(String hash) { return real.blockHeader(hash); }
            public byte[] block(String hash) { return real.block(hash); }
            public Optional<byte[]> transaction(String txid) { return real.transaction(txid); }
            public boolean inMempool(String txid) { return real.inMempool(txid); }
            public void broadcast(byte[] tx) { real.broadcast(tx); }
            public OptionalDouble feeRateEstimate(int target) { return real.feeRateEstimate(target); }
            public Optional<String> blockOf(String txid) { return real.inMempool(txid) ? Optional.of(hashes.get(0)) : real.blockOf(txid); }
        };
        try (AnchorQueue queue = new AnchorQueue(dir.resolve("q"))) {
            WalletKey wallet = new WalletKey(key, ScriptType.P2PKH);
            AnchorService service = new AnchorService(queue, liarChain, new AnchorWallet(wallet, liarChain, 0),
                    new AnchorService.Settings(100, Duration.ofHours(1), 1, 2), Clock.systemUTC());
            queue.enqueueAll(TestDigests.random(3, 41), Priority.URGENT);
            service.tick(); // signed and broadcast: from now on the back end claims it is in block 1
            assertThatThrownBy(service::tick).isInstanceOf(AnchorException.class).hasMessageContaining("but the block does not")
                    .satisfies(e -> assertThat(((AnchorException) e).code()).isEqualTo(ChainErrors.INVALID_ANSWER));
            assertThat(queue.batchesIn(BatchState.CONFIRMED)).isEmpty();
            long id = queue.batchesIn(BatchState.BROADCAST).getFirst().id();
            assertThat(queue.anchor(id).orElseThrow().mined()).as("the anchor is kept, not confirmed").isFalse();
        }
    }
}
