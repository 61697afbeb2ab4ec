package io.cairn.dwn.handler;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.DwnError;
import io.cairn.dwn.DwnReply;
import io.cairn.dwn.MessageProcessor;
import io.cairn.dwn.Subscription;
import io.cairn.dwn.event.EventListener;
import io.cairn.dwn.event.EventStream;
import io.cairn.dwn.message.AuthoredMessage;
import io.cairn.dwn.message.Messages;
import io.cairn.dwn.store.Filter;
import io.cairn.dwn.store.FilterMatcher;
import io.cairn.dwn.store.MessageStore;
import java.util.List;
import java.util.function.Consumer;

/**
 * MessagesSubscribe (dwn-sdk-js's {@code MessagesSubscribeHandler}): from now on, every event of the tenant
 * that matches any filter goes to the caller's subscription handler, until the returned subscription (id:
 * the Subscribe message's CID) is closed. Without an event stream the DWN answers 501, as the SDK does.
 */
public final class MessagesSubscribeHandler implements MethodHandler {
    private final Authentication authentication;
    private final MessageStore messageStore;
    private final EventStream eventStream;

    /** The context's event stream may be null: subscriptions are then not supported. */
    public MessagesSubscribeHandler(HandlerContext context) {
        this.authentication = context.authentication();
        this.messageStore = context.messageStore();
        this.eventStream = context.eventStream();
    }

    @Override
    public DwnReply handle(String tenant, ObjectNode message, MessageProcessor.ProcessOptions options) {
        if (eventStream == null) {
            return Replies.error(new DwnError("MessagesSubscribeEventStreamUnimplemented", "Subscriptions are not supported"), 501);
        }
        AuthoredMessage subscribe;
        try {
            subscribe = MessagesMessages.parseQueryOrSubscribe(message, true);
        } catch (DwnError e) {
            return Replies.error(e, 400);
        }
        try {
            authentication.authenticate(message.get("authorization"));
            MessagesAuthorization.authorizeQueryOrSubscribe(tenant, subscribe, messageStore,
                    "MessagesSubscribeAuthorizationFailed");
        } catch (DwnError e) {
            return Replies.error(e, 401);
        }

        List<Filter> filters = MessagesFilters.convert(message.path("descriptor").get("filters"));
        Consumer<ObjectNode> handler = options == null ? null : options.subscriptionHandler();
        EventListener listener = (eventTenant, event, indexes) -> {
            if (handler != null && tenant.equals(eventTenant) && FilterMatcher.matchesAny(indexes.values(), filters)) {
                handler.accept(event.toJson());
            }
        };
        Subscription subscription = eventStream.subscribe(tenant, Messages.cid(message), listener);
        ObjectNode body = Replies.body(200, "OK");
        body.putObject("subscription").put("id", subscription.id());
        return new DwnReply(body, null, subscription);
    }
}
