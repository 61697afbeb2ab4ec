package io.cairn.node.dwn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;

/** JSON-RPC 2.0 envelopes and the error codes dwn-server uses (its {@code JsonRpcErrorCodes}). */
final class JsonRpc {
    static final ObjectMapper JSON = new ObjectMapper();

    static final int INVALID_REQUEST = -32600;
    static final int METHOD_NOT_FOUND = -32601;
    static final int INVALID_PARAMS = -32602;
    static final int INTERNAL_ERROR = -32603;
    /** dwn-server's application codes, "equivalent to HTTP status" 400, 401 and 403. */
    static final int BAD_REQUEST = -50400;
    static final int UNAUTHORIZED = -50401;
    static final int FORBIDDEN = -50403;

    private JsonRpc() {}

    static ObjectNode success(JsonNode id, JsonNode result) {
        ObjectNode r = JsonNodeFactory.instance.objectNode();
        r.put("jsonrpc", "2.0");
        r.set("id", id);
        r.set("result", result == null ? JsonNodeFactory.instance.nullNode() : result);
        return r;
    }

    static ObjectNode error(JsonNode id, int code, String message) {
        ObjectNode r = JsonNodeFactory.instance.objectNode();
        r.put("jsonrpc", "2.0");
        r.set("id", id);
        ObjectNode e = r.putObject("error");
        e.put("code", code);
        e.put("message", message);
        return r;
    }

    /** The id dwn-server gives a response when the request has none (or could not be read): a fresh UUID v4. */
    static JsonNode newId() {
        return JsonNodeFactory.instance.textNode(UUID.randomUUID().toString());
    }

    /** {@code request.id ?? uuid}: a missing or null id gets a fresh one, as dwn-server does. */
    static JsonNode idOf(JsonNode request) {
        JsonNode id = request.get("id");
        return id == null || id.isNull() ? newId() : id;
    }

    static boolean isError(ObjectNode response) {
        return response.has("error");
    }
}
