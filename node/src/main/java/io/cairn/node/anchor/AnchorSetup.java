package io.cairn.node.anchor;

import io.cairn.anchor.AnchorException;
import io.cairn.anchor.bitcoin.AnchorService;
import io.cairn.anchor.bitcoin.AnchorWallet;
import io.cairn.anchor.bitcoin.ChainBackend;
import io.cairn.anchor.bitcoin.ChainBackends;
import io.cairn.anchor.bitcoin.FeePolicy;
import io.cairn.anchor.bitcoin.RetryPolicy;
import io.cairn.anchor.bitcoin.WalletKey;
import io.cairn.anchor.proof.BlockHeader;
import io.cairn.anchor.proof.HeaderSource;
import io.cairn.anchor.queue.AnchorQueue;
import io.cairn.error.CairnException;
import io.cairn.node.config.CairnConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bitcoinj.base.BitcoinNetwork;

/**
 * Builds the anchoring parts (the chain back end, the wallet key, the service) from the config's
 * bitcoin_* keys, for the CLI and for {@code cairn serve}.
 */
public final class AnchorSetup {
    private AnchorSetup() {}

    /** The config keys anchoring needs and the config lacks; empty when the service can run. */
    public static List<String> missingKeys(CairnConfig.Decentralized d) {
        List<String> missing = new ArrayList<>();
        if (!chainConfigured(d)) missing.add(d.bitcoinBackend().kind().equals("esplora") ? "bitcoin_esplora_url" : "bitcoin_rpc_url");
        if (d.bitcoinWalletKey() == null) missing.add("bitcoin_wallet_key");
        return missing;
    }

    public static boolean chainConfigured(CairnConfig.Decentralized d) {
        return d.bitcoinBackend().kind().equals("esplora") ? d.bitcoinBackend().esploraUrl() != null : d.bitcoinRpcUrl() != null;
    }

    /** The configured back end (JSON-RPC or Esplora), checked to serve the configured network. */
    public static ChainBackend chain(CairnConfig.Decentralized d) {
        CairnConfig.BitcoinBackend b = d.bitcoinBackend();
        Duration timeout = Duration.ofSeconds(d.queryTimeoutSeconds());
        ChainBackend chain;
        if (b.kind().equals("esplora")) {
            if (b.esploraUrl() == null) throw missing("bitcoin_esplora_url");
            chain = ChainBackends.esplora(b.esploraUrl(), timeout);
        } else {
            if (d.bitcoinRpcUrl() == null) throw missing("bitcoin_rpc_url");
            chain = ChainBackends.rpc(d.bitcoinRpcUrl(), d.bitcoinRpcUser(), d.bitcoinRpcPassword(),
                    b.rpcCookieFile() == null ? null : Path.of(b.rpcCookieFile()), timeout);
        }
        return ChainBackends.requireNetwork(chain, network(d));
    }

    public static WalletKey key(CairnConfig.Decentralized d) {
        if (d.bitcoinWalletKey() == null) throw missing("bitcoin_wallet_key");
        try {
            return WalletKey.parse(d.bitcoinWalletKey(), network(d));
        } catch (AnchorException e) {
            throw new CairnException(CairnException.Kind.BAD_INPUT, "invalid_config", "storage.decentralized.bitcoin_wallet_key: " + e.getMessage());
        }
    }

    public static BitcoinNetwork network(CairnConfig.Decentralized d) {
        return switch (d.bitcoinNetwork()) {
            case "mainnet" -> BitcoinNetwork.MAINNET;
            case "testnet", "testnet4" -> BitcoinNetwork.TESTNET;
            case "signet" -> BitcoinNetwork.SIGNET;
            default -> BitcoinNetwork.REGTEST;
        };
    }

    public static AnchorService service(AnchorQueue queue, CairnConfig.Decentralized d) {
        return service(queue, d, chain(d));
    }

    public static AnchorService service(AnchorQueue queue, CairnConfig.Decentralized d, ChainBackend chain) {
        CairnConfig.BitcoinBackend b = d.bitcoinBackend();
        FeePolicy fees = d.bitcoinFeeRate() == null
                ? FeePolicy.estimated(6, b.feeRateFloor().satPerVbyte(), b.feeRateCeiling().satPerVbyte())
                : new FeePolicy(d.bitcoinFeeRate().satPerVbyte(), 6, Math.min(b.feeRateFloor().satPerVbyte(), d.bitcoinFeeRate().satPerVbyte()),
                        Math.max(b.feeRateCeiling().satPerVbyte(), d.bitcoinFeeRate().satPerVbyte()));
        return new AnchorService(queue, chain, new AnchorWallet(key(d), chain, d.bitcoinWalletBirthHeight()),
                new AnchorService.Settings(d.bitcoinBatchSize(), d.bitcoinAnchorFrequency(), d.bitcoinConfirmations(), fees,
                        b.feeBumpAfter(), RetryPolicy.DEFAULT), Clock.systemUTC());
    }

    /** Headers from a back end, trusted as it is (each checked against its hash). */
    public static HeaderSource chainHeaders(ChainBackend chain) {
        return height -> BlockHeader.of(chain.blockHeader(chain.blockHash(height)));
    }

    public static CairnException missing(String key) {
        return new CairnException(CairnException.Kind.BAD_INPUT, "invalid_config", "anchoring needs storage.decentralized." + key + " in the config");
    }
}
