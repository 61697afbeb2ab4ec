package io.cairn.anchor.proof;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.anchor.AnchorException;
import io.cairn.anchor.Digest;
import io.cairn.anchor.merkle.MerklePath;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The JSON form of an {@link AnchorProof}:
 *
 * <pre>{@code
 * {"type": "cairn-anchor-proof", "version": 1, "digest": HEX,
 *  "batch": {"root": HEX, "index": N, "size": N, "path": [{"side": "left"|"right", "hash": HEX}, ...]},
 *  "transaction": {"txid": HEX, "hex": HEX},
 *  "block": {"height": N, "hash": HEX, "time": N, "header": HEX, "txIndex": N, "branch": [HEX, ...]}}
 * }</pre>
 *
 * Hashes in {@code path} and {@code branch} are in the byte order they are hashed in; {@code txid} and
 * the block {@code hash} in display order. The derived fields (root, txid, block hash, time) are for
 * readers; when present they must agree with what they derive from.
 */
final class ProofJson {
    static final String TYPE = "cairn-anchor-proof";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();

    private ProofJson() {}

    static String encode(AnchorProof p) {
        ObjectNode root = JSON.createObjectNode();
        root.put("type", TYPE).put("version", 1).put("digest", p.leaf().hex());
        ObjectNode batch = root.putObject("batch");
        batch.put("root", p.root().hex()).put("index", p.path().index()).put("size", p.path().treeSize());
        ArrayNode steps = batch.putArray("path");
        List<byte[]> siblings = p.path().siblings();
        for (int i = 0; i < siblings.size(); i++) {
            steps.addObject().put("side", p.path().siblingOnLeft().get(i) ? "left" : "right").put("hash", HEX.formatHex(siblings.get(i)));
        }
        root.putObject("transaction").put("txid", p.txid()).put("hex", HEX.formatHex(p.transaction()));
        BlockHeader header = p.blockHeader();
        ObjectNode block = root.putObject("block");
        block.put("height", p.height()).put("hash", header.hashHex()).put("time", header.time()).put("header", header.hex())
                .put("txIndex", p.inclusion().index());
        ArrayNode branch = block.putArray("branch");
        p.inclusion().siblings().forEach(s -> branch.add(HEX.formatHex(s)));
        return root.toString();
    }

    static AnchorProof decode(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw invalid("not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) throw invalid("not a JSON object");
        if (!TYPE.equals(root.path("type").asText())) throw invalid("\"type\" is not \"" + TYPE + "\"");
        if (root.path("version").asInt(-1) != 1) throw invalid("unknown version " + root.path("version"));
        Digest leaf = Digest.of(hex(root, "digest", 32));
        JsonNode batch = object(root, "batch");
        List<byte[]> siblings = new ArrayList<>();
        List<Boolean> left = new ArrayList<>();
        for (JsonNode step : array(batch, "path")) {
            String side = text(step, "side");
            if (!side.equals("left") && !side.equals("right")) throw invalid("a path step's side is \"" + side + "\", not left or right");
            left.add(side.equals("left"));
            siblings.add(hex(step, "hash", 32));
        }
        MerklePath path = MerklePath.of(number(batch, "index"), number(batch, "size"), siblings, left);
        JsonNode tx = object(root, "transaction");
        JsonNode block = object(root, "block");
        List<byte[]> branch = new ArrayList<>();
        for (JsonNode b : array(block, "branch")) {
            if (!b.isTextual()) throw invalid("block.branch holds a non-string");
            branch.add(hexValue(b.asText(), "block.branch", 32));
        }
        long txIndex = number(block, "txIndex");
        if (txIndex > Integer.MAX_VALUE) throw invalid("block.txIndex " + txIndex);
        AnchorProof proof = new AnchorProof(leaf, path, hex(tx, "hex", -1), new BlockInclusion((int) txIndex, branch),
                hex(block, "header", BlockHeader.LENGTH), number(block, "height"));
        agree(batch, "root", proof.root().hex());
        agree(tx, "txid", proof.txid());
        agree(block, "hash", proof.blockHeader().hashHex());
        if (block.has("time") && block.get("time").asLong(-1) != proof.blockHeader().time()) {
            throw invalid("block.time " + block.get("time") + " is not the header's time " + proof.blockHeader().time());
        }
        return proof;
    }

    private static void agree(JsonNode node, String field, String derived) {
        if (node.has(field) && !derived.equalsIgnoreCase(node.get(field).asText())) {
            throw invalid(field + " " + node.get(field).asText() + " does not match the proof, which gives " + derived);
        }
    }

    private static JsonNode object(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isObject()) throw invalid("\"" + field + "\" is missing or not an object");
        return v;
    }

    private static JsonNode array(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isArray()) throw invalid("\"" + field + "\" is missing or not an array");
        return v;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) throw invalid("\"" + field + "\" is missing or not a string");
        return v.asText();
    }

    private static long number(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.canConvertToLong() || !v.isIntegralNumber() || v.asLong() < 0) {
            throw invalid("\"" + field + "\" is missing or not a non-negative integer");
        }
        return v.asLong();
    }

    private static byte[] hex(JsonNode node, String field, int length) {
        return hexValue(text(node, field), field, length);
    }

    private static byte[] hexValue(String s, String field, int length) {
        byte[] b;
        try {
            b = HEX.parseHex(s);
        } catch (IllegalArgumentException e) {
            throw invalid("\"" + field + "\" is not hexadecimal");
        }
        if (length >= 0 && b.length != length) throw invalid("\"" + field + "\" is " + b.length + " bytes, not " + length);
        return b;
    }

    private static AnchorException invalid(String detail) {
        return AnchorException.badInput("invalid_proof", "invalid JSON proof: " + detail);
    }
}
