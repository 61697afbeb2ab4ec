package io.cairn.dwn.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * Work that must finish even across a crash (dwn-sdk-js's {@code ResumableTaskStore}): a task is
 * registered before it starts and deleted when done; on restart, timed-out tasks are grabbed and run again.
 */
public interface ResumableTaskStore extends AutoCloseable {
    ManagedTask register(ObjectNode task, long timeoutSeconds);

    /** Up to {@code count} timed-out tasks, whose timeouts are extended so no one else grabs them. */
    List<ManagedTask> grab(int count);

    Optional<ManagedTask> read(String taskId);

    void extend(String taskId, long timeoutSeconds);

    void delete(String taskId);

    record ManagedTask(String id, ObjectNode task, long timeoutEpochSeconds, int retryCount) {}

    @Override
    void close();
}
