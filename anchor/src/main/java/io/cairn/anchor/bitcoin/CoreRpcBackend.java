package io.cairn.anchor.bitcoin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The Bitcoin Core JSON-RPC back end (bcoin answers the same calls). Tolerates bcoin's differences:
 * "not found" as code -1 rather than -5, {@code estimatesmartfee} with one parameter and {@code fee}
 * instead of {@code feerate}, {@code sendrawtransaction} answering before the node has decided.
 */
public final class CoreRpcBackend implements ChainBackend {
    private static final int CORE_NOT_FOUND = -5;
    private static final int CORE_INVALID_PARAMETER = -8;
    private static final int MISC_ERROR = -1;
    private static final int VERIFY_REJECTED = -26;
    private static final int VERIFY_ERROR = -25;
    private static final int ALREADY_IN_CHAIN = -27;

    private final BitcoinRpc rpc;
    private final String name;

    public CoreRpcBackend(BitcoinRpc rpc) {
        this.rpc = rpc;
        this.name = "Bitcoin node at " + rpc.url();
    }

    @Override
    public long tipHeight() {
        JsonNode n = rpc.call("getblockcount");
        if (!n.canConvertToLong() || n.asLong() < 0) throw ChainErrors.invalidAnswer(name + " answered getblockcount with " + n);
        return n.asLong();
    }

    @Override
    public String blockHash(long height) {
        try {
            return ChainAnswers.hash(rpc.call("getblockhash", height).asText(null), "getblockhash " + height, name);
        } catch (BitcoinRpc.RpcError e) {
            if (e.rpcCode() == CORE_INVALID_PARAMETER || notFound(e)) throw ChainErrors.notFound(name + " has no block at height " + height);
            throw e;
        }
    }

    @Override
    public long blockHeight(String hash) {
        JsonNode header = withNotFound(() -> rpc.call("getblockheader", hash, true), "block " + hash);
        JsonNode height = header.get("height");
        if (height == null || !height.canConvertToLong()) throw ChainErrors.invalidAnswer(name + " answered getblockheader " + hash + " without a height");
        return height.asLong();
    }

    @Override
    public byte[] blockHeader(String hash) {
        String hex = withNotFound(() -> rpc.call("getblockheader", hash, false), "block " + hash).asText("");
        return ChainAnswers.header(hash, hex(hex, "getblockheader"), name);
    }

    @Override
    public byte[] block(String hash) {
        String hex = withNotFound(() -> rpc.call("getblock", hash, false), "block " + hash).asText("");
        return ChainAnswers.block(hash, hex(hex, "getblock"), name);
    }

    @Override
    public Optional<byte[]> transaction(String txid) {
        try {
            return Optional.of(ChainAnswers.transaction(txid, hex(rpc.call("getrawtransaction", txid, false).asText(""), "getrawtransaction"), name));
        } catch (BitcoinRpc.RpcError e) {
            if (notFound(e)) return Optional.empty();
            throw e;
        }
    }

    @Override
    public boolean inMempool(String txid) {
        try {
            JsonNode entry = rpc.call("getmempoolentry", txid);
            return entry != null && entry.isObject();
        } catch (BitcoinRpc.RpcError e) {
            if (notFound(e)) return false;
            throw e;
        }
    }

    @Override
    public void broadcast(byte[] transaction) {
        try {
            rpc.call("sendrawtransaction", HexFormat.of().formatHex(transaction));
        } catch (BitcoinRpc.RpcError e) {
            if (e.rpcCode() == ALREADY_IN_CHAIN) return;
            if (e.rpcCode() == VERIFY_REJECTED || e.rpcCode() == VERIFY_ERROR || e.rpcCode() == MISC_ERROR) {
                throw ChainErrors.rejected(name + " refused the transaction: " + e.getMessage());
            }
            throw e;
        }
    }

    @Override
    public OptionalDouble feeRateEstimate(int targetBlocks) {
        JsonNode answer = rpc.call("estimatesmartfee", targetBlocks);
        // Core: {"feerate": BTC/kvB} or {"errors": [...]}; bcoin: {"fee": BTC/kB, -1 without data}
        JsonNode rate = answer.has("feerate") ? answer.get("feerate") : answer.get("fee");
        if (rate == null || !rate.isNumber() || rate.asDouble() <= 0) return OptionalDouble.empty();
        return OptionalDouble.of(rate.asDouble() * 100_000_000 / 1000);
    }

    @Override
    public Optional<String> blockOf(String txid) {
        JsonNode tx;
        try {
            tx = rpc.call("getrawtransaction", txid, true);
        } catch (BitcoinRpc.RpcError e) {
            if (notFound(e)) return Optional.empty();
            throw e;
        }
        String hash = tx.path("blockhash").asText("");
        if (hash.isEmpty()) return Optional.empty();
        ChainAnswers.hash(hash, "getrawtransaction " + txid, name);
        // a transaction index remembers the block even when it left the best chain
        if (tx.path("confirmations").asLong(1) <= 0) return Optional.empty();
        return Optional.of(hash);
    }

    private static boolean notFound(BitcoinRpc.RpcError e) {
        if (e.rpcCode() == CORE_NOT_FOUND) return true;
        String m = e.getMessage().toLowerCase(java.util.Locale.ROOT);
        return e.rpcCode() == MISC_ERROR && (m.contains("not found") || m.contains("not in mempool"));
    }

    private JsonNode withNotFound(java.util.function.Supplier<JsonNode> call, String what) {
        try {
            return call.get();
        } catch (BitcoinRpc.RpcError e) {
            if (notFound(e)) throw ChainErrors.notFound(name + " does not know " + what);
            throw e;
        }
    }

    private byte[] hex(String hex, String method) {
        try {
            return HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw ChainErrors.invalidAnswer(name + " answered " + method + " with something that is not hex");
        }
    }
}
