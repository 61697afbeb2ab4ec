package io.cairn.dwn.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.dwn.protocol.tags.JsNumbers;

/** A JSON number as JavaScript prints it in a template string. */
final class JsNumber {
    private JsNumber() {}

    static String of(JsonNode number) {
        return JsNumbers.format(number.doubleValue());
    }
}
