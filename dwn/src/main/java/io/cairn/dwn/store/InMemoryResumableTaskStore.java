package io.cairn.dwn.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.message.Cids;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A {@link ResumableTaskStore} in memory, as the SDK's {@code ResumableTaskStoreLevel} (task ID: the task's CID). */
public final class InMemoryResumableTaskStore implements ResumableTaskStore {
    private static final long GRAB_TIMEOUT_SECONDS = 60;
    private final Map<String, ManagedTask> tasks = new LinkedHashMap<>();
    private final Clock clock;

    public InMemoryResumableTaskStore() {
        this(Clock.systemUTC());
    }

    public InMemoryResumableTaskStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized ManagedTask register(ObjectNode task, long timeoutSeconds) {
        String id = Cids.computeCid(task);
        ManagedTask managed = new ManagedTask(id, task.deepCopy(), now() + timeoutSeconds, 0);
        tasks.put(id, managed);
        return managed;
    }

    @Override
    public synchronized List<ManagedTask> grab(int count) {
        List<ManagedTask> grabbed = new ArrayList<>();
        for (ManagedTask task : List.copyOf(tasks.values())) {
            if (grabbed.size() >= count) {
                break;
            }
            if (now() >= task.timeoutEpochSeconds()) {
                ManagedTask extended = new ManagedTask(task.id(), task.task(), now() + GRAB_TIMEOUT_SECONDS, task.retryCount() + 1);
                tasks.put(task.id(), extended);
                grabbed.add(extended);
            }
        }
        return grabbed;
    }

    @Override
    public synchronized Optional<ManagedTask> read(String taskId) {
        return Optional.ofNullable(tasks.get(taskId));
    }

    @Override
    public synchronized void extend(String taskId, long timeoutSeconds) {
        ManagedTask task = tasks.get(taskId);
        if (task != null) {
            tasks.put(taskId, new ManagedTask(taskId, task.task(), now() + timeoutSeconds, task.retryCount()));
        }
    }

    @Override
    public synchronized void delete(String taskId) {
        tasks.remove(taskId);
    }

    @Override
    public void close() {}

    private long now() {
        return clock.millis() / 1000;
    }
}
