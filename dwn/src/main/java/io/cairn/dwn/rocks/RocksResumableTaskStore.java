package io.cairn.dwn.rocks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.codec.dagcbor.DagCbor;
import io.cairn.dwn.store.ResumableTaskStore;
import io.cairn.multiformats.Cid;
import io.cairn.multiformats.Multicodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * dwn-sdk-js's ResumableTaskStoreLevel on the {@link DwnDatabase}: a task's ID is the CID of its DAG-CBOR
 * encoding, and {@link #grab} hands out timed-out tasks after extending them by 60 s, in ID order.
 */
final class RocksResumableTaskStore implements ResumableTaskStore {
    static final long GRAB_TIMEOUT_SECONDS = 60;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Column tasks;
    private final Clock clock;

    RocksResumableTaskStore(Column tasks) {
        this(tasks, Clock.systemUTC());
    }

    RocksResumableTaskStore(Column tasks, Clock clock) {
        this.tasks = tasks;
        this.clock = clock;
    }

    @Override
    public ManagedTask register(ObjectNode task, long timeoutSeconds) {
        String id = Cid.sha256(1, Multicodec.DAG_CBOR, DagCbor.encode(dataModel(task))).toString();
        ManagedTask managed = new ManagedTask(id, task, nowSeconds() + timeoutSeconds, 0);
        save(managed);
        return managed;
    }

    @Override
    public synchronized List<ManagedTask> grab(int count) {
        List<ManagedTask> grabbed = new ArrayList<>();
        List<ManagedTask> all = new ArrayList<>();
        tasks.scan(new byte[0], new byte[] {(byte) 0xff}, false, (key, value) -> {
            all.add(parse(value));
            return true;
        });
        for (ManagedTask task : all) {
            if (grabbed.size() >= count) break;
            if (nowSeconds() >= task.timeoutEpochSeconds()) {
                ManagedTask extended = new ManagedTask(task.id(), task.task(), nowSeconds() + GRAB_TIMEOUT_SECONDS, task.retryCount() + 1);
                save(extended);
                grabbed.add(extended);
            }
        }
        return grabbed;
    }

    @Override
    public Optional<ManagedTask> read(String taskId) {
        byte[] value = tasks.get(Bytes.utf8(taskId));
        return value == null ? Optional.empty() : Optional.of(parse(value));
    }

    @Override
    public synchronized void extend(String taskId, long timeoutSeconds) {
        read(taskId).ifPresent(task -> save(new ManagedTask(task.id(), task.task(), nowSeconds() + timeoutSeconds, task.retryCount())));
    }

    @Override
    public void delete(String taskId) {
        tasks.delete(Bytes.utf8(taskId));
    }

    @Override
    public void close() {
        // the DwnDatabase owns the RocksDB
    }

    private long nowSeconds() {
        return clock.instant().getEpochSecond();
    }

    private void save(ManagedTask task) {
        ObjectNode stored = JSON.createObjectNode();
        stored.put("id", task.id());
        stored.put("timeout", task.timeoutEpochSeconds());
        stored.put("retryCount", task.retryCount());
        stored.set("task", task.task());
        try {
            tasks.put(Bytes.utf8(task.id()), JSON.writeValueAsBytes(stored));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ManagedTask parse(byte[] value) {
        try {
            JsonNode stored = JSON.readTree(value);
            return new ManagedTask(stored.get("id").asText(), (ObjectNode) stored.get("task"),
                    stored.get("timeout").asLong(), stored.get("retryCount").asInt());
        } catch (IOException e) {
            throw new UncheckedIOException("a stored task is not valid JSON", e);
        }
    }

    /** JSON as the SDK's dag-cbor sees it: integral numbers are integers. */
    static Object dataModel(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                map.put(field.getKey(), dataModel(field.getValue()));
            }
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(element -> list.add(dataModel(element)));
            return list;
        }
        if (node.isTextual()) return node.asText();
        if (node.isBoolean()) return node.asBoolean();
        if (node.isNull()) return null;
        if (node.isIntegralNumber()) return node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue();
        if (node.isNumber()) {
            double d = node.doubleValue();
            if (d == Math.rint(d) && Math.abs(d) < 9.007199254740992E15) return (long) d;
            return d;
        }
        throw new IllegalArgumentException("a task must be plain JSON, got " + node.getNodeType());
    }
}
