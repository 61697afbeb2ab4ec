package io.cairn.node.dwn;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;

/**
 * A JSON-RPC response and, for a RecordsRead that found data, the record's bytes to stream after it.
 * {@code refused}: an error dwn-server never answers (it hangs), which Cairn answers over HTTP with 400
 * rather than dwn-server's 500 for its handlers' errors.
 */
record RpcOutcome(ObjectNode response, InputStream data, boolean refused) {
    static RpcOutcome of(ObjectNode response) {
        return new RpcOutcome(response, null, false);
    }

    static RpcOutcome refused(ObjectNode response) {
        return new RpcOutcome(response, null, true);
    }

    boolean isError() {
        return JsonRpc.isError(response);
    }
}
