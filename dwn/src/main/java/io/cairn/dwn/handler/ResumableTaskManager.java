package io.cairn.dwn.handler;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.store.ResumableTaskStore;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SDK's {@code ResumableTaskManager}: a task ({@code {name, data}}) is registered in the task store
 * before it runs and deleted once it completed, so a task interrupted by a crash is found again and
 * finished when the DWN opens ({@link #resumeTasksAndWaitForCompletion()}).
 */
public final class ResumableTaskManager {
    public static final String RECORDS_DELETE = "RecordsDelete";
    private static final long TIMEOUT_SECONDS = 60;
    private static final int BATCH = 100;
    private static final Logger LOG = LoggerFactory.getLogger(ResumableTaskManager.class);

    private final ResumableTaskStore store;
    private volatile Consumer<ObjectNode> recordsDelete;

    public ResumableTaskManager(ResumableTaskStore store) {
        this.store = store;
    }

    /** Binds the RecordsDelete task to the storage controller that performs it. */
    public void bindRecordsDelete(Consumer<ObjectNode> handler) {
        this.recordsDelete = handler;
    }

    /** Registers the task, runs it, and deletes it once done. */
    public void run(String name, ObjectNode data) {
        ObjectNode task = JsonNodeFactory.instance.objectNode();
        task.put("name", name);
        task.set("data", data);
        ResumableTaskStore.ManagedTask managed = store.register(task, TIMEOUT_SECONDS);
        execute(managed);
    }

    private void execute(ResumableTaskStore.ManagedTask managed) {
        String name = managed.task().path("name").asText();
        if (!RECORDS_DELETE.equals(name)) {
            throw new IllegalStateException("unknown resumable task " + name);
        }
        recordsDelete.accept((ObjectNode) managed.task().get("data"));
        store.delete(managed.id());
    }

    /** Finishes every task a previous run left behind, retrying those that fail until they succeed. */
    public void resumeTasksAndWaitForCompletion() {
        while (true) {
            List<ResumableTaskStore.ManagedTask> tasks = store.grab(BATCH);
            if (tasks.isEmpty()) {
                return;
            }
            List<ResumableTaskStore.ManagedTask> pending = new ArrayList<>(tasks);
            while (!pending.isEmpty()) {
                List<ResumableTaskStore.ManagedTask> failed = new ArrayList<>();
                for (ResumableTaskStore.ManagedTask task : pending) {
                    try {
                        execute(task);
                    } catch (RuntimeException e) {
                        LOG.error("resumable task {} failed, retrying", task.id(), e);
                        failed.add(task);
                    }
                }
                pending = failed;
            }
        }
    }
}
