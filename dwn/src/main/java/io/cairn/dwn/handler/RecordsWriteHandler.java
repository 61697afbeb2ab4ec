package io.cairn.dwn.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.DwnError;
import io.cairn.dwn.DwnReply;
import io.cairn.dwn.MessageProcessor.ProcessOptions;
import io.cairn.dwn.event.MessageEvent;
import io.cairn.dwn.message.Cids;
import io.cairn.dwn.message.JsText;
import io.cairn.dwn.message.Jws;
import io.cairn.dwn.message.Messages;
import io.cairn.dwn.message.PermissionGrant;
import io.cairn.dwn.message.Records;
import io.cairn.dwn.message.RecordsWrite;
import io.cairn.dwn.store.DataStore;
import io.cairn.dwn.store.KeyValues;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;

/** RecordsWrite, as the SDK's {@code RecordsWriteHandler}. */
public final class RecordsWriteHandler implements MethodHandler {
    private static final Set<String> BAD_REQUEST_CODES = Set.of("RecordsWriteMissingEncodedDataInPrevious",
        "RecordsWriteMissingDataInPrevious", "RecordsWriteNotAllowedAfterDelete", "RecordsWriteDataCidMismatch",
        "RecordsWriteDataSizeMismatch");

    private final HandlerContext context;
    private final StorageController storage;

    public RecordsWriteHandler(HandlerContext context, StorageController storage) {
        this.context = context;
        this.storage = storage;
    }

    @Override
    public DwnReply handle(String tenant, ObjectNode message, ProcessOptions options) {
        RecordsWrite write;
        try {
            write = RecordsWrite.parse(message);
            if (message.path("descriptor").has("protocol")) {
                context.protocols().validateReferentialIntegrity(tenant, write);
            }
        } catch (DwnError e) {
            return Replies.error(e, 400);
        }
        try {
            context.authentication().authenticate(message.get("authorization"));
            authorize(tenant, write);
        } catch (DwnError e) {
            return Replies.error(e, 401);
        }
        InputStream data = options == null ? null : options.data();
        return context.locks().withRecord(tenant, write.recordId(),
            () -> context.transactions().atomically(() -> store(tenant, message, write, data)));
    }

    private DwnReply store(String tenant, ObjectNode message, RecordsWrite write, InputStream data) {
        List<ObjectNode> existing = StorageController.recordMessages(context.messageStore(), tenant, write.recordId());
        boolean isInitialWrite = write.isInitialWrite();
        ObjectNode initialWrite = null;
        if (!isInitialWrite) {
            try {
                initialWrite = RecordsWrite.initialWrite(existing);
                RecordsWrite.verifyEqualityOfImmutableProperties(initialWrite, message);
            } catch (DwnError e) {
                return Replies.error(e, 400);
            }
        }
        ObjectNode newestExisting = Messages.newest(existing);
        if (newestExisting != null && !Messages.isNewer(message, newestExisting)) {
            return Replies.status(409, "Conflict");
        }
        try {
            if (newestExisting != null && "Delete".equals(Messages.method(newestExisting))) {
                throw new DwnError("RecordsWriteNotAllowedAfterDelete", "RecordsWrite is not allowed after a RecordsDelete.");
            }
            context.coreRecords().beforeStore(tenant, message);
            boolean isLatestBaseState = false;
            ObjectNode stored = message;
            if (data != null) {
                stored = storeWithData(tenant, message, data);
                isLatestBaseState = true;
            } else if (!isInitialWrite) {
                stored = withoutNewData(tenant, message, newestExisting);
                isLatestBaseState = true;
            }
            KeyValues indexes = write.constructIndexes(isLatestBaseState);
            String messageCid = Messages.cid(message);
            context.messageStore().put(tenant, stored, messageCid, indexes);
            context.eventLog().append(tenant, messageCid, indexes);
            if (context.eventStream() != null && isLatestBaseState) {
                context.eventStream().emit(tenant, new MessageEvent(message, initialWrite), indexes);
            }
        } catch (DwnError e) {
            String code = e.code();
            if (BAD_REQUEST_CODES.contains(code) || code.startsWith("PermissionsProtocolValidate") || code.startsWith("SchemaValidator")) {
                return Replies.error(e, 400);
            }
            throw e;
        }
        DwnReply reply = isInitialWrite && data == null ? Replies.status(204, "No Content") : Replies.status(202, "Accepted");
        storage.deleteAllOlderMessagesButKeepInitialWrite(tenant, existing, message);
        context.coreRecords().afterStore(tenant, message);
        return reply;
    }

    private ObjectNode storeWithData(String tenant, ObjectNode message, InputStream data) {
        JsonNode descriptor = message.get("descriptor");
        String dataCid = descriptor.path("dataCid").asText();
        if (descriptor.path("dataSize").asDouble() <= Records.MAX_DATA_SIZE_ALLOWED_TO_BE_ENCODED) {
            byte[] bytes = readAll(data);
            validateDataIntegrity(descriptor.get("dataCid"), descriptor.get("dataSize"), dataCid(bytes), bytes.length);
            context.coreRecords().validateData(message, bytes);
            ObjectNode withData = message.deepCopy();
            withData.put("encodedData", Jws.bytesToBase64Url(bytes));
            return withData;
        }
        String recordId = message.path("recordId").asText();
        try {
            DataStore.PutResult put = context.dataStore().put(tenant, recordId, dataCid, data);
            validateDataIntegrity(descriptor.get("dataCid"), descriptor.get("dataSize"), put.dataCid(), put.dataSize());
        } catch (RuntimeException e) {
            context.dataStore().delete(tenant, recordId, dataCid);
            throw e;
        }
        return message;
    }

    private ObjectNode withoutNewData(String tenant, ObjectNode message, ObjectNode newestExisting) {
        JsonNode descriptor = message.get("descriptor");
        JsonNode existingDescriptor = newestExisting.get("descriptor");
        validateDataIntegrity(descriptor.get("dataCid"), descriptor.get("dataSize"),
            existingDescriptor.path("dataCid").asText(), existingDescriptor.path("dataSize").asDouble());
        ObjectNode stored = message.deepCopy();
        if (descriptor.path("dataSize").asDouble() <= Records.MAX_DATA_SIZE_ALLOWED_TO_BE_ENCODED) {
            if (!newestExisting.has("encodedData")) {
                throw new DwnError("RecordsWriteMissingEncodedDataInPrevious", "No dataStream was provided and unable to get data from previous message");
            }
            stored.set("encodedData", newestExisting.get("encodedData"));
        } else {
            var previous = context.dataStore().get(tenant, newestExisting.path("recordId").asText(), descriptor.path("dataCid").asText());
            if (previous.isEmpty()) {
                throw new DwnError("RecordsWriteMissingDataInPrevious", "No dataStream was provided and unable to get data from previous message");
            }
            closeQuietly(previous.get().data());
        }
        return stored;
    }

    private static void validateDataIntegrity(JsonNode expectedCid, JsonNode expectedSize, String actualCid, double actualSize) {
        if (!actualCid.equals(expectedCid.asText())) {
            throw new DwnError("RecordsWriteDataCidMismatch",
                "actual data CID " + actualCid + " does not match dataCid in descriptor: " + JsText.of(expectedCid));
        }
        if (expectedSize.asDouble() != actualSize) {
            throw new DwnError("RecordsWriteDataSizeMismatch", "actual data size " + io.cairn.dwn.store.IndexValues.jsNumberString(actualSize)
                + " bytes does not match dataSize in descriptor: " + JsText.of(expectedSize));
        }
    }

    /** {@code Cid.computeDagPbCidFromBytes}: one raw leaf up to the chunk size, the UnixFS importer beyond. */
    private String dataCid(byte[] bytes) {
        if (bytes.length <= Cids.UNIXFS_CHUNK_SIZE) {
            return Cids.rawLeafCid(bytes);
        }
        try {
            return context.dataCidComputer().computeCid(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void authorize(String tenant, RecordsWrite write) {
        String owner = write.owner();
        if (owner != null && !owner.equals(tenant)) {
            throw new DwnError("RecordsWriteOwnerAndTenantMismatch", "Owner " + owner + " must be the same as tenant " + tenant + " when specified.");
        }
        if (write.isSignedByAuthorDelegate()) {
            PermissionGrant grant = PermissionGrant.parse((ObjectNode) write.message().path("authorization").get("authorDelegatedGrant"));
            context.grants().authorizeWrite(tenant, write.message(), write.author(), write.signer(), grant);
        }
        if (write.isSignedByOwnerDelegate()) {
            PermissionGrant grant = PermissionGrant.parse((ObjectNode) write.message().path("authorization").get("ownerDelegatedGrant"));
            context.grants().authorizeWrite(tenant, write.message(), owner, write.ownerSignatureSigner(), grant);
        }
        if (owner != null || tenant.equals(write.author())) {
            return;
        }
        String permissionGrantId = write.payloadText("permissionGrantId");
        if (write.author() != null && permissionGrantId != null) {
            PermissionGrant grant = GrantAuthorizer.fetchGrant(context.messageStore(), tenant, permissionGrantId);
            context.grants().authorizeWrite(tenant, write.message(), tenant, write.author(), grant);
        } else if (write.descriptor().has("protocol")) {
            context.protocols().authorizeWrite(tenant, write);
        } else {
            throw new DwnError("RecordsWriteAuthorizationFailed", "message failed authorization");
        }
    }

    static byte[] readAll(InputStream data) {
        try (InputStream in = data) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // a read stream of in-store data; nothing to recover
        }
    }
}
