package io.cairn.dwn.rocks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.store.KeyValues;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * The child process of {@link DwnDatabaseCrashTest}: writes message i (its message, indexes, event and a
 * data reference, in one transaction) and prints "ack i" once the commit returned, until it is killed.
 */
public final class CrashWriter {
    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        try (DwnDatabase database = DwnDatabase.open(dir)) {
            for (int i = 0; ; i++) {
                int n = i;
                ObjectNode message = StoreFixtures.JSON.createObjectNode().put("n", n);
                KeyValues indexes = new KeyValues(indexes(n));
                String cid = cid(n);
                database.transaction(() -> {
                    database.messageStore().put(DwnDatabaseCrashTest.TENANT, message, cid, indexes);
                    database.eventLog().append(DwnDatabaseCrashTest.TENANT, cid, indexes);
                    database.dataReferences().put(("ref/" + cid).getBytes(StandardCharsets.UTF_8), new byte[] {1});
                });
                System.out.println("ack " + n);
                System.out.flush();
            }
        }
    }

    static String cid(int n) {
        return String.format("bafy%08d", n);
    }

    static Map<String, Object> indexes(int n) {
        return Map.of("interface", "Records", "method", "Write", "schema", "https://schema.example/" + (n % 7),
                "messageTimestamp", String.format("2024-01-01T00:00:00.%06dZ", n), "dateCreated", String.format("2024-01-01T00:00:00.%06dZ", n),
                "tag.kind", "k" + (n % 3), "recordId", "rec" + n);
    }
}
