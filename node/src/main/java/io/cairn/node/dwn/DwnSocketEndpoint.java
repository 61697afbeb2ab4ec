package io.cairn.node.dwn;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.node.http.WebSocketEndpoint;
import io.cairn.node.http.WebSocketSession;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * dwn-server's WebSocket API: each text message is a JSON-RPC request answered on the same socket;
 * Subscribe messages sent with {@code rpc.subscribe.dwn.processMessage} keep delivering events until
 * {@code rpc.subscribe.close} or the socket closes. Requests run on virtual threads (the DWN may block);
 * a connection with {@link #MAX_IN_FLIGHT} requests running stops being read until one finishes.
 */
final class DwnSocketEndpoint implements WebSocketEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(DwnSocketEndpoint.class);
    static final int MAX_IN_FLIGHT = 16;

    private final DwnRpcHandler handler;
    private final int maxSubscriptions;
    private final ExecutorService workers;

    DwnSocketEndpoint(DwnRpcHandler handler, int maxSubscriptions, ExecutorService workers) {
        this.handler = handler;
        this.maxSubscriptions = maxSubscriptions;
        this.workers = workers;
    }

    @Override
    public Listener open(WebSocketSession session) {
        return new Connection(session);
    }

    private final class Connection implements Listener {
        private final WebSocketSession session;
        private final SocketSubscriptions subscriptions;
        private final AtomicInteger inFlight = new AtomicInteger();

        Connection(WebSocketSession session) {
            this.session = session;
            this.subscriptions = new SocketSubscriptions(maxSubscriptions, session::send);
        }

        @Override
        public void onMessage(String text) {
            if (inFlight.incrementAndGet() >= MAX_IN_FLIGHT) session.pauseReading();
            try {
                workers.execute(() -> {
                    try {
                        session.send(answer(text).toString());
                    } catch (RuntimeException e) {
                        LOG.error("unexpected error answering a WebSocket request", e);
                    } finally {
                        if (inFlight.decrementAndGet() < MAX_IN_FLIGHT) session.resumeReading();
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                session.close(); // shutting down
            }
        }

        private com.fasterxml.jackson.databind.node.ObjectNode answer(String text) {
            if (text.isEmpty()) {
                return JsonRpc.error(JsonRpc.newId(), JsonRpc.BAD_REQUEST, "request payload required.");
            }
            JsonNode request;
            try {
                request = DwnRpcRoute.parse(text);
            } catch (IOException e) {
                return JsonRpc.error(JsonRpc.newId(), JsonRpc.BAD_REQUEST, DwnRpcRoute.parseErrorMessage(text, e));
            }
            return handler.handle(request, DwnRpcHandler.Transport.WS, null, subscriptions).response();
        }

        @Override
        public void onClose() {
            subscriptions.closeAll();
        }
    }
}
