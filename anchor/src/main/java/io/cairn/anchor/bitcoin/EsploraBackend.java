package io.cairn.anchor.bitcoin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The Esplora REST back end (Blockstream's and mempool.space's API): {@code /blocks/tip/height},
 * {@code /block-height/N}, {@code /block/HASH[/header|/raw]}, {@code /tx/TXID/hex|/status},
 * {@code POST /tx}, {@code /fee-estimates}. A 404 is "not known"; a 5xx, a timeout or a refused
 * connection is {@code backend_unavailable}; a 400 on broadcast is the back end's rejection.
 */
public final class EsploraBackend implements ChainBackend {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final Duration timeout;
    private final String name;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    public EsploraBackend(URI base, Duration timeout) {
        String s = base.toString();
        this.base = s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
        this.timeout = timeout;
        this.name = "Esplora at " + this.base;
    }

    private record Answer(int status, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8).strip();
        }
    }

    private Answer get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout).GET().build(), path);
    }

    private Answer send(HttpRequest request, String path) {
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw ChainErrors.unavailable(name + " is unreachable (" + path + "): " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ChainErrors.unavailable("interrupted asking " + name + " for " + path, e);
        }
        if (response.statusCode() >= 500 || response.statusCode() == 429) {
            throw ChainErrors.unavailable(name + " answered " + path + " with HTTP " + response.statusCode(), null);
        }
        return new Answer(response.statusCode(), response.body());
    }

    /** The answer of a path that must exist: 404 is {@code backend_not_found}, other non-200 an invalid answer. */
    private Answer must(String path, String what) {
        Answer a = get(path);
        if (a.status == 404) throw ChainErrors.notFound(name + " does not know " + what);
        if (a.status != 200) throw ChainErrors.invalidAnswer(name + " answered " + path + " with HTTP " + a.status + ": " + ChainAnswers.shorten(a.text()));
        return a;
    }

    @Override
    public long tipHeight() {
        String text = must("/blocks/tip/height", "its tip").text();
        if (!text.matches("\\d{1,10}")) throw ChainErrors.invalidAnswer(name + " answered the tip height with " + ChainAnswers.shorten(text));
        return Long.parseLong(text);
    }

    @Override
    public String blockHash(long height) {
        return ChainAnswers.hash(must("/block-height/" + height, "a block at height " + height).text(), "block-height " + height, name);
    }

    @Override
    public long blockHeight(String hash) {
        JsonNode block = json(must("/block/" + hex(hash), "block " + hash), "/block/" + hash);
        JsonNode height = block.get("height");
        if (height == null || !height.canConvertToLong()) throw ChainErrors.invalidAnswer(name + " answered /block/" + hash + " without a height");
        return height.asLong();
    }

    @Override
    public byte[] blockHeader(String hash) {
        return ChainAnswers.header(hash, parseHex(must("/block/" + hex(hash) + "/header", "block " + hash).text(), "/header"), name);
    }

    @Override
    public byte[] block(String hash) {
        return ChainAnswers.block(hash, must("/block/" + hex(hash) + "/raw", "block " + hash).body, name);
    }

    @Override
    public Optional<byte[]> transaction(String txid) {
        Answer a = get("/tx/" + hex(txid) + "/hex");
        if (a.status == 404) return Optional.empty();
        if (a.status != 200) throw ChainErrors.invalidAnswer(name + " answered /tx/" + txid + "/hex with HTTP " + a.status);
        return Optional.of(ChainAnswers.transaction(txid, parseHex(a.text(), "/tx/hex"), name));
    }

    @Override
    public boolean inMempool(String txid) {
        Optional<JsonNode> status = status(txid);
        return status.isPresent() && !status.get().path("confirmed").asBoolean(false);
    }

    @Override
    public void broadcast(byte[] transaction) {
        Answer a = send(HttpRequest.newBuilder(URI.create(base + "/tx")).timeout(timeout)
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(HexFormat.of().formatHex(transaction))).build(), "/tx");
        if (a.status != 200) throw ChainErrors.rejected(name + " refused the transaction (HTTP " + a.status + "): " + ChainAnswers.shorten(a.text()));
    }

    @Override
    public OptionalDouble feeRateEstimate(int targetBlocks) {
        JsonNode estimates = json(must("/fee-estimates", "fee estimates"), "/fee-estimates");
        // the closest target at or below the one asked for (Esplora's keys: 1..25, 144, 504, 1008)
        double best = -1;
        int bestTarget = 0;
        for (var it = estimates.fields(); it.hasNext(); ) {
            var e = it.next();
            int target;
            try {
                target = Integer.parseInt(e.getKey());
            } catch (NumberFormatException ex) {
                continue;
            }
            if (target <= targetBlocks && target > bestTarget && e.getValue().isNumber()) {
                bestTarget = target;
                best = e.getValue().asDouble();
            }
        }
        return best > 0 ? OptionalDouble.of(best) : OptionalDouble.empty();
    }

    @Override
    public Optional<String> blockOf(String txid) {
        Optional<JsonNode> status = status(txid);
        if (status.isEmpty() || !status.get().path("confirmed").asBoolean(false)) return Optional.empty();
        return Optional.of(ChainAnswers.hash(status.get().path("block_hash").asText(null), "/tx/" + txid + "/status", name));
    }

    private Optional<JsonNode> status(String txid) {
        Answer a = get("/tx/" + hex(txid) + "/status");
        if (a.status == 404) return Optional.empty();
        if (a.status != 200) throw ChainErrors.invalidAnswer(name + " answered /tx/" + txid + "/status with HTTP " + a.status);
        return Optional.of(json(a, "/tx/" + txid + "/status"));
    }

    private JsonNode json(Answer a, String path) {
        try {
            JsonNode n = JSON.readTree(a.body);
            if (n == null || !n.isObject()) throw new IOException("not an object");
            return n;
        } catch (IOException e) {
            throw ChainErrors.invalidAnswer(name + " answered " + path + " with something that is not a JSON object");
        }
    }

    private byte[] parseHex(String hex, String path) {
        try {
            return HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw ChainErrors.invalidAnswer(name + " answered " + path + " with something that is not hex");
        }
    }

    /** Hashes go into paths: only hex, never anything a caller could use to change the path. */
    private static String hex(String hash) {
        if (!hash.matches("[0-9a-f]{64}")) throw io.cairn.anchor.AnchorException.badInput("invalid_hash", "not a block or transaction hash: " + ChainAnswers.shorten(hash));
        return hash;
    }
}
