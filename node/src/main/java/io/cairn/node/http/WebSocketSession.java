package io.cairn.node.http;

/** One open WebSocket connection, safe to use from any thread. */
public interface WebSocketSession {
    /**
     * Queues a text message. Returns false, and closes the connection, when the client has let more
     * than {@link WebSocketConnection#MAX_QUEUED_BYTES} pile up unread: a client that stops reading
     * its events must not exhaust the node's memory.
     */
    boolean send(String text);

    /** Starts a normal close (status 1000); {@link WebSocketEndpoint.Listener#onClose} follows. */
    void close();

    boolean isOpen();

    /** Stops reading new messages from the client until {@link #resumeReading}; back-pressure for a busy connection. */
    void pauseReading();

    void resumeReading();
}
