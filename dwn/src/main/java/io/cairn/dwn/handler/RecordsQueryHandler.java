package io.cairn.dwn.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.DwnError;
import io.cairn.dwn.DwnReply;
import io.cairn.dwn.MessageProcessor.ProcessOptions;
import io.cairn.dwn.message.AuthoredMessage;
import io.cairn.dwn.message.Messages;
import io.cairn.dwn.message.PermissionGrant;
import io.cairn.dwn.message.Records;
import io.cairn.dwn.message.RecordsQuery;
import io.cairn.dwn.message.RecordsWrite;
import io.cairn.dwn.store.Filter;
import io.cairn.dwn.store.FilterValue;
import io.cairn.dwn.store.MessageSort;
import io.cairn.dwn.store.MessageStore;
import io.cairn.dwn.store.Pagination;
import io.cairn.dwn.store.SortDirection;
import java.util.List;
import java.util.Map;

/** RecordsQuery, as the SDK's {@code RecordsQueryHandler}. */
public final class RecordsQueryHandler implements MethodHandler {
    private final HandlerContext context;

    public RecordsQueryHandler(HandlerContext context) {
        this.context = context;
    }

    @Override
    public DwnReply handle(String tenant, ObjectNode message, ProcessOptions options) {
        AuthoredMessage query;
        try {
            query = RecordsQuery.parseQueryOrSubscribe(message, true);
        } catch (DwnError e) {
            return Replies.error(e, 400);
        }
        JsonNode descriptor = message.get("descriptor");
        JsonNode filter = descriptor.get("filter");
        String dateSort = Messages.textOrNull(descriptor.get("dateSort"));
        MessageSort sort = sort(dateSort);
        Pagination pagination = pagination(descriptor.get("pagination"));
        List<Filter> filters;
        if (Records.filterIncludesPublishedRecords(filter) && query.author() == null) {
            filters = List.of(RecordsVisibility.QUERY.published(filter, dateSort));
        } else {
            try {
                context.authentication().authenticate(message.get("authorization"));
                authorize(tenant, query);
            } catch (DwnError e) {
                return Replies.error(e, 401);
            }
            filters = tenant.equals(query.author())
                ? List.of(RecordsVisibility.QUERY.owner(filter, dateSort))
                : RecordsVisibility.QUERY.nonOwner(query, dateSort);
        }
        MessageStore.QueryResult result = context.messageStore().query(tenant, filters, sort, pagination);
        ObjectNode body = Replies.body(200, "OK");
        ArrayNode entries = body.putArray("entries");
        for (ObjectNode write : result.messages()) {
            if (!RecordsWrite.isInitialWrite(write)) {
                ObjectNode initial = initialWrite(context.messageStore(), tenant, write.path("recordId").asText());
                if (initial != null) {
                    write.set("initialWrite", initial);
                }
            }
            entries.add(write);
        }
        if (result.cursor() != null) {
            body.set("cursor", Cursors.toJson(result.cursor()));
        }
        return new DwnReply(body, null);
    }

    /** The record's initial write, stored as no longer the latest state, without inline data. */
    static ObjectNode initialWrite(MessageStore store, String tenant, String recordId) {
        Filter filter = new Filter(Map.of("recordId", new FilterValue.Equal(recordId),
            "isLatestBaseState", new FilterValue.Equal(false), "method", new FilterValue.Equal("Write")));
        List<ObjectNode> found = store.query(tenant, List.of(filter), null, null).messages();
        if (found.isEmpty()) {
            return null;
        }
        ObjectNode initial = found.get(0);
        initial.remove("encodedData");
        return initial;
    }

    private void authorize(String tenant, AuthoredMessage query) {
        if (query.isSignedByAuthorDelegate()) {
            PermissionGrant grant = PermissionGrant.parse((ObjectNode) query.message().path("authorization").get("authorDelegatedGrant"));
            context.grants().authorizeQueryOrSubscribe(tenant, query.message(), query.author(), query.signer(), grant);
        }
        if (query.signaturePayload() != null && query.signaturePayload().has("protocolRole")) {
            context.protocols().authorizeQueryOrSubscribe(tenant, query);
        }
    }

    static MessageSort sort(String dateSort) {
        if (dateSort == null) {
            return new MessageSort("dateCreated", SortDirection.ASCENDING);
        }
        return switch (dateSort) {
            case "createdDescending" -> new MessageSort("dateCreated", SortDirection.DESCENDING);
            case "publishedAscending" -> new MessageSort("datePublished", SortDirection.ASCENDING);
            case "publishedDescending" -> new MessageSort("datePublished", SortDirection.DESCENDING);
            default -> new MessageSort("dateCreated", SortDirection.ASCENDING);
        };
    }

    static Pagination pagination(JsonNode pagination) {
        if (pagination == null) {
            return Pagination.ALL;
        }
        JsonNode limit = pagination.get("limit");
        JsonNode cursor = pagination.get("cursor");
        return new Pagination(Cursors.fromJson(cursor), limit == null ? null : (int) limit.asDouble());
    }
}
