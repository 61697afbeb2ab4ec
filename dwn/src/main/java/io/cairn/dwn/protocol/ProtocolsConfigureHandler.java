package io.cairn.dwn.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.DwnError;
import io.cairn.dwn.DwnReply;
import io.cairn.dwn.message.AuthoredMessage;
import io.cairn.dwn.message.Messages;
import io.cairn.dwn.message.PermissionGrant;
import io.cairn.dwn.message.Timestamps;
import io.cairn.dwn.MessageProcessor.ProcessOptions;
import io.cairn.dwn.event.MessageEvent;
import io.cairn.dwn.handler.HandlerContext;
import io.cairn.dwn.handler.MethodHandler;
import io.cairn.dwn.handler.Replies;
import io.cairn.dwn.store.KeyValues;
import io.cairn.dwn.store.MessageStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ProtocolsConfigure (dwn-sdk-js's {@code ProtocolsConfigureHandler}): a definition that passes the rules
 * (400 otherwise), signed by the tenant or under a grant (401 otherwise), replaces every older
 * configuration of its protocol (202), unless one as new or newer is stored (409).
 */
public final class ProtocolsConfigureHandler implements MethodHandler {
    private final HandlerContext context;
    private final MessageStore messageStore;

    public ProtocolsConfigureHandler(HandlerContext context) {
        this.context = context;
        this.messageStore = context.messageStore();
    }

    @Override
    public DwnReply handle(String tenant, ObjectNode message, ProcessOptions options) {
        AuthoredMessage configure;
        try {
            configure = parse(message);
        } catch (DwnError e) {
            return Replies.status(400, e.detail());
        }
        try {
            context.authentication().authenticate(message.get("authorization"));
            authorize(tenant, configure);
        } catch (DwnError e) {
            return Replies.status(401, e.detail());
        }
        return context.transactions().atomically(() -> store(tenant, message, configure));
    }

    private DwnReply store(String tenant, ObjectNode message, AuthoredMessage configure) {
        String protocol = message.path("descriptor").path("definition").path("protocol").asText();
        List<ObjectNode> existing = StoreQueries.query(messageStore, tenant,
                Map.of("interface", "Protocols", "method", "Configure", "protocol", protocol));
        ObjectNode newest = Messages.newest(existing);
        boolean incomingIsNewest = newest == null || Messages.isNewer(message, newest);
        DwnReply reply;
        if (incomingIsNewest) {
            newest = message;
            KeyValues indexes = indexes(configure);
            String messageCid = Messages.cid(message);
            messageStore.put(tenant, message, messageCid, indexes);
            context.eventLog().append(tenant, messageCid, indexes);
            if (context.eventStream() != null) {
                context.eventStream().emit(tenant, MessageEvent.of(message), indexes);
            }
            reply = Replies.status(202, "Accepted");
        } else {
            reply = Replies.status(409, "Conflict");
        }
        List<String> deleted = new ArrayList<>();
        for (ObjectNode older : existing) {
            if (Messages.isNewer(newest, older)) {
                String cid = Messages.cid(older);
                deleted.add(cid);
                messageStore.delete(tenant, cid);
            }
        }
        context.eventLog().deleteEventsByCid(tenant, deleted);
        return reply;
    }

    /** The SDK's {@code ProtocolsConfigure.parse}. */
    static AuthoredMessage parse(ObjectNode message) {
        Messages.validateJsonSchema(message);
        ProtocolDefinitionRules.validate(message.path("descriptor").path("definition"));
        Messages.validateSignatureStructure(message.path("authorization").path("signature"), message.get("descriptor"));
        Timestamps.validate(message.path("descriptor").path("messageTimestamp").asText());
        return new AuthoredMessage(message);
    }

    private void authorize(String tenant, AuthoredMessage configure) {
        if (configure.isSignedByAuthorDelegate()) {
            PermissionGrant delegated = PermissionGrant.parse((ObjectNode) configure.message().path("authorization").get("authorDelegatedGrant"));
            ProtocolsGrantAuthorization.authorizeConfigure(configure.message(), configure.author(), configure.signer(), delegated, messageStore);
        }
        String author = configure.author();
        String grantId = configure.payloadText("permissionGrantId");
        if (tenant.equals(author)) {
            return;
        }
        if (author != null && grantId != null) {
            PermissionGrant grant = PermissionsProtocol.fetchGrant(tenant, messageStore, grantId);
            ProtocolsGrantAuthorization.authorizeConfigure(configure.message(), tenant, author, grant, messageStore);
            return;
        }
        throw new DwnError("ProtocolsConfigureAuthorizationFailed", "message failed authorization");
    }

    static KeyValues indexes(AuthoredMessage configure) {
        JsonNode descriptor = configure.descriptor();
        Map<String, Object> indexes = new LinkedHashMap<>();
        descriptor.fields().forEachRemaining(field -> {
            if (!field.getKey().equals("definition")) {
                indexes.put(field.getKey(), field.getValue().asText());
            }
        });
        indexes.put("author", configure.author());
        indexes.put("protocol", descriptor.path("definition").path("protocol").asText());
        indexes.put("published", descriptor.path("definition").path("published").asBoolean());
        return new KeyValues(indexes);
    }
}
