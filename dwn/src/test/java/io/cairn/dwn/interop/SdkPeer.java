package io.cairn.dwn.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.interop.NodePeer;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * dwn-sdk-js 0.5.2 as a long-running peer ({@code interop/dwn/sdk-peer.mjs} on the machine's Node): it
 * creates did:key personas, builds and signs any message with the SDK's own classes, and processes
 * messages in the SDK's own {@code Dwn} on its Level stores, so a test compares Cairn with the reference
 * in the same run. {@code interop/dwn/README.md} documents the protocol.
 *
 * <pre>{@code
 * try (SdkPeer sdk = SdkPeer.start()) {
 *     SdkPeer.Persona alice = sdk.persona("alice");
 *     ObjectNode write = sdk.create("RecordsWrite", SdkPeer.options()
 *             .set("signer", SdkPeer.signer("alice")).set("data", SdkPeer.bytes(data)).put("dataFormat", "text/plain"));
 *     SdkPeer.Reply reply = sdk.process(alice.did(), write, data);
 * }
 * }</pre>
 *
 * <p>Fails (never skips) when node or the SDK is not installed: CI installs both with
 * {@code scripts/install-peers}.
 */
public final class SdkPeer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCRIPT = "../dwn/sdk-peer.mjs";

    private final NodePeer peer;

    private SdkPeer(NodePeer peer) {
        this.peer = peer;
    }

    /** Starts the peer with an empty Dwn. */
    public static SdkPeer start() {
        return new SdkPeer(NodePeer.start(machineNode(), Duration.ofMinutes(2), SCRIPT));
    }

    /** A did:key persona with an Ed25519 key. */
    public Persona persona(String name) {
        return persona(name, null);
    }

    /** A did:key persona; {@code algorithm} is {@code "Ed25519"} (null: the default) or {@code "secp256k1"}. */
    public Persona persona(String name, String algorithm) {
        ObjectNode request = request("persona").put("name", name);
        if (algorithm != null) request.put("algorithm", algorithm);
        JsonNode reply = send(request);
        return new Persona(name, reply.get("did").asText(), reply.get("keyId").asText(),
                (ObjectNode) reply.get("publicJwk"), (ObjectNode) reply.get("privateJwk"));
    }

    /**
     * {@code await TYPE.create(options)} for an SDK message class ({@code RecordsWrite}, {@code RecordsQuery},
     * {@code ProtocolsConfigure}, {@code MessagesQuery}…) and returns the message.
     */
    public ObjectNode create(String type, ObjectNode options) {
        return create(type, options, null);
    }

    /** As {@link #create(String, ObjectNode)}, and keeps the SDK object as {@code saveAs} for later references. */
    public ObjectNode create(String type, ObjectNode options, String saveAs) {
        ObjectNode request = request("create").put("type", type).set("options", options);
        if (saveAs != null) request.put("save", saveAs);
        return (ObjectNode) send(request).path("result").get("message");
    }

    /**
     * {@code await OWNER.method(...args)}, where OWNER is an export of dwn-sdk-js ({@code "PermissionsProtocol.createGrant"},
     * {@code "TestDataGenerator.generateRecordsWrite"}, {@code "Message.getCid"}) or a saved value
     * ({@code "write1.signAsOwner"}); returns the result as JSON and saves it as {@code saveAs} when not null.
     */
    public JsonNode call(String target, String saveAs, Object... args) {
        ObjectNode request = request("call").put("target", target);
        ArrayNode list = request.putArray("args");
        for (Object arg : args) list.add(JSON.valueToTree(arg));
        if (saveAs != null) request.put("save", saveAs);
        return send(request).get("result");
    }

    /**
     * {@code new TYPE(...args)} for an SDK class (a store such as {@code EventLogLevel}, opened when it has
     * {@code open()}), saved as {@code saveAs} so that {@link #call} can use it ({@code "log.queryEvents"}).
     */
    public JsonNode construct(String type, String saveAs, Object... args) {
        ObjectNode request = request("new").put("type", type).put("save", saveAs);
        ArrayNode list = request.putArray("args");
        for (Object arg : args) list.add(JSON.valueToTree(arg));
        return send(request).get("result");
    }

    /** The message CID the SDK computes ({@code Message.getCid}). */
    public String messageCid(JsonNode message) {
        return call("Message.getCid", null, message).asText();
    }

    /** A saved value, or a path into it ({@code "grant.recordsWrite.message"}). */
    public JsonNode get(String ref) {
        return send(request("get").put("ref", ref)).get("result");
    }

    /** {@code dwn.processMessage(tenant, message, {dataStream})} in the SDK's Dwn; {@code data} may be null. */
    public Reply process(String tenant, JsonNode message, byte[] data) {
        ObjectNode request = request("process").put("tenant", tenant).set("message", message);
        if (data != null) request.put("data", Base64.getEncoder().encodeToString(data));
        JsonNode reply = send(request);
        byte[] replyData = reply.hasNonNull("data") ? Base64.getDecoder().decode(reply.get("data").asText()) : null;
        return new Reply((ObjectNode) reply.get("reply"), replyData);
    }

    public Reply process(String tenant, JsonNode message) {
        return process(tenant, message, null);
    }

    /**
     * The events a subscription (opened by processing a Subscribe message; its id is the reply's
     * {@code subscription.id}) has received, in order, waiting up to {@code timeout} until there are at least
     * {@code atLeast}.
     */
    public List<ObjectNode> events(String subscriptionId, int atLeast, Duration timeout) {
        JsonNode reply = send(request("events").put("subscription", subscriptionId).put("count", atLeast)
                .put("timeoutMs", timeout.toMillis()));
        List<ObjectNode> events = new ArrayList<>();
        reply.get("events").forEach(e -> events.add((ObjectNode) e));
        return events;
    }

    public List<ObjectNode> events(String subscriptionId) {
        return events(subscriptionId, 0, Duration.ZERO);
    }

    public void unsubscribe(String subscriptionId) {
        send(request("unsubscribe").put("subscription", subscriptionId));
    }

    /** Replaces the SDK's Dwn by an empty one; personas and saved values stay. */
    public void reset() {
        send(request("reset"));
    }

    /** Sends one raw request of the protocol (for ops this class has no method for). */
    public JsonNode send(ObjectNode request) {
        return peer.request(request);
    }

    @Override
    public void close() {
        peer.close();
    }

    /** An empty options object to fill. */
    public static ObjectNode options() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** A reference to a persona's signer ({@code Jws.createSigner}-equivalent), for a {@code signer} option. */
    public static ObjectNode signer(String persona) {
        return options().put("$signer", persona);
    }

    /** A reference to a whole persona, for TestDataGenerator's {@code author} options. */
    public static ObjectNode personaRef(String name) {
        return options().put("$persona", name);
    }

    /** Bytes, passed to the SDK as a Uint8Array (e.g. the {@code data} option of RecordsWrite.create). */
    public static ObjectNode bytes(byte[] bytes) {
        return options().put("$bytes", Base64.getEncoder().encodeToString(bytes));
    }

    /** Bytes passed as a Readable ({@code dataStream} options). */
    public static ObjectNode stream(byte[] bytes) {
        return options().put("$stream", Base64.getEncoder().encodeToString(bytes));
    }

    /** A reference to a saved value or a path into it, e.g. {@code ref("grant.recordsWrite.message")}. */
    public static ObjectNode ref(String path) {
        return options().put("$ref", path);
    }

    /** A fresh folder inside the peer's temporary folder, for a store's {@code location}. */
    public static ObjectNode tempDir(String name) {
        return options().put("$tempdir", name);
    }

    /** The bytes of a {@code {"$bytes": base64}} value in a result. */
    public static byte[] bytesOf(JsonNode wire) {
        return Base64.getDecoder().decode(wire.get("$bytes").asText());
    }

    /**
     * A did:key persona: {@code privateJwk} lets Java sign as the same DID. {@code keyId} is the full
     * verification-method id ({@code did:key:z…#z…}) the SDK puts in the JWS {@code kid}.
     */
    public record Persona(String name, String did, String keyId, ObjectNode publicJwk, ObjectNode privateJwk) {
        /** A reference to this persona's signer. */
        public ObjectNode signer() {
            return SdkPeer.signer(name);
        }
    }

    /** The SDK's reply: the JSON body (status, entries, cursor, entry, subscription…) and a read's data. */
    public record Reply(ObjectNode body, byte[] data) {
        public int status() {
            return body.path("status").path("code").asInt();
        }

        public String detail() {
            return body.path("status").path("detail").asText(null);
        }

        /** The reply's {@code entries} (empty when absent). */
        public List<JsonNode> entries() {
            List<JsonNode> entries = new ArrayList<>();
            body.path("entries").forEach(entries::add);
            return entries;
        }

        /** The subscription id of a Subscribe reply. */
        public String subscriptionId() {
            return body.path("subscription").path("id").asText(null);
        }
    }

    private static ObjectNode request(String op) {
        return options().put("op", op);
    }

    /** The machine's {@code node} (dwn-sdk-js 0.5.2 targets Node 20), found on PATH. */
    public static Path machineNode() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) continue;
            Path node = Path.of(dir, "node");
            if (Files.isExecutable(node)) return node;
        }
        throw new AssertionError("dwn-sdk-js interop needs Node.js 20+ on PATH (no `node` in " + path
                + "); install Node.js, then run scripts/install-peers. Interop tests never skip.");
    }
}
