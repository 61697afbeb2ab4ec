package io.cairn.node.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The node's whole configuration, typed and immutable: Cairn's own {@code [node]} section and the
 * deployment plan's {@code [storage.decentralized]} section. Built by {@link ConfigLoader}; command-line
 * flags apply through the withers.
 */
public record CairnConfig(Node node, Decentralized decentralized, Dwn dwn) {
    public static final int DEFAULT_PORT = 3000;
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final Path DEFAULT_REPO = Path.of("cairn-data");

    /** Embedded, local defaults: what {@code cairn serve} runs with when there is no file. */
    public static CairnConfig defaults() {
        return ConfigLoader.parse("", "defaults", java.util.Map.of());
    }

    /** A configuration with the DWN endpoint's defaults. */
    public CairnConfig(Node node, Decentralized decentralized) {
        this(node, decentralized, Dwn.DEFAULTS);
    }

    public CairnConfig withNode(Node node) {
        return new CairnConfig(node, decentralized, dwn);
    }

    public CairnConfig withDwn(Dwn dwn) {
        return new CairnConfig(node, decentralized, dwn);
    }

    /**
     * The DWN endpoint's limits and policy, Cairn's own {@code dwn_*} keys of {@code [storage.decentralized]}:
     * the largest record data accepted in one request ({@code maxDataSize}, else 413), how long a request
     * body may stall before 408 ({@code bodyReadTimeout}), the subscriptions one WebSocket may hold, the
     * tenants served ({@code tenants}: null means any DID, else only these get past the SDK's 401), the
     * did:dht gateway the DID resolver asks, the URL {@code GET /info} reports, and whether each message's
     * commit is fsynced before it is acknowledged ({@code syncWrites}; without it a killed process still
     * loses nothing, but a power cut may lose the last acknowledged messages).
     */
    public record Dwn(long maxDataSize, Duration bodyReadTimeout, int maxSubscriptionsPerConnection, List<String> tenants,
                      String didDhtGateway, String baseUrl, boolean syncWrites) {
        public static final long DEFAULT_MAX_DATA_SIZE = 1L << 30;
        public static final String DEFAULT_DID_DHT_GATEWAY = "https://diddht.tbddev.org";
        public static final Dwn DEFAULTS = new Dwn(DEFAULT_MAX_DATA_SIZE, Duration.ofSeconds(30), 100, null, DEFAULT_DID_DHT_GATEWAY, null, true);

        public Dwn {
            if (tenants != null) tenants = List.copyOf(tenants);
        }

        /** Whether every DID is served ({@code dwn_tenants = "open"}). */
        public boolean openToAllTenants() {
            return tenants == null;
        }

        public Dwn withMaxDataSize(long bytes) {
            return new Dwn(bytes, bodyReadTimeout, maxSubscriptionsPerConnection, tenants, didDhtGateway, baseUrl, syncWrites);
        }

        public Dwn withBodyReadTimeout(Duration timeout) {
            return new Dwn(maxDataSize, timeout, maxSubscriptionsPerConnection, tenants, didDhtGateway, baseUrl, syncWrites);
        }

        public Dwn withMaxSubscriptionsPerConnection(int max) {
            return new Dwn(maxDataSize, bodyReadTimeout, max, tenants, didDhtGateway, baseUrl, syncWrites);
        }

        public Dwn withSyncWrites(boolean sync) {
            return new Dwn(maxDataSize, bodyReadTimeout, maxSubscriptionsPerConnection, tenants, didDhtGateway, baseUrl, sync);
        }

        public Dwn withTenants(List<String> allowed) {
            return new Dwn(maxDataSize, bodyReadTimeout, maxSubscriptionsPerConnection, allowed, didDhtGateway, baseUrl, syncWrites);
        }
    }

    /**
     * {@code [node]}: where the repo lives, how the HTTP server listens ({@code maxHeaderBytes}: the
     * largest request line and header block accepted), and how long shutdown waits for requests in flight.
     */
    public record Node(Path repo, String httpHost, int httpPort, int maxHeaderBytes, Duration shutdownGrace) {
        public Node withRepo(Path repo) {
            return new Node(repo, httpHost, httpPort, maxHeaderBytes, shutdownGrace);
        }

        public Node withHttpHost(String host) {
            return new Node(repo, host, httpPort, maxHeaderBytes, shutdownGrace);
        }

        public Node withHttpPort(int port) {
            return new Node(repo, httpHost, port, maxHeaderBytes, shutdownGrace);
        }

        public Node withShutdownGrace(Duration grace) {
            return new Node(repo, httpHost, httpPort, maxHeaderBytes, grace);
        }
    }

    /** {@code [storage.decentralized]}: the deployment plan's keys. Null means "not configured". */
    public record Decentralized(
            String dwnMessageStorePath,
            String dwnDataStorePath,
            String dwnEventLogPath,
            String dwnEncryptionAlgorithm,
            List<String> ipfsEndpoints,
            boolean ipfsDhtEnabled,
            boolean ipfsBitswapEnabled,
            String ipfsContentRouting,
            List<PinService> pinServices,
            String bitcoinNetwork,
            String bitcoinRpcUrl,
            String bitcoinRpcUser,
            String bitcoinRpcPassword,
            String bitcoinWalletKey,
            Duration bitcoinAnchorFrequency,
            int bitcoinBatchSize,
            FeeRate bitcoinFeeRate,
            int bitcoinConfirmations,
            long bitcoinWalletBirthHeight,
            int cacheSizeMb,
            int batchSize,
            int maxConcurrentOperations,
            int queryTimeoutSeconds,
            BitcoinBackend bitcoinBackend) {

        /** Secrets (RPC password, wallet key, pin service credentials) never reach a log line. */
        @Override
        public String toString() {
            return "Decentralized[dwnMessageStorePath=" + dwnMessageStorePath + ", dwnDataStorePath=" + dwnDataStorePath
                    + ", dwnEventLogPath=" + dwnEventLogPath + ", dwnEncryptionAlgorithm=" + dwnEncryptionAlgorithm
                    + ", ipfsEndpoints=" + ipfsEndpoints + ", ipfsDhtEnabled=" + ipfsDhtEnabled
                    + ", ipfsBitswapEnabled=" + ipfsBitswapEnabled + ", ipfsContentRouting=" + ipfsContentRouting
                    + ", pinServices=" + pinServices + ", bitcoinNetwork=" + bitcoinNetwork + ", bitcoinRpcUrl=" + bitcoinRpcUrl
                    + ", bitcoinRpcUser=" + bitcoinRpcUser + ", bitcoinRpcPassword=" + redacted(bitcoinRpcPassword)
                    + ", bitcoinWalletKey=" + redacted(bitcoinWalletKey) + ", bitcoinAnchorFrequency=" + bitcoinAnchorFrequency
                    + ", bitcoinBatchSize=" + bitcoinBatchSize + ", bitcoinFeeRate=" + bitcoinFeeRate
                    + ", bitcoinConfirmations=" + bitcoinConfirmations + ", bitcoinWalletBirthHeight=" + bitcoinWalletBirthHeight
                    + ", cacheSizeMb=" + cacheSizeMb
                    + ", batchSize=" + batchSize + ", maxConcurrentOperations=" + maxConcurrentOperations
                    + ", queryTimeoutSeconds=" + queryTimeoutSeconds + ", bitcoinBackend=" + bitcoinBackend + "]";
        }
    }

    /**
     * Which Bitcoin back end anchoring talks to and how it pays: {@code kind} is {@code rpc} (Bitcoin
     * Core JSON-RPC at {@code bitcoin_rpc_url}, optionally authenticated by {@code rpcCookieFile}) or
     * {@code esplora} ({@code esploraUrl}); without {@code bitcoin_fee_rate}, the back end's estimate is
     * used, kept between {@code feeRateFloor} and {@code feeRateCeiling}; an anchor unconfirmed after
     * {@code feeBumpAfter} is replaced with a higher fee.
     */
    public record BitcoinBackend(String kind, String esploraUrl, String rpcCookieFile, Duration feeBumpAfter,
            FeeRate feeRateFloor, FeeRate feeRateCeiling) {}

    /** A fee rate in satoshis per virtual byte, as written {@code "10 sat/vB"}. */
    public record FeeRate(double satPerVbyte) {
        @Override
        public String toString() {
            return satPerVbyte + " sat/vB";
        }
    }

    static String redacted(String secret) {
        return secret == null ? "null" : "<redacted>";
    }
}
