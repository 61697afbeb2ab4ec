package io.cairn.dwn.jose;

import io.cairn.dwn.DwnError;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;

/**
 * JSON read the way the SDK reads it: bytes through {@code TextDecoder} (UTF-8, a leading BOM dropped,
 * malformed sequences replaced) and then {@code JSON.parse} (nothing after the value, no extensions).
 */
public final class JsJson {
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private JsJson() {
    }

    /** {@code new TextDecoder().decode(bytes)}. */
    public static String decodeUtf8(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        return !text.isEmpty() && text.charAt(0) == '\uFEFF' ? text.substring(1) : text;
    }

    /** {@code JSON.parse(text)}; a JSON {@code null} comes back as a NullNode. */
    public static JsonNode parse(String text) {
        String refusal = V8JsonErrors.messageFor(text);
        if (refusal != null) throw DwnError.uncoded(refusal);
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || node.isMissingNode()) throw DwnError.uncoded("Unexpected end of JSON input");
            return node;
        } catch (JsonProcessingException e) {
            throw DwnError.uncoded("Unexpected end of JSON input"); // only limits (nesting, size) get here
        }
    }

    /** {@code JSON.parse(new TextDecoder().decode(bytes))}. */
    public static JsonNode parse(byte[] bytes) {
        return parse(decodeUtf8(bytes));
    }
}
