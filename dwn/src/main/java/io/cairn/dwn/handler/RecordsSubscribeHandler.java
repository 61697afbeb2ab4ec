package io.cairn.dwn.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.DwnError;
import io.cairn.dwn.DwnReply;
import io.cairn.dwn.MessageProcessor.ProcessOptions;
import io.cairn.dwn.Subscription;
import io.cairn.dwn.message.AuthoredMessage;
import io.cairn.dwn.message.Messages;
import io.cairn.dwn.message.PermissionGrant;
import io.cairn.dwn.message.Records;
import io.cairn.dwn.message.RecordsQuery;
import io.cairn.dwn.store.Filter;
import io.cairn.dwn.store.FilterMatcher;
import java.util.List;
import java.util.function.Consumer;

/** RecordsSubscribe, as the SDK's {@code RecordsSubscribeHandler}: matching writes and deletes go to the handler. */
public final class RecordsSubscribeHandler implements MethodHandler {
    private final HandlerContext context;

    public RecordsSubscribeHandler(HandlerContext context) {
        this.context = context;
    }

    @Override
    public DwnReply handle(String tenant, ObjectNode message, ProcessOptions options) {
        if (context.eventStream() == null) {
            return Replies.error(new DwnError("RecordsSubscribeEventStreamUnimplemented", "Subscriptions are not supported"), 501);
        }
        AuthoredMessage subscribe;
        try {
            subscribe = RecordsQuery.parseQueryOrSubscribe(message, false);
        } catch (DwnError e) {
            return Replies.error(e, 400);
        }
        JsonNode filter = message.path("descriptor").path("filter");
        List<Filter> filters;
        if (Records.filterIncludesPublishedRecords(filter) && subscribe.author() == null) {
            filters = List.of(RecordsVisibility.SUBSCRIBE.published(filter, null));
        } else {
            try {
                context.authentication().authenticate(message.get("authorization"));
                authorize(tenant, subscribe);
            } catch (DwnError e) {
                return Replies.error(e, 401);
            }
            filters = tenant.equals(subscribe.author())
                ? List.of(RecordsVisibility.SUBSCRIBE.owner(filter, null))
                : RecordsVisibility.SUBSCRIBE.nonOwner(subscribe, null);
        }
        Consumer<ObjectNode> handler = options == null ? null : options.subscriptionHandler();
        Subscription subscription = context.eventStream().subscribe(tenant, Messages.cid(message), (eventTenant, event, indexes) -> {
            if (tenant.equals(eventTenant) && FilterMatcher.matchesAny(indexes.values(), filters) && handler != null) {
                handler.accept(event.toJson());
            }
        });
        ObjectNode body = Replies.body(200, "OK");
        body.putObject("subscription").put("id", subscription.id());
        return new DwnReply(body, null, subscription);
    }

    private void authorize(String tenant, AuthoredMessage subscribe) {
        if (subscribe.isSignedByAuthorDelegate()) {
            PermissionGrant grant = PermissionGrant.parse((ObjectNode) subscribe.message().path("authorization").get("authorDelegatedGrant"));
            context.grants().authorizeQueryOrSubscribe(tenant, subscribe.message(), subscribe.author(), subscribe.signer(), grant);
        }
        if (subscribe.signaturePayload() != null && subscribe.signaturePayload().has("protocolRole")) {
            context.protocols().authorizeQueryOrSubscribe(tenant, subscribe);
        }
    }
}
