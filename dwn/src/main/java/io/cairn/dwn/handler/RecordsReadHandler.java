package io.cairn.dwn.handler;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.DwnError;
import io.cairn.dwn.DwnReply;
import io.cairn.dwn.MessageProcessor.ProcessOptions;
import io.cairn.dwn.message.AuthoredMessage;
import io.cairn.dwn.message.Jws;
import io.cairn.dwn.message.Messages;
import io.cairn.dwn.message.PermissionGrant;
import io.cairn.dwn.message.Records;
import io.cairn.dwn.message.RecordsQuery;
import io.cairn.dwn.message.RecordsWrite;
import io.cairn.dwn.store.DataStore;
import io.cairn.dwn.store.Filter;
import io.cairn.dwn.store.FilterValue;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** RecordsRead, as the SDK's {@code RecordsReadHandler}; the data comes back as the reply's stream. */
public final class RecordsReadHandler implements MethodHandler {
    private final HandlerContext context;

    public RecordsReadHandler(HandlerContext context) {
        this.context = context;
    }

    @Override
    public DwnReply handle(String tenant, ObjectNode message, ProcessOptions options) {
        AuthoredMessage read;
        try {
            read = RecordsQuery.parseReadOrDelete(message);
        } catch (DwnError e) {
            return Replies.error(e, 400);
        }
        try {
            if (read.author() != null) {
                context.authentication().authenticate(message.get("authorization"));
            }
        } catch (DwnError e) {
            return Replies.error(e, 401);
        }
        Map<String, FilterValue> conditions = new LinkedHashMap<>();
        conditions.put("interface", new FilterValue.Equal("Records"));
        conditions.put("isLatestBaseState", new FilterValue.Equal(true));
        conditions.putAll(Records.convertFilter(message.path("descriptor").path("filter"), null));
        List<ObjectNode> matches = context.messageStore().query(tenant, List.of(new Filter(conditions)), null, null).messages();
        if (matches.isEmpty()) {
            return Replies.status(404, "Not Found");
        }
        if (matches.size() > 1) {
            return Replies.error(new DwnError("RecordsReadReturnedMultiple", "Multiple records exist for the RecordsRead filter"), 400);
        }
        ObjectNode matched = matches.get(0);
        if ("Delete".equals(Messages.method(matched))) {
            return deleted(tenant, read, matched);
        }
        try {
            authorize(tenant, read, RecordsWrite.parse(matched));
        } catch (DwnError e) {
            return Replies.error(e, 401);
        }
        InputStream data;
        if (matched.has("encodedData")) {
            data = new ByteArrayInputStream(Jws.base64UrlToBytes(matched.get("encodedData").asText()));
            matched.remove("encodedData");
        } else {
            Optional<DataStore.GetResult> stored = context.dataStore().get(tenant, matched.path("recordId").asText(),
                matched.path("descriptor").path("dataCid").asText());
            if (stored.isEmpty()) {
                return Replies.status(404, "Not Found");
            }
            data = stored.get().data();
        }
        ObjectNode body = Replies.body(200, "OK");
        ObjectNode entry = body.putObject("entry");
        entry.set("recordsWrite", matched);
        if (!RecordsWrite.isInitialWrite(matched)) {
            ObjectNode initial = RecordsQueryHandler.initialWrite(context.messageStore(), tenant, matched.path("recordId").asText());
            if (initial != null) {
                entry.set("initialWrite", initial);
            }
        }
        return new DwnReply(body, data);
    }

    private DwnReply deleted(String tenant, AuthoredMessage read, ObjectNode delete) {
        String recordId = delete.path("descriptor").path("recordId").asText();
        Filter byEntryId = new Filter(Map.of("entryId", new FilterValue.Equal(recordId)));
        List<ObjectNode> initial = context.messageStore().query(tenant, List.of(byEntryId), null, null).messages();
        if (initial.isEmpty()) {
            return Replies.error(new DwnError("RecordsReadInitialWriteNotFound", "Initial write for deleted record not found"), 400);
        }
        ObjectNode initialWrite = initial.get(0);
        RecordsWrite parsedInitialWrite = RecordsWrite.parse(initialWrite);
        try {
            authorize(tenant, read, parsedInitialWrite);
        } catch (DwnError e) {
            return Replies.error(e, 401);
        }
        ObjectNode body = Replies.body(404, "Not Found");
        ObjectNode entry = body.putObject("entry");
        entry.set("recordsDelete", delete);
        entry.set("initialWrite", initialWrite);
        return new DwnReply(body, null);
    }

    private void authorize(String tenant, AuthoredMessage read, RecordsWrite matched) {
        if (read.isSignedByAuthorDelegate()) {
            PermissionGrant grant = PermissionGrant.parse((ObjectNode) read.message().path("authorization").get("authorDelegatedGrant"));
            context.grants().authorizeRead(tenant, read.message(), matched.message(), read.author(), read.signer(), grant);
        }
        String author = read.author();
        ObjectNode descriptor = matched.descriptor();
        if (tenant.equals(author)) {
            return;
        }
        if (descriptor.path("published").isBoolean() && descriptor.get("published").booleanValue()) {
            return;
        }
        if (author != null && (author.equals(descriptor.path("recipient").asText(null)) || author.equals(matched.author()))) {
            return;
        }
        String permissionGrantId = read.payloadText("permissionGrantId");
        if (author != null && permissionGrantId != null) {
            PermissionGrant grant = GrantAuthorizer.fetchGrant(context.messageStore(), tenant, permissionGrantId);
            context.grants().authorizeRead(tenant, read.message(), matched.message(), tenant, author, grant);
        } else if (descriptor.has("protocol")) {
            context.protocols().authorizeRead(tenant, read, matched);
        } else {
            throw new DwnError("RecordsReadAuthorizationFailed", "message failed authorization");
        }
    }
}
