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

/**
 * {@code GET /info} in dwn-server's shape, which web5 clients read to learn a DWN's abilities:
 * {@code url, server, maxFileSize, registrationRequirements, version, sdkVersion, webSocketSupport}.
 * Cairn has no tenant registration (its tenant gate is the config's allowlist), so the requirements are empty.
 */
public final class DwnInfoRoute implements HttpRoute {
    /** The dwn-sdk-js release whose wire format Cairn's DWN speaks. */
    public static final String SDK_VERSION = "0.5.2";
    static final String SERVER_NAME = "cairn";

    private final byte[] body;

    DwnInfoRoute(String url, long maxFileSize, String version) {
        ObjectNode info = JsonNodeFactory.instance.objectNode();
        if (url != null) info.put("url", url);
        info.put("server", SERVER_NAME);
        info.put("maxFileSize", maxFileSize);
        info.putArray("registrationRequirements");
        if (version != null) info.put("version", version);
        info.put("sdkVersion", SDK_VERSION);
        info.put("webSocketSupport", true);
        try {
            this.body = JsonRpc.JSON.writeValueAsBytes(info);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
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
        ex.respond(HttpResponseStatus.OK, "application/json; charset=utf-8", body, Cors.headers(Map.of()));
    }
}
