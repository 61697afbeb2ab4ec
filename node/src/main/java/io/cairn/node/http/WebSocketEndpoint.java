package io.cairn.node.http;

/**
 * What the server does with a WebSocket: the HTTP server performs the upgrade (on any path, as
 * dwn-server does), then hands each connection to {@link #open} and feeds the returned listener.
 */
public interface WebSocketEndpoint {
    /** Called once per connection after the handshake; must not block. */
    Listener open(WebSocketSession session);

    /** Receives a connection's messages, each whole (fragments joined), on the connection's event loop: must not block. */
    interface Listener {
        /** A text message, or a binary one read as UTF-8 (dwn-server treats both alike). */
        void onMessage(String text);

        /** The connection is gone (closed by either side, or by server shutdown); called once. */
        void onClose();
    }
}
