package io.cairn.node.dwn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.DwnReply;
import io.cairn.dwn.MessageProcessor;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.InputStream;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON-RPC methods dwn-server 0.6.1 answers, the same over HTTP and WebSocket:
 * {@code dwn.processMessage}, {@code rpc.subscribe.dwn.processMessage} (a Subscribe message whose
 * events come back as responses with the request's {@code subscription.id}) and
 * {@code rpc.subscribe.close}, with dwn-server's checks, error codes and messages in its order.
 * Where dwn-server never answers (an unknown method, a request that is not an object, no params: it
 * throws outside its handler and the request hangs) Cairn answers with the JSON-RPC error for it.
 */
final class DwnRpcHandler {
    private static final Logger LOG = LoggerFactory.getLogger(DwnRpcHandler.class);
    static final String PROCESS_MESSAGE = "dwn.processMessage";
    static final String SUBSCRIBE_PROCESS_MESSAGE = "rpc.subscribe.dwn.processMessage";
    static final String SUBSCRIBE_CLOSE = "rpc.subscribe.close";

    enum Transport {
        HTTP("http"), WS("ws");

        final String label;

        Transport(String label) {
            this.label = label;
        }
    }

    private final MessageProcessor dwn;
    private final MeterRegistry metrics;

    /** {@code metrics}: counts {@code cairn_dwn_requests_total} by transport, method and reply status, as dwn-server counts its requests. */
    DwnRpcHandler(MessageProcessor dwn, MeterRegistry metrics) {
        this.dwn = dwn;
        this.metrics = metrics;
    }

    /**
     * Answers one request. {@code data}: the HTTP body when it carries record data (else null);
     * {@code socket}: the WebSocket's subscriptions (null over HTTP).
     */
    RpcOutcome handle(JsonNode request, Transport transport, InputStream data, SocketSubscriptions socket) {
        RpcOutcome outcome = answer(request, transport, data, socket);
        String method = request.path("method").isTextual() ? request.get("method").asText() : "none";
        if (!KNOWN_METHODS.contains(method)) method = "unknown"; // a fixed set of label values
        String status = outcome.isError() ? "error" : outcome.response().at("/result/reply/status/code").asText("none");
        Counter.builder("cairn.dwn.requests").description("DWN JSON-RPC requests by transport, method and reply status")
                .tags("transport", transport.label, "method", method, "status", status).register(metrics).increment();
        return outcome;
    }

    private static final java.util.Set<String> KNOWN_METHODS = java.util.Set.of(PROCESS_MESSAGE, SUBSCRIBE_PROCESS_MESSAGE, SUBSCRIBE_CLOSE);

    private RpcOutcome answer(JsonNode request, Transport transport, InputStream data, SocketSubscriptions socket) {
        if (!request.isObject()) {
            return RpcOutcome.refused(JsonRpc.error(JsonRpc.newId(), JsonRpc.INVALID_REQUEST, "the JSON-RPC request must be an object"));
        }
        JsonNode id = JsonRpc.idOf(request);
        String method = request.path("method").isTextual() ? request.get("method").asText() : null;
        if (PROCESS_MESSAGE.equals(method) || SUBSCRIBE_PROCESS_MESSAGE.equals(method)) {
            return processMessage(request, id, transport, data, socket);
        }
        if (SUBSCRIBE_CLOSE.equals(method)) {
            return closeSubscription(request, id, socket);
        }
        return RpcOutcome.refused(JsonRpc.error(id, JsonRpc.METHOD_NOT_FOUND, "method not found: " + request.path("method")));
    }

    private RpcOutcome processMessage(JsonNode request, JsonNode id, Transport transport, InputStream data, SocketSubscriptions socket) {
        JsonNode params = request.get("params");
        if (params == null || !params.isObject()) {
            return RpcOutcome.refused(JsonRpc.error(id, JsonRpc.INVALID_PARAMS, "params must be an object with target and message"));
        }
        JsonNode message = params.get("message");
        JsonNode descriptor = message == null ? null : message.get("descriptor");
        if (descriptor == null || !descriptor.isObject()) {
            // dwn-server reads message.descriptor inside its try block: a TypeError there becomes an internal error
            return RpcOutcome.of(JsonRpc.error(id, JsonRpc.INTERNAL_ERROR, "params.message must be a DWN message with a descriptor"));
        }
        String iface = descriptor.path("interface").asText(null);
        String dwnMethod = descriptor.path("method").asText(null);
        JsonNode subscriptionId = subscriptionRequestId(request, transport, dwnMethod);

        if (transport != Transport.HTTP && "Records".equals(iface) && "Write".equals(dwnMethod)) {
            return RpcOutcome.of(JsonRpc.error(id, JsonRpc.INVALID_PARAMS, "RecordsWrite is not supported via " + transport.label));
        }
        if ("Subscribe".equals(dwnMethod) && subscriptionId == null) {
            return RpcOutcome.of(JsonRpc.error(id, JsonRpc.INVALID_REQUEST, "subscribe methods must contain a subscriptionRequest context"));
        }
        if (subscriptionId != null && socket.has(subscriptionId)) {
            return RpcOutcome.of(JsonRpc.error(id, JsonRpc.INVALID_PARAMS,
                    "the subscribe id: " + display(subscriptionId) + " is in use by an active subscription"));
        }
        if (subscriptionId != null && socket.isFull()) {
            return RpcOutcome.of(JsonRpc.error(id, JsonRpc.FORBIDDEN,
                    "this connection already holds the maximum of " + socket.max() + " subscriptions"));
        }
        String tenant = tenantOf(params.get("target"));
        Consumer<ObjectNode> events = subscriptionId == null ? null : event -> socket.send(eventResponse(subscriptionId, event));
        DwnReply reply;
        try {
            reply = dwn.processMessage(tenant, (ObjectNode) message, new MessageProcessor.ProcessOptions(data, events));
        } catch (RuntimeException e) {
            LOG.error("dwn.processMessage failed for tenant {}", tenant, e);
            return RpcOutcome.of(JsonRpc.error(id, JsonRpc.INTERNAL_ERROR, String.valueOf(e.getMessage())));
        }
        if (subscriptionId != null && reply.subscription() != null) {
            socket.add(subscriptionId, reply.subscription());
        }
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        result.set("reply", reply.body());
        return new RpcOutcome(JsonRpc.success(id, result), reply.data(), false);
    }

    /**
     * The tenant as dwn-sdk-js sees {@code params.target}: the SDK compares and keys by it as JavaScript
     * does, so a missing target acts as the text {@code "undefined"} (an author never matches it, replies
     * print it) and a non-string as its text.
     */
    private static String tenantOf(JsonNode target) {
        if (target == null) return "undefined";
        return target.isTextual() ? target.asText() : target.toString();
    }

    /**
     * The id under which a Subscribe's events are sent: only for {@code rpc.subscribe.*} methods with a
     * {@code subscription} member over a WebSocket, as dwn-server builds its subscription context.
     */
    private static JsonNode subscriptionRequestId(JsonNode request, Transport transport, String dwnMethod) {
        if (transport != Transport.WS || !"Subscribe".equals(dwnMethod)) return null;
        if (!request.path("method").asText().startsWith("rpc.subscribe.")) return null;
        JsonNode subscription = request.get("subscription");
        if (subscription == null || !subscription.isObject()) return null;
        JsonNode id = subscription.get("id");
        return id == null ? JsonNodeFactory.instance.nullNode() : id;
    }

    private RpcOutcome closeSubscription(JsonNode request, JsonNode id, SocketSubscriptions socket) {
        if (socket == null) {
            return RpcOutcome.of(JsonRpc.error(id, JsonRpc.INVALID_REQUEST, "socket connection does not exist"));
        }
        JsonNode subscription = request.get("subscription");
        if (subscription == null) {
            return RpcOutcome.of(JsonRpc.error(id, JsonRpc.INVALID_REQUEST, "subscribe options do not exist"));
        }
        JsonNode subscriptionId = subscription.path("id");
        boolean closed;
        try {
            closed = socket.close(subscriptionId.isMissingNode() ? null : subscriptionId);
        } catch (RuntimeException e) {
            return RpcOutcome.of(JsonRpc.error(id, JsonRpc.INTERNAL_ERROR,
                    "unknown subscription close error for " + display(subscriptionId) + ": " + e.getMessage()));
        }
        if (!closed) {
            return RpcOutcome.of(JsonRpc.error(id, JsonRpc.INVALID_PARAMS, "subscription " + display(subscriptionId) + " does not exist."));
        }
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        ObjectNode reply = result.putObject("reply");
        reply.put("status", 200);
        reply.put("detail", "Accepted");
        return RpcOutcome.of(JsonRpc.success(id, result));
    }

    private static String eventResponse(JsonNode subscriptionId, ObjectNode event) {
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        result.set("event", event);
        return JsonRpc.success(subscriptionId, result).toString();
    }

    /** How JavaScript's template string shows a JSON-RPC id: a string bare, undefined for a missing one. */
    private static String display(JsonNode id) {
        if (id == null || id.isMissingNode()) return "undefined";
        return id.isTextual() ? id.asText() : id.toString();
    }
}
