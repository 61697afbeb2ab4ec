package io.cairn.node.http;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Maps a request path to its {@link HttpRoute}: an exact path wins, else the longest matching prefix.
 * New endpoints (the DWN JSON-RPC {@code POST /}, a WebSocket endpoint) are one more line in the builder.
 */
public final class Router {
    private final Map<String, HttpRoute> exact;
    private final List<Map.Entry<String, HttpRoute>> prefixes;

    private Router(Map<String, HttpRoute> exact, List<Map.Entry<String, HttpRoute>> prefixes) {
        this.exact = Map.copyOf(exact);
        this.prefixes = List.copyOf(prefixes);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Optional<HttpRoute> find(String path) {
        HttpRoute r = exact.get(path);
        if (r != null) return Optional.of(r);
        for (Map.Entry<String, HttpRoute> p : prefixes) {
            if (path.startsWith(p.getKey())) return Optional.of(p.getValue());
        }
        return Optional.empty();
    }

    public static final class Builder {
        private final Map<String, HttpRoute> exact = new HashMap<>();
        private final Map<String, HttpRoute> prefixes = new HashMap<>();

        private Builder() {}

        /** Requests for exactly {@code path}, e.g. {@code /health}. */
        public Builder exact(String path, HttpRoute route) {
            if (!path.startsWith("/")) throw new IllegalArgumentException("path must start with '/': " + path);
            if (exact.putIfAbsent(path, route) != null) throw new IllegalArgumentException("two routes for " + path);
            return this;
        }

        /** Requests whose path starts with {@code prefix}, e.g. {@code /ipfs/}. */
        public Builder prefix(String prefix, HttpRoute route) {
            if (!prefix.startsWith("/")) throw new IllegalArgumentException("prefix must start with '/': " + prefix);
            if (prefixes.putIfAbsent(prefix, route) != null) throw new IllegalArgumentException("two routes for " + prefix + "*");
            return this;
        }

        public Router build() {
            List<Map.Entry<String, HttpRoute>> ordered = new ArrayList<>(prefixes.entrySet());
            ordered.sort(Comparator.comparingInt((Map.Entry<String, HttpRoute> e) -> e.getKey().length()).reversed());
            return new Router(exact, ordered);
        }
    }
}
