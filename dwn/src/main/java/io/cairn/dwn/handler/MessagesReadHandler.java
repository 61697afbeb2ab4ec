package io.cairn.dwn.handler;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.DwnError;
import io.cairn.dwn.DwnReply;
import io.cairn.dwn.MessageProcessor;
import io.cairn.dwn.message.AuthoredMessage;
import io.cairn.dwn.message.Jws;
import io.cairn.dwn.message.Messages;
import io.cairn.dwn.store.DataStore;
import io.cairn.dwn.store.MessageStore;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Optional;

/**
 * MessagesRead (dwn-sdk-js's {@code MessagesReadHandler}): one stored message by CID, with the record's
 * data when it is a RecordsWrite (inline {@code encodedData} taken out of the message, or the data store's).
 */
public final class MessagesReadHandler implements MethodHandler {
    private final Authentication authentication;
    private final MessageStore messageStore;
    private final DataStore dataStore;

    public MessagesReadHandler(HandlerContext context) {
        this.authentication = context.authentication();
        this.messageStore = context.messageStore();
        this.dataStore = context.dataStore();
    }

    @Override
    public DwnReply handle(String tenant, ObjectNode message, MessageProcessor.ProcessOptions options) {
        AuthoredMessage read;
        try {
            read = MessagesMessages.parseRead(message);
        } catch (DwnError e) {
            return Replies.error(e, 400);
        }
        try {
            authentication.authenticate(message.get("authorization"));
        } catch (DwnError e) {
            return Replies.error(e, 401);
        }

        String messageCid = message.path("descriptor").path("messageCid").asText();
        Optional<ObjectNode> stored = messageStore.get(tenant, messageCid);
        if (stored.isEmpty()) return Replies.status(404, "Not Found");
        ObjectNode found = stored.get().deepCopy();
        try {
            MessagesAuthorization.authorizeRead(tenant, read, found, messageStore);
        } catch (DwnError e) {
            return Replies.error(e, 401);
        }

        InputStream data = null;
        if (Messages.isRecordsWrite(found)) {
            if (found.has("encodedData")) {
                data = new ByteArrayInputStream(Jws.base64UrlToBytes(found.get("encodedData").asText()));
                found.remove("encodedData");
            } else {
                data = dataStore.get(tenant, found.path("recordId").asText(), found.path("descriptor").path("dataCid").asText())
                        .map(DataStore.GetResult::data).orElse(null);
            }
        }
        ObjectNode body = Replies.body(200, "OK");
        ObjectNode entry = body.putObject("entry");
        entry.set("message", found);
        entry.put("messageCid", messageCid);
        return new DwnReply(body, data);
    }
}
