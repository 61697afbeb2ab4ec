package io.cairn.node.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The node's whole configuration, typed and immutable: Cairn's own {@code [node]} section and the
 * deployment plan's {@code [storage.decentralized]} section. Built by {@link ConfigLoader}.
 */
public record CairnConfig(Node node, Decentralized decentralized) {

    /** {@code [node]}: where the repo lives and how the HTTP server listens. */
    public record Node(Path repo, String httpHost, int httpPort, int maxHeaderBytes, Duration shutdownGrace) {}

    /** {@code [storage.decentralized]}: the deployment plan's keys. */
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
            int queryTimeoutSeconds) {}

    /** A fee rate in satoshis per virtual byte, as written {@code "10 sat/vB"}. */
    public record FeeRate(double satPerVbyte) {
        @Override
        public String toString() {
            return satPerVbyte + " sat/vB";
        }
    }

    public static final int DEFAULT_PORT = 3000;
}
