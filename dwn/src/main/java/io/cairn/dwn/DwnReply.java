package io.cairn.dwn;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;

/**
 * A reply as dwn-sdk-js's {@code Dwn.processMessage} returns it: {@code body} is the reply JSON
 * ({@code status: {code, detail}}, and {@code entries}, {@code cursor}, {@code entry}, … by message
 * type) and {@code data}, for a RecordsRead, the record's bytes, which the caller streams and closes;
 * {@code subscription}, for an accepted Subscribe, the handle that ends it (the body then holds
 * {@code subscription: {id}}, as the SDK's reply does once its {@code close} function is taken out).
 */
public record DwnReply(ObjectNode body, InputStream data, Subscription subscription) {
    public DwnReply(ObjectNode body, InputStream data) {
        this(body, data, null);
    }

    public int statusCode() {
        return body.path("status").path("code").asInt();
    }
}
