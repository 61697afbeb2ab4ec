package io.cairn.dwn.jose;

import io.cairn.dwn.crypto.Rfc4648;

import java.nio.charset.StandardCharsets;

/** base64url without padding, decoded as dwn-sdk-js's {@code Encoder} does (multiformats' decoder and its error texts). */
public final class Base64Url {
    private Base64Url() {
    }

    public static String encode(byte[] bytes) {
        return Rfc4648.BASE64URL.encode(bytes);
    }

    public static String encodeString(String text) {
        return encode(text.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws io.cairn.dwn.DwnError {@code "Non-base64url character"} or {@code "Unexpected end of data"} */
    public static byte[] decode(String text) {
        return Rfc4648.BASE64URL.decode(text);
    }
}
