package io.cairn.node.dwn;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.node.http.HttpExchange;
import io.cairn.node.http.HttpRoute;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code GET /info} in dwn-server's shape, which web5 clients read to learn a DWN's abilities:
 * {@code url, server, maxFileSize, registrationRequirements, version, sdkVersion, webSocketSupport}.
 * Cairn has no tenant registration (its tenant gate is the config's allowlist), so the requirements are empty.
 */
public final class DwnInfoRoute implements HttpRoute {
    /** The dwn-sdk-js release whose wire format Cairn's DWN speaks. */
    public static final String SDK_VERSION = "0.5.2";
    static final String SERVER_NAME = "cairn";

    private final Supplier<String> url;
    private final long maxFileSize;
    private final String version;

    /** {@code url}: the node's public URL, asked per request (the port is known only once the server is bound). */
    DwnInfoRoute(Supplier<String> url, long maxFileSize, String version) {
        this.url = url;
        this.maxFileSize = maxFileSize;
        this.version = version;
    }

    private byte[] body() throws IOException {
        ObjectNode info = JsonNodeFactory.instance.objectNode();
        info.put("url", url.get());
        info.put("server", SERVER_NAME);
        info.put("maxFileSize", maxFileSize);
        info.putArray("registrationRequirements");
        info.put("version", version);
        info.put("sdkVersion", SDK_VERSION);
        info.put("webSocketSupport", true);
        return JsonRpc.JSON.writeValueAsBytes(info);
    }

    @Override
    public String name() {
        return "/info";
    }

    @Override
    public Set<HttpMethod> methods() {
        return Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        if (ex.method().equals(HttpMethod.OPTIONS)) {
            Cors.answerPreflight(ex);
            return;
        }
        ex.respond(HttpResponseStatus.OK, "application/json; charset=utf-8", body(), Cors.headers(Map.of()));
    }
}
