package io.cairn.dwn.did;

import io.cairn.dwn.DwnError;
import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.dwn.jose.JsJson;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * did:web as @web5/dids' {@code DidWeb}: {@code did:web:host%3Aport:a:b} is fetched from
 * {@code https://host:port/a/b/did.json} (or {@code /.well-known/did.json} without a path), and whatever
 * JSON comes back is the document; any failure is {@code notFound}. Unlike the SDK's {@code fetch}, the
 * request has a timeout and a size limit. {@link #allowingPlainHttpForLoopback} makes a resolver that
 * fetches {@code http://127.0.0.1…} instead, for tests.
 */
public final class DidWeb implements DidMethodResolver {
    private final DidHttp http;
    private final boolean plainHttpForLoopback;

    public DidWeb(DidHttp http) {
        this(http, false);
    }

    private DidWeb(DidHttp http, boolean plainHttpForLoopback) {
        this.http = http;
        this.plainHttpForLoopback = plainHttpForLoopback;
    }

    /** A resolver that uses http for DIDs on 127.0.0.1 (test servers), https elsewhere. */
    public static DidWeb allowingPlainHttpForLoopback(DidHttp http) {
        return new DidWeb(http, true);
    }

    @Override
    public String methodName() {
        return "web";
    }

    @Override
    public DidResolutionResult resolve(String didUri) {
        Did parsed = Did.parse(didUri);
        if (parsed == null) return DidResolutionResult.error("invalidDid", null);
        if (!parsed.method().equals("web")) return DidResolutionResult.error("methodNotSupported", null);

        String baseUrl = decodeUriComponent("https://" + parsed.id().replace(':', '/'));
        String documentUrl = parsed.id().contains(":") ? baseUrl + "/did.json" : baseUrl + "/.well-known/did.json";
        if (plainHttpForLoopback && (documentUrl.startsWith("https://127.0.0.1:") || documentUrl.startsWith("https://127.0.0.1/"))) {
            documentUrl = "http://" + documentUrl.substring("https://".length());
        }
        try {
            DidHttp.Response response = http.get(URI.create(documentUrl));
            if (!response.ok()) return DidResolutionResult.error("notFound", null);
            JsonNode document = JsJson.parse(response.body());
            return DidResolutionResult.of(document);
        } catch (IOException | RuntimeException e) {
            return DidResolutionResult.error("notFound", null);
        }
    }

    /** JavaScript's {@code decodeURIComponent}, which throws {@code URIError: URI malformed} on a bad escape. */
    static String decodeUriComponent(String text) {
        if (text.indexOf('%') < 0) return text;
        try {
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(percentBytes(text)));
        } catch (CharacterCodingException | IllegalArgumentException e) {
            throw DwnError.uncoded("URI malformed");
        }
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static byte[] percentBytes(String text) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= text.length()) throw new IllegalArgumentException("truncated escape");
                out.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        return out.toByteArray();
    }
}
