package io.cairn.node.dwn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.interop.SdkPeer;
import io.cairn.interop.NodePeer;
import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * dwn-server 0.6.1 (npm {@code @web5/dwn-server}, running dwn-sdk-js 0.5.2 on its Level stores) bound to
 * 127.0.0.1, and the web5 agent's {@code Web5RpcClient} (0.8.1) to talk to any DWN endpoint, both in
 * {@code interop/dwn-server/dwn-server-peer.mjs} on the machine's Node. Fails, never skips, when the set
 * is not installed ({@code scripts/install-peers}).
 */
final class DwnServerPeer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCRIPT = "../dwn-server/dwn-server-peer.mjs";

    private final NodePeer peer;
    private final URI url;

    private DwnServerPeer(NodePeer peer, int port) {
        this.peer = peer;
        this.url = URI.create("http://127.0.0.1:" + port + "/");
    }

    static DwnServerPeer start() {
        NodePeer peer = NodePeer.start(SdkPeer.machineNode(), Duration.ofMinutes(2), SCRIPT);
        try {
            int port = peer.request(JSON.createObjectNode().put("op", "start")).get("port").asInt();
            return new DwnServerPeer(peer, port);
        } catch (RuntimeException | AssertionError e) {
            peer.close();
            throw e;
        }
    }

    /** dwn-server's endpoint, {@code http://127.0.0.1:PORT/}. */
    URI url() {
        return url;
    }

    /** What the agent's client got: the reply (or the message it threw) and RecordsRead data. */
    record ClientReply(ObjectNode reply, byte[] data, String thrown) {}

    /** {@code Web5RpcClient.sendDwnRequest} to {@code dwnUrl} (http: or ws:). */
    ClientReply send(URI dwnUrl, String target, JsonNode message, byte[] data) {
        ObjectNode r = JSON.createObjectNode().put("op", "send").put("dwnUrl", dwnUrl.toString()).put("target", target);
        r.set("message", message);
        if (data != null) r.put("data", Base64.getEncoder().encodeToString(data));
        JsonNode reply = peer.request(r);
        return new ClientReply((ObjectNode) reply.get("reply"),
                reply.hasNonNull("data") ? Base64.getDecoder().decode(reply.get("data").asText()) : null,
                reply.hasNonNull("thrown") ? reply.get("thrown").asText() : null);
    }

    /** Subscribes through the agent's WebSocket client; events collect under {@code name}. Returns the reply. */
    ObjectNode subscribe(URI wsUrl, String target, JsonNode message, String name) {
        ObjectNode r = JSON.createObjectNode().put("op", "subscribe").put("dwnUrl", wsUrl.toString()).put("target", target).put("name", name);
        r.set("message", message);
        return (ObjectNode) peer.request(r).get("reply");
    }

    List<JsonNode> events(String name, int atLeast) {
        JsonNode reply = peer.request(JSON.createObjectNode().put("op", "events").put("name", name).put("count", atLeast).put("timeoutMs", 15000));
        return JSON.convertValue(reply.get("events"), JSON.getTypeFactory().constructCollectionType(List.class, JsonNode.class));
    }

    void unsubscribe(String name) {
        peer.request(JSON.createObjectNode().put("op", "unsubscribe").put("name", name));
    }

    @Override
    public void close() {
        peer.close();
    }
}
