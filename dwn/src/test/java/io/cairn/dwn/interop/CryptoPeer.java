package io.cairn.dwn.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.interop.NodePeer;

import java.time.Duration;

/**
 * dwn-sdk-js 0.5.2's JOSE layer and @web5/dids as a long-running peer ({@code interop/dwn/crypto-peer.mjs}
 * on the machine's Node 20): it creates DIDs, signs and verifies General JWSs and resolves DIDs with the
 * SDK's own code, so Cairn's {@code jose} and {@code did} packages are compared with it in the same run.
 * Fails (never skips) when node or the SDK is not installed.
 */
public final class CryptoPeer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCRIPT = "../dwn/crypto-peer.mjs";

    private final NodePeer peer;

    private CryptoPeer(NodePeer peer) {
        this.peer = peer;
    }

    public static CryptoPeer start() {
        return new CryptoPeer(NodePeer.start(SdkPeer.machineNode(), Duration.ofMinutes(2), SCRIPT));
    }

    /** A DID created by @web5/dids ({@code method} key, jwk or dht), in its portable form: uri, document, privateKeys. */
    public JsonNode createDid(String method, String algorithm, ObjectNode options) {
        ObjectNode request = request("did.create").put("method", method);
        if (algorithm != null) request.put("algorithm", algorithm);
        if (options != null) request.set("options", options);
        return send(request);
    }

    /** The JS UniversalResolver's result (did:dht through {@code gatewayUri} when given). */
    public JsonNode resolve(String did, String gatewayUri) {
        ObjectNode request = request("resolve").put("did", did);
        if (gatewayUri != null) request.put("gatewayUri", gatewayUri);
        return send(request);
    }

    /** A General JWS built by the SDK's GeneralJwsBuilder; each signer is {privateJwk, keyId, algorithm?}. */
    public ObjectNode sign(String payloadBase64Url, ArrayNode signers) {
        ObjectNode request = request("jws.sign").put("payload", payloadBase64Url);
        request.set("signers", signers);
        return (ObjectNode) send(request).get("jws");
    }

    /** The SDK's verdict: {signers: [...]} or {rejected: message}. */
    public JsonNode verify(JsonNode jws, String gatewayUri) {
        ObjectNode request = request("jws.verify");
        request.set("jws", jws);
        if (gatewayUri != null) request.put("gatewayUri", gatewayUri);
        return send(request);
    }

    /** {@code Jws.getSignerDid(entry)}: {did} or {threw}. */
    public JsonNode signerDid(JsonNode entry) {
        ObjectNode request = request("jws.kid");
        request.set("entry", entry);
        return send(request);
    }

    /** {@code signatureAlgorithms[crv].sign}: base64url signature. */
    public String rawSign(JsonNode privateJwk, String contentBase64Url) {
        ObjectNode request = request("sig.sign").put("content", contentBase64Url);
        request.set("privateJwk", privateJwk);
        return send(request).get("signature").asText();
    }

    /** {@code signatureAlgorithms[crv].verify}: {valid} or {threw}. */
    public JsonNode rawVerify(JsonNode publicJwk, String contentBase64Url, String signatureBase64Url) {
        ObjectNode request = request("sig.verify").put("content", contentBase64Url).put("signature", signatureBase64Url);
        request.set("publicJwk", publicJwk);
        return send(request);
    }

    /** {@code JSON.parse(text)}: {value} or {threw}. */
    public JsonNode jsonParse(String text) {
        return send(request("json.parse").put("text", text));
    }

    /** The SDK's {@code validateJsonSchema(name, value)}: {valid} or {threw}. */
    public JsonNode validateSchema(String name, JsonNode value) {
        ObjectNode request = request("schema").put("name", name);
        request.set("value", value);
        return send(request);
    }

    /** An Ed25519 signature valid only under ZIP-215 (R has an order-2 component): {signature, publicKey}. */
    public JsonNode torsionedEd25519Signature(String seedBase64Url, String contentBase64Url) {
        return send(request("ed25519.torsioned").put("seed", seedBase64Url).put("content", contentBase64Url));
    }

    /** A non-canonical small-order Ed25519 public key and a signature noble accepts for any content: {x, signature}. */
    public JsonNode weakEd25519Key() {
        return send(request("ed25519.weak"));
    }

    /** noble-curves' ED25519_TORSION_SUBGROUP: the 8 small-order points, hex. */
    public JsonNode ed25519TorsionPoints() {
        return send(request("ed25519.torsion")).get("points");
    }

    /** An Ed25519 signature built with @noble/ed25519 from {@code recipe} (see crypto-peer.mjs, ed25519.craft): {signature, publicKey}. */
    public JsonNode craftEd25519(ObjectNode recipe) {
        ObjectNode request = recipe.deepCopy();
        request.put("op", "ed25519.craft");
        return send(request);
    }

    /** {@link #rawVerify} for each case ({publicJwk, content, signature}) in one round trip: [{valid} | {threw}]. */
    public JsonNode rawVerifyAll(ArrayNode cases) {
        ObjectNode request = request("sig.verifyAll");
        request.set("cases", cases);
        return send(request).get("results");
    }

    private static ObjectNode request(String op) {
        return JSON.createObjectNode().put("op", op);
    }

    private JsonNode send(ObjectNode request) {
        return peer.request(request);
    }

    @Override
    public void close() {
        peer.close();
    }
}
