package io.cairn.anchor.bitcoin;

import io.cairn.anchor.AnchorException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.bitcoinj.base.BitcoinNetwork;

/** Opens the back end the config names, and checks it serves the configured network. */
public final class ChainBackends {
    private ChainBackends() {}

    /**
     * A Bitcoin Core JSON-RPC back end. Credentials, by precedence: in the URL
     * ({@code http://user:password@host:port/}), then {@code user}/{@code password}, then the cookie file.
     */
    public static CoreRpcBackend rpc(String url, String user, String password, Path cookieFile, Duration timeout) {
        URI uri = URI.create(url);
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
            password = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "";
        }
        URI bare = URI.create(uri.getScheme() + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "")
                + (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath()));
        if (user == null && password == null && cookieFile != null) return new CoreRpcBackend(BitcoinRpc.withCookie(bare, cookieFile, timeout));
        return new CoreRpcBackend(new BitcoinRpc(bare, user == null ? "" : user, password == null ? "" : password, timeout));
    }

    public static EsploraBackend esplora(String url, Duration timeout) {
        return new EsploraBackend(URI.create(url), timeout);
    }

    /** Fails clearly when the back end serves another network than the configured one (a mainnet key on regtest, say). */
    public static <B extends ChainBackend> B requireNetwork(B backend, BitcoinNetwork expected) {
        BitcoinNetwork actual = backend.network();
        if (actual != expected) {
            throw new AnchorException(io.cairn.error.CairnException.Kind.BAD_INPUT, "backend_wrong_network",
                    "the Bitcoin back end serves " + actual + ", the config says " + expected);
        }
        return backend;
    }
}
