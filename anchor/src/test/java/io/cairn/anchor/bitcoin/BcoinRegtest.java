package io.cairn.anchor.bitcoin;

import io.cairn.interop.NodePeer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.bitcoinj.crypto.ECKey;

/**
 * A bcoin regtest node for tests, on loopback ports nobody else uses, never dialling out, always
 * stopped. bcoin is installed by scripts/install-peers; if it is missing the test fails (CI installs it).
 */
public final class BcoinRegtest implements AutoCloseable {
    private static final String API_KEY = "cairn-test";
    /** bcoin's regtest P2PKH address version (Bitcoin Core's is 0x6f). */
    private static final byte P2PKH_VERSION = 0x3c;

    private Process process;
    private final Path dataDir;
    private final BitcoinRpc rpc;
    private final int rpcPort;
    private final List<String> command;

    private BcoinRegtest(Process process, Path dataDir, BitcoinRpc rpc, int rpcPort, List<String> command) {
        this.process = process;
        this.dataDir = dataDir;
        this.rpc = rpc;
        this.rpcPort = rpcPort;
        this.command = command;
    }

    public int rpcPort() {
        return rpcPort;
    }

    public static String apiKey() {
        return API_KEY;
    }

    /** A Core JSON-RPC back end on this node. */
    public CoreRpcBackend backend() {
        return new CoreRpcBackend(rpc);
    }

    /** The JSON-RPC URL with its credentials, as a cairn.toml's bitcoin_rpc_url can hold it. */
    public String rpcUrlWithCredentials() {
        return "http://cairn:" + API_KEY + "@127.0.0.1:" + rpcPort + "/";
    }

    public static BcoinRegtest start() throws Exception {
        return start(false);
    }

    /**
     * A node whose chain is on disk ({@code persistent}), so that {@link #restart()} keeps the chain and
     * empties the mempool (bcoin does not keep its mempool across restarts by default).
     */
    public static BcoinRegtest start(boolean persistent) throws Exception {
        return start(persistent, true);
    }

    /** {@code txIndex} false: a node like Bitcoin Core without -txindex (getrawtransaction sees only the mempool). */
    public static BcoinRegtest start(boolean persistent, boolean txIndex) throws Exception {
        Path bcoin = NodePeer.projectRoot().resolve("interop/bcoin/node_modules/bcoin/bin/node");
        if (!Files.exists(bcoin)) throw new AssertionError("bcoin is not installed: run scripts/install-peers (./scripts/test does it)");
        int rpcPort = freePort(), walletPort = freePort(), unused = freePort();
        Path data = Files.createTempDirectory("cairn-bcoin");
        // a persistent node runs without bcoin's own wallet, which would open its database outside --prefix
        List<String> command = List.of("node", bcoin.toString(), "--network=regtest", "--memory=" + !persistent, "--no-wallet=" + persistent, "--workers=false",
                "--http-host=127.0.0.1", "--http-port=" + rpcPort, "--api-key=" + API_KEY, "--wallet-http-port=" + walletPort,
                "--listen=false", "--max-outbound=1", "--only=127.0.0.1:" + unused, "--index-tx=" + txIndex, "--replace-by-fee=true",
                "--prefix=" + data, "--log-level=warning");
        BitcoinRpc rpc = new BitcoinRpc(URI.create("http://127.0.0.1:" + rpcPort + "/"), "x", API_KEY, Duration.ofSeconds(30));
        BcoinRegtest node = new BcoinRegtest(launch(command, data), data, rpc, rpcPort, command);
        node.awaitReady();
        return node;
    }

    private static Process launch(List<String> command, Path data) throws IOException {
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(data.resolve("bcoin.log").toFile())).start();
    }

    private void awaitReady() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                rpc.blockCount();
                return;
            } catch (RuntimeException e) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    String log = log();
                    close();
                    throw new AssertionError("bcoin did not start: " + e.getMessage() + "\n" + log);
                }
                Thread.sleep(100);
            }
        }
    }

    /** Stops the node and starts it again on the same ports and data (an empty mempool, the same chain if persistent). */
    public void restart() throws Exception {
        stop();
        process = launch(command, dataDir);
        awaitReady();
    }

    /** The key's P2WPKH address in bcoin's regtest encoding (bech32, prefix {@code rb}). */
    public static String p2wpkhAddress(ECKey key) {
        String core = org.bitcoinj.base.SegwitAddress.fromHash(org.bitcoinj.base.BitcoinNetwork.REGTEST, key.getPubKeyHash()).toBech32();
        return org.bitcoinj.base.Bech32.encode(org.bitcoinj.base.Bech32.Encoding.BECH32, "rb", org.bitcoinj.base.Bech32.decode(core));
    }

    /** Mines until the chain is at least {@code height} high (segwit is active on bcoin's regtest from 432). */
    public void mineTo(long height, String address) {
        while (rpc.blockCount() < height) rpc.generateToAddress((int) Math.min(200, height - rpc.blockCount()), address);
    }

    public BitcoinRpc rpc() {
        return rpc;
    }

    /** Waits until the node's mempool holds {@code txid} (bcoin answers sendrawtransaction before it decides). */
    public boolean awaitInMempool(String txid) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (rpc.inMempool(txid)) return true;
            Thread.sleep(50);
        }
        return false;
    }

    /** What the node logged (warnings and errors), for failure messages. */
    public String log() {
        try {
            return Files.readString(dataDir.resolve("bcoin.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    /** The key's P2PKH address in bcoin's regtest encoding, for generatetoaddress. */
    public static String p2pkhAddress(ECKey key) throws Exception {
        byte[] payload = new byte[21];
        payload[0] = P2PKH_VERSION;
        System.arraycopy(key.getPubKeyHash(), 0, payload, 1, 20);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] check = sha.digest(sha.digest(payload));
        byte[] full = Arrays.copyOf(payload, 25);
        System.arraycopy(check, 0, full, 21, 4);
        return io.cairn.multiformats.Multibase.BASE58_BTC.encodeBare(full);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void stop() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
        try (var files = Files.walk(dataDir)) {
            List<Path> all = files.sorted(Comparator.reverseOrder()).toList();
            for (Path f : all) Files.deleteIfExists(f);
        } catch (IOException ignored) {
            // a temp folder
        }
    }
}
