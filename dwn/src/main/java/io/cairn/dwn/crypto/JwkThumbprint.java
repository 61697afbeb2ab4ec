package io.cairn.dwn.crypto;

import io.cairn.dwn.jose.Base64Url;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** RFC 7638 JWK thumbprints (SHA-256, base64url), as @web5/crypto's {@code computeJwkThumbprint} builds them. */
public final class JwkThumbprint {
    private JwkThumbprint() {
    }

    public static String okp(String crv, String x) {
        return digest("{\"crv\":" + quote(crv) + ",\"kty\":\"OKP\",\"x\":" + quote(x) + "}");
    }

    public static String ec(String crv, String x, String y) {
        return digest("{\"crv\":" + quote(crv) + ",\"kty\":\"EC\",\"x\":" + quote(x) + ",\"y\":" + quote(y) + "}");
    }

    private static String quote(String s) {
        return io.cairn.dwn.jose.JsJson.MAPPER.getNodeFactory().textNode(s).toString();
    }

    private static String digest(String canonicalJson) {
        try {
            return Base64Url.encode(MessageDigest.getInstance("SHA-256").digest(canonicalJson.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
