package io.cairn.dwn.handler;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
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
import java.util.List;
import java.util.Map;

/** RecordsDelete, as the SDK's {@code RecordsDeleteHandler}: the deletion (and prune) runs as a resumable task. */
public final class RecordsDeleteHandler implements MethodHandler {
    private final HandlerContext context;

    public RecordsDeleteHandler(HandlerContext context) {
        this.context = context;
    }

    @Override
    public DwnReply handle(String tenant, ObjectNode message, ProcessOptions options) {
        AuthoredMessage delete;
        try {
            delete = RecordsQuery.parseReadOrDelete(message);
        } catch (DwnError e) {
            return Replies.error(e, 400);
        }
        try {
            context.authentication().authenticate(message.get("authorization"));
        } catch (DwnError e) {
            return Replies.error(e, 401);
        }
        String recordId = message.path("descriptor").path("recordId").asText();
        return context.locks().withRecord(tenant, recordId, () -> context.transactions().atomically(() -> {
            List<ObjectNode> existing = StorageController.recordMessages(context.messageStore(), tenant, recordId);
            ObjectNode newest = Messages.newest(existing);
            if (!Records.canPerformDeleteAgainstRecord(message, newest)) {
                return Replies.status(404, "Not Found");
            }
            if (!Messages.isNewer(message, newest)) {
                return Replies.status(409, "Conflict");
            }
            try {
                Filter byEntryId = new Filter(Map.of("entryId", new FilterValue.Equal(recordId)));
                List<ObjectNode> initial = context.messageStore().query(tenant, List.of(byEntryId), null, null).messages();
                authorize(tenant, delete, RecordsWrite.parse(initial.get(0)));
            } catch (DwnError e) {
                return Replies.error(e, 401);
            }
            ObjectNode data = JsonNodeFactory.instance.objectNode();
            data.put("tenant", tenant);
            data.set("message", message);
            context.tasks().run(ResumableTaskManager.RECORDS_DELETE, data);
            return Replies.status(202, "Accepted");
        }));
    }

    private void authorize(String tenant, AuthoredMessage delete, RecordsWrite initialWrite) {
        if (delete.isSignedByAuthorDelegate()) {
            PermissionGrant grant = PermissionGrant.parse((ObjectNode) delete.message().path("authorization").get("authorDelegatedGrant"));
            context.grants().authorizeDelete(tenant, delete.message(), initialWrite.message(), delete.author(), delete.signer(), grant);
        }
        if (tenant.equals(delete.author())) {
            return;
        }
        if (initialWrite.descriptor().has("protocol")) {
            context.protocols().authorizeDelete(tenant, delete, initialWrite);
        } else {
            throw new DwnError("RecordsDeleteAuthorizationFailed", "RecordsDelete message failed authorization");
        }
    }
}
