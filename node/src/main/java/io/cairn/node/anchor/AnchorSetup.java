package io.cairn.node.anchor;

import io.cairn.anchor.bitcoin.AnchorService;
import io.cairn.anchor.bitcoin.AnchorWallet;
import io.cairn.anchor.bitcoin.BitcoinRpc;
import io.cairn.anchor.queue.AnchorQueue;
import io.cairn.error.CairnException;
import io.cairn.node.config.CairnConfig;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bitcoinj.base.BitcoinNetwork;
import org.bitcoinj.crypto.DumpedPrivateKey;
import org.bitcoinj.crypto.ECKey;

/** Builds the anchoring parts (Bitcoin node client, wallet key, service) from the config's bitcoin_* keys, for the CLI and the node. */
public final class AnchorSetup {
    private AnchorSetup() {}

    /** The config keys anchoring needs and the config lacks; empty when the service can run. */
    public static List<String> missingKeys(CairnConfig.Decentralized d) {
        List<String> missing = new ArrayList<>();
        if (d.bitcoinRpcUrl() == null) missing.add("bitcoin_rpc_url");
        if (d.bitcoinWalletKey() == null) missing.add("bitcoin_wallet_key");
        return missing;
    }

    public static BitcoinRpc rpc(CairnConfig.Decentralized d) {
        if (d.bitcoinRpcUrl() == null) throw missing("bitcoin_rpc_url");
        URI url = URI.create(d.bitcoinRpcUrl());
        String user = d.bitcoinRpcUser(), password = d.bitcoinRpcPassword();
        if (url.getUserInfo() != null) {
            String[] parts = url.getUserInfo().split(":", 2);
            user = parts[0];
            password = parts.length > 1 ? parts[1] : "";
            url = URI.create(url.getScheme() + "://" + url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : "") + (url.getPath().isEmpty() ? "/" : url.getPath()));
        }
        return new BitcoinRpc(url, user == null ? "" : user, password == null ? "" : password, Duration.ofSeconds(d.queryTimeoutSeconds()));
    }

    public static ECKey key(CairnConfig.Decentralized d) {
        if (d.bitcoinWalletKey() == null) throw missing("bitcoin_wallet_key");
        try {
            return DumpedPrivateKey.fromBase58(network(d), d.bitcoinWalletKey()).getKey();
        } catch (RuntimeException e) {
            throw new CairnException(CairnException.Kind.BAD_INPUT, "invalid_config",
                    "storage.decentralized.bitcoin_wallet_key is not a WIF private key for " + d.bitcoinNetwork());
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
        BitcoinRpc rpc = rpc(d);
        double fee = d.bitcoinFeeRate() == null ? 10 : d.bitcoinFeeRate().satPerVbyte();
        return new AnchorService(queue, rpc, new AnchorWallet(key(d), rpc, d.bitcoinWalletBirthHeight()),
                new AnchorService.Settings(d.bitcoinBatchSize(), d.bitcoinAnchorFrequency(), d.bitcoinConfirmations(), fee), Clock.systemUTC());
    }

    private static CairnException missing(String key) {
        return new CairnException(CairnException.Kind.BAD_INPUT, "invalid_config", "anchoring needs storage.decentralized." + key + " in the config");
    }
}
