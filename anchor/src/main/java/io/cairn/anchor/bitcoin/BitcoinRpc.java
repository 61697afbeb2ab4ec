package io.cairn.anchor.bitcoin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.anchor.AnchorException;
import io.cairn.error.CairnException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

/**
 * A Bitcoin Core JSON-RPC client (also answered by bcoin). Errors come back as
 * {@link AnchorException}s: a node that cannot be reached is {@code backend_unavailable}, an RPC error
 * is {@code backend_error} with the node's code and message. Tolerates bcoin's differences: errors
 * with HTTP 200, "not found" as code -1. Credentials: a user and password, or a cookie file (Bitcoin
 * Core's {@code .cookie}, read again for every call because the node rewrites it when it restarts).
 */
public final class BitcoinRpc {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An error the node answered: its JSON-RPC code and message. */
    public static final class RpcError extends AnchorException {
        private final int rpcCode;

        RpcError(String method, int rpcCode, String message) {
            super(CairnException.Kind.STORAGE, ChainErrors.ERROR, "Bitcoin node rejected " + method + ": " + message + " (code " + rpcCode + ")");
            this.rpcCode = rpcCode;
        }

        public int rpcCode() {
            return rpcCode;
        }
    }

    private final URI url;
    private final Supplier<String> authorization;
    // HTTP/1.1: an h2c upgrade request makes some nodes (bcoin) drop the connection
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private final Duration timeout;

    public BitcoinRpc(URI url, String user, String password, Duration timeout) {
        this(url, () -> basic(user + ":" + password), timeout);
    }

    private BitcoinRpc(URI url, Supplier<String> authorization, Duration timeout) {
        this.url = url;
        this.authorization = authorization;
        this.timeout = timeout;
    }

    /** Authenticates with Bitcoin Core's cookie file ({@code user:password} on one line). */
    public static BitcoinRpc withCookie(URI url, Path cookieFile, Duration timeout) {
        return new BitcoinRpc(url, () -> {
            try {
                return basic(Files.readString(cookieFile).strip());
            } catch (IOException e) {
                throw new AnchorException(CairnException.Kind.STORAGE, ChainErrors.UNAUTHORIZED, "cannot read the Bitcoin RPC cookie file " + cookieFile + ": " + e.getMessage(), e);
            }
        }, timeout);
    }

    private static String basic(String userPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userPassword.getBytes(StandardCharsets.UTF_8));
    }

    public URI url() {
        return url;
    }

    /** Calls {@code method} with positional parameters and returns its {@code result}. */
    public JsonNode call(String method, Object... params) {
        ObjectNode request = JSON.createObjectNode();
        request.put("jsonrpc", "1.0").put("id", "cairn").put("method", method);
        ArrayNode p = request.putArray("params");
        for (Object o : params) p.addPOJO(o);
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(url).timeout(timeout)
                    .header("Authorization", authorization.get()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(request))).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw ChainErrors.unavailable("Bitcoin node at " + url + " is unreachable (" + method + "): " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AnchorException(CairnException.Kind.INTERNAL, "interrupted", "interrupted calling " + method);
        }
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new AnchorException(CairnException.Kind.STORAGE, ChainErrors.UNAUTHORIZED, "Bitcoin node at " + url + " refused the credentials");
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            if (response.statusCode() >= 500) throw ChainErrors.unavailable("Bitcoin node at " + url + " answered " + method + " with HTTP " + response.statusCode(), null);
            throw ChainErrors.invalidAnswer("Bitcoin node answered " + method + " with something that is not JSON (HTTP " + response.statusCode() + ")");
        }
        JsonNode error = body == null ? null : body.get("error");
        if (error != null && !error.isNull()) {
            throw new RpcError(method, error.path("code").asInt(), error.path("message").asText());
        }
        if (body == null || !body.has("result")) {
            if (response.statusCode() >= 500) throw ChainErrors.unavailable("Bitcoin node at " + url + " answered " + method + " with HTTP " + response.statusCode(), null);
            throw ChainErrors.invalidAnswer("Bitcoin node answered " + method + " without a result");
        }
        return body.get("result");
    }

    public long blockCount() {
        return call("getblockcount").asLong();
    }

    public String blockHash(long height) {
        return call("getblockhash", height).asText();
    }

    /** The 80-byte header of a block. */
    public byte[] blockHeader(String hash) {
        byte[] h = HexFormat.of().parseHex(call("getblockheader", hash, false).asText());
        if (h.length != 80) throw new AnchorException(CairnException.Kind.STORAGE, "backend_error", "block header of " + h.length + " bytes");
        return h;
    }

    /** The serialized block. */
    public byte[] block(String hash) {
        return HexFormat.of().parseHex(call("getblock", hash, false).asText());
    }

    /** Broadcasts a transaction; returns the txid the node reports (verify acceptance with {@link #inMempool}). */
    public String sendRawTransaction(byte[] tx) {
        return call("sendrawtransaction", HexFormat.of().formatHex(tx)).asText();
    }

    public boolean inMempool(String txid) {
        for (JsonNode id : call("getrawmempool")) if (id.asText().equals(txid)) return true;
        return false;
    }

    public List<String> generateToAddress(int blocks, String address) {
        List<String> out = new ArrayList<>();
        for (JsonNode h : call("generatetoaddress", blocks, address)) out.add(h.asText());
        return out;
    }
}
