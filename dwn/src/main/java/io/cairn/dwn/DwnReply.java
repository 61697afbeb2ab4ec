package io.cairn.dwn;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;

/**
 * A reply as dwn-sdk-js's {@code Dwn.processMessage} returns it: {@code body} is the reply JSON
 * ({@code status: {code, detail}}, and {@code entries}, {@code cursor}, {@code entry}, … by message
 * type) and {@code data}, for a RecordsRead, the record's bytes, which the caller streams and closes.
 */
public record DwnReply(ObjectNode body, InputStream data) {
    public int statusCode() {
        return body.path("status").path("code").asInt();
    }
}
