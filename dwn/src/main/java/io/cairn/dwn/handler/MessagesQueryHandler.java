package io.cairn.dwn.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.DwnError;
import io.cairn.dwn.DwnReply;
import io.cairn.dwn.MessageProcessor;
import io.cairn.dwn.message.AuthoredMessage;
import io.cairn.dwn.store.EventLog;
import io.cairn.dwn.store.MessageStore;

/**
 * MessagesQuery (dwn-sdk-js's {@code MessagesQueryHandler}): the CIDs of the tenant's events after the
 * cursor that match any filter, in event-log order, and the cursor of the last one.
 */
public final class MessagesQueryHandler implements MethodHandler {
    private final Authentication authentication;
    private final MessageStore messageStore;
    private final EventLog eventLog;

    public MessagesQueryHandler(HandlerContext context) {
        this.authentication = context.authentication();
        this.messageStore = context.messageStore();
        this.eventLog = context.eventLog();
    }

    @Override
    public DwnReply handle(String tenant, ObjectNode message, MessageProcessor.ProcessOptions options) {
        AuthoredMessage query;
        try {
            query = MessagesMessages.parseQueryOrSubscribe(message, false);
        } catch (DwnError e) {
            return Replies.error(e, 400);
        }
        try {
            authentication.authenticate(message.get("authorization"));
            MessagesAuthorization.authorizeQueryOrSubscribe(tenant, query, messageStore,
                    "MessagesQueryAuthorizationFailed");
        } catch (DwnError e) {
            return Replies.error(e, 401);
        }

        JsonNode descriptor = message.get("descriptor");
        EventLog.EventsPage page = eventLog.queryEvents(tenant, MessagesFilters.convert(descriptor.get("filters")),
                Cursors.fromJson(descriptor.get("cursor")));
        ObjectNode body = Replies.body(200, "OK");
        ArrayNode entries = body.putArray("entries");
        page.events().forEach(entries::add);
        if (page.cursor() != null) body.set("cursor", Cursors.toJson(page.cursor()));
        return new DwnReply(body, null);
    }
}
