package io.cairn.dwn.rocks;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A message's indexes as stored: JSON, read back with integers as {@code Long} and fractions as {@code Double}. */
final class IndexCodec {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

    byte[] write(Map<String, Object> indexes) {
        try {
            return JSON.writeValueAsBytes(indexes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Map<String, Object> read(byte[] bytes) {
        try {
            Map<String, Object> map = JSON.readValue(bytes, MAP);
            for (Map.Entry<String, Object> entry : map.entrySet()) {
                if (entry.getValue() instanceof List<?> list) entry.setValue(new ArrayList<>(list));
            }
            return map;
        } catch (IOException e) {
            throw new UncheckedIOException("a stored index entry is not valid JSON", e);
        }
    }
}
