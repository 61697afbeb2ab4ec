package io.cairn.node.dwn;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.dwn.Subscription;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The subscriptions one WebSocket holds, keyed by the JSON-RPC id of the request that opened each
 * (compared as JSON, so {@code 1} and {@code "1"} differ, as in dwn-server's Map), at most {@code max}.
 */
final class SocketSubscriptions {
    private final int max;
    private final Consumer<String> sender;
    private final Map<String, Subscription> open = new LinkedHashMap<>();
    private boolean closed;

    /** {@code sender} writes a text message to the socket. */
    SocketSubscriptions(int max, Consumer<String> sender) {
        this.max = max;
        this.sender = sender;
    }

    int max() {
        return max;
    }

    void send(String text) {
        sender.accept(text);
    }

    synchronized boolean has(JsonNode id) {
        return open.containsKey(key(id));
    }

    synchronized boolean isFull() {
        return open.size() >= max;
    }

    /** Keeps {@code s} under {@code id}; if the socket closed meanwhile (or the id got taken), closes {@code s} and returns false. */
    boolean add(JsonNode id, Subscription s) {
        synchronized (this) {
            if (!closed && !open.containsKey(key(id))) {
                open.put(key(id), s);
                return true;
            }
        }
        s.close();
        return false;
    }

    /** Closes and forgets the subscription opened by request {@code id}; false if there is none. */
    boolean close(JsonNode id) {
        Subscription s;
        synchronized (this) {
            s = open.remove(key(id));
        }
        if (s == null) return false;
        s.close();
        return true;
    }

    /** Closes every subscription; later additions are closed at once. */
    void closeAll() {
        List<Subscription> all;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(open.values());
            open.clear();
        }
        all.forEach(Subscription::close);
    }

    private static String key(JsonNode id) {
        return id == null ? "undefined" : id.toString();
    }
}
