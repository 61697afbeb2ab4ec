package io.cairn.dwn.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.event.MessageEvent;
import io.cairn.dwn.message.Messages;
import io.cairn.dwn.message.Records;
import io.cairn.dwn.message.RecordsWrite;
import io.cairn.dwn.store.DataStore;
import io.cairn.dwn.store.EventLog;
import io.cairn.dwn.store.Filter;
import io.cairn.dwn.store.FilterValue;
import io.cairn.dwn.store.KeyValues;
import io.cairn.dwn.store.MessageStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The SDK's {@code StorageController}: the store changes of a RecordsDelete, a prune, and the clean-up after a newer message. */
public final class StorageController {
    private final HandlerContext context;

    public StorageController(HandlerContext context) {
        this.context = context;
    }

    /** {@code performRecordsDelete}: stores the delete, prunes descendants if asked, removes older messages. */
    public void performRecordsDelete(String tenant, ObjectNode delete) {
        String recordId = delete.path("descriptor").path("recordId").asText();
        List<ObjectNode> existing = recordMessages(context.messageStore(), tenant, recordId);
        ObjectNode newest = Messages.newest(existing);
        if (!Records.canPerformDeleteAgainstRecord(delete, newest)) {
            return;
        }
        io.cairn.dwn.message.AuthoredMessage recordsDelete = new io.cairn.dwn.message.AuthoredMessage(delete);
        ObjectNode initialWrite = RecordsWrite.initialWrite(existing);
        KeyValues indexes = deleteIndexes(recordsDelete, initialWrite);
        String messageCid = Messages.cid(delete);
        context.messageStore().put(tenant, delete, messageCid, indexes);
        context.eventLog().append(tenant, messageCid, indexes);
        if (context.eventStream() != null) {
            context.eventStream().emit(tenant, new MessageEvent(delete, initialWrite), indexes);
        }
        if (delete.path("descriptor").path("prune").asBoolean(false)) {
            purgeRecordDescendants(tenant, recordId);
        }
        deleteAllOlderMessagesButKeepInitialWrite(tenant, existing, delete);
    }

    /** {@code RecordsDelete.constructIndexes}: the initial write's record properties, then the delete's descriptor. */
    static KeyValues deleteIndexes(io.cairn.dwn.message.AuthoredMessage delete, ObjectNode initialWrite) {
        Map<String, Object> indexes = new LinkedHashMap<>();
        indexes.put("isLatestBaseState", true);
        JsonNode initial = initialWrite.path("descriptor");
        for (String property : List.of("protocol", "protocolPath", "recipient", "schema", "parentId", "dateCreated")) {
            putIfPresent(indexes, property, initial.get(property));
        }
        putIfPresent(indexes, "contextId", initialWrite.get("contextId"));
        indexes.put("author", delete.author());
        delete.descriptor().fields().forEachRemaining(e -> putIfPresent(indexes, e.getKey(), e.getValue()));
        indexes.values().removeIf(v -> v == null);
        return new KeyValues(indexes);
    }

    private static void putIfPresent(Map<String, Object> indexes, String name, JsonNode value) {
        if (value != null && !value.isNull()) {
            indexes.put(name, Records.indexValue(value));
        }
    }

    /** Deletes every descendant of the record, deepest first, with their data and events. */
    void purgeRecordDescendants(String tenant, String recordId) {
        Filter children = new Filter(Map.of("interface", new FilterValue.Equal("Records"), "parentId", new FilterValue.Equal(recordId)));
        List<ObjectNode> childMessages = context.messageStore().query(tenant, List.of(children), null, null).messages();
        Map<String, List<ObjectNode>> byRecord = new LinkedHashMap<>();
        for (ObjectNode message : childMessages) {
            String childRecordId = Messages.isRecordsWrite(message)
                ? message.path("recordId").asText()
                : message.path("descriptor").path("recordId").asText();
            byRecord.computeIfAbsent(childRecordId, k -> new ArrayList<>()).add(message);
        }
        for (String childRecordId : byRecord.keySet()) {
            purgeRecordDescendants(tenant, childRecordId);
        }
        for (List<ObjectNode> messages : byRecord.values()) {
            purgeRecordMessages(tenant, messages);
        }
    }

    private void purgeRecordMessages(String tenant, List<ObjectNode> messages) {
        List<ObjectNode> writes = messages.stream().filter(Messages::isRecordsWrite).toList();
        ObjectNode newestWrite = Messages.newest(writes);
        if (newestWrite != null) {
            context.dataStore().delete(tenant, newestWrite.path("recordId").asText(), newestWrite.path("descriptor").path("dataCid").asText());
        }
        List<String> cids = messages.stream().map(Messages::cid).toList();
        context.eventLog().deleteEventsByCid(tenant, cids);
        for (String cid : cids) {
            context.messageStore().delete(tenant, cid);
        }
    }

    /** Removes the record's messages older than the newest, keeping the initial write (no longer the latest state, without inline data). */
    public void deleteAllOlderMessagesButKeepInitialWrite(String tenant, List<ObjectNode> existing, JsonNode newest) {
        List<String> deletedCids = new ArrayList<>();
        for (ObjectNode message : existing) {
            if (Messages.isOlder(message, newest)) {
                deleteFromDataStoreIfNeeded(context.dataStore(), tenant, message, newest);
                String cid = Messages.cid(message);
                context.messageStore().delete(tenant, cid);
                if (RecordsWrite.isInitialWrite(message)) {
                    RecordsWrite initial = RecordsWrite.parse(message);
                    KeyValues indexes = initial.constructIndexes(false);
                    ObjectNode withoutData = message.deepCopy();
                    withoutData.remove("encodedData");
                    context.messageStore().put(tenant, withoutData, cid, indexes);
                } else {
                    deletedCids.add(cid);
                }
            }
        }
        if (!deletedCids.isEmpty()) {
            context.eventLog().deleteEventsByCid(tenant, deletedCids);
        }
    }

    private static void deleteFromDataStoreIfNeeded(DataStore dataStore, String tenant, JsonNode message, JsonNode newest) {
        if (!"Write".equals(Messages.method(message))) {
            return;
        }
        JsonNode descriptor = message.path("descriptor");
        if (descriptor.path("dataSize").asDouble() <= Records.MAX_DATA_SIZE_ALLOWED_TO_BE_ENCODED) {
            return;
        }
        String dataCid = descriptor.path("dataCid").asText();
        if (dataCid.equals(newest.path("descriptor").path("dataCid").asText(null))) {
            return;
        }
        dataStore.delete(tenant, message.path("recordId").asText(), dataCid);
    }

    /** The record's messages: {@code {interface: Records, recordId}}. */
    public static List<ObjectNode> recordMessages(MessageStore store, String tenant, String recordId) {
        Filter filter = new Filter(Map.of("interface", new FilterValue.Equal("Records"), "recordId", new FilterValue.Equal(recordId)));
        return store.query(tenant, List.of(filter), null, null).messages();
    }
}
