package io.cairn.dwn;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.util.function.Consumer;

/**
 * The DWN's one entry point, as dwn-sdk-js's {@code Dwn.processMessage(tenant, message, options)}: every
 * outcome, including a malformed or unauthorized message, is a reply with the SDK's status code; only
 * a storage failure throws.
 */
public interface MessageProcessor {
    DwnReply processMessage(String tenant, ObjectNode message, ProcessOptions options);

    /**
     * {@code data}: the record data of a RecordsWrite (null when none); {@code subscriptionHandler}:
     * receives the events of a Subscribe message (null otherwise).
     */
    record ProcessOptions(InputStream data, Consumer<ObjectNode> subscriptionHandler) {
        public static final ProcessOptions NONE = new ProcessOptions(null, null);
    }
}
