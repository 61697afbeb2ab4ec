package io.cairn.dwn.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.DwnError;
import io.cairn.dwn.DwnReply;
import io.cairn.dwn.MessageProcessor.ProcessOptions;
import io.cairn.dwn.handler.HandlerContext;
import io.cairn.dwn.handler.MethodHandler;
import io.cairn.dwn.handler.Replies;
import io.cairn.dwn.message.AuthoredMessage;
import io.cairn.dwn.message.Messages;
import io.cairn.dwn.message.PermissionGrant;
import io.cairn.dwn.message.Timestamps;
import io.cairn.dwn.store.MessageStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * ProtocolsQuery (dwn-sdk-js's {@code ProtocolsQueryHandler}): the tenant, or a grantee within the grant's
 * protocol, sees every configuration; anyone else (unsigned, not granted, or granted another protocol) sees
 * the published ones; other authentication or grant failures are 401.
 */
public final class ProtocolsQueryHandler implements MethodHandler {
    private static final Set<String> SEE_PUBLISHED_ONLY = Set.of("AuthenticateJwsMissing", "ProtocolsQueryUnauthorized",
            ProtocolsGrantAuthorization.QUERY_PROTOCOL_SCOPE_MISMATCH);

    private final HandlerContext context;
    private final MessageStore messageStore;

    public ProtocolsQueryHandler(HandlerContext context) {
        this.context = context;
        this.messageStore = context.messageStore();
    }

    @Override
    public DwnReply handle(String tenant, ObjectNode message, ProcessOptions options) {
        AuthoredMessage query;
        try {
            query = parse(message);
        } catch (DwnError e) {
            return Replies.status(400, e.detail());
        }
        try {
            context.authentication().authenticate(message.get("authorization"));
            authorize(tenant, query);
        } catch (DwnError e) {
            if (SEE_PUBLISHED_ONLY.contains(e.code())) {
                return entries(configures(tenant, message, true));
            }
            return Replies.status(401, e.detail());
        }
        return entries(configures(tenant, message, false));
    }

    static AuthoredMessage parse(ObjectNode message) {
        if (message.has("authorization")) {
            Messages.validateSignatureStructure(message.path("authorization").path("signature"), message.get("descriptor"));
        }
        JsonNode filter = message.path("descriptor").get("filter");
        if (filter != null) {
            ProtocolUrls.validateProtocolNormalized(filter.path("protocol").asText());
        }
        Timestamps.validate(message.path("descriptor").path("messageTimestamp").asText());
        return new AuthoredMessage(message);
    }

    private void authorize(String tenant, AuthoredMessage query) {
        String author = query.author();
        if (tenant.equals(author)) {
            return;
        }
        String grantId = query.payloadText("permissionGrantId");
        if (author != null && grantId != null && !grantId.isEmpty()) {
            PermissionGrant grant = PermissionsProtocol.fetchGrant(tenant, messageStore, grantId);
            ProtocolsGrantAuthorization.authorizeQuery(query.message(), tenant, author, grant, messageStore);
            return;
        }
        throw new DwnError("ProtocolsQueryUnauthorized", "The ProtocolsQuery failed authorization");
    }

    private List<ObjectNode> configures(String tenant, ObjectNode message, boolean publishedOnly) {
        Map<String, Object> filter = new HashMap<>();
        JsonNode protocol = message.path("descriptor").path("filter").get("protocol");
        if (protocol != null) {
            filter.put("protocol", protocol.asText());
        }
        filter.put("interface", "Protocols");
        filter.put("method", "Configure");
        if (publishedOnly) {
            filter.put("published", true);
        }
        return StoreQueries.query(messageStore, tenant, filter);
    }

    private static DwnReply entries(List<ObjectNode> configures) {
        DwnReply reply = Replies.status(200, "OK");
        ArrayNode entries = reply.body().putArray("entries");
        configures.forEach(entries::add);
        return reply;
    }
}
