package io.cairn.dwn.differential;

import io.cairn.dwn.Dwn;
import io.cairn.dwn.event.InMemoryEventStream;
import io.cairn.dwn.protocol.Protocols;
import io.cairn.dwn.rocks.DwnDatabase;
import io.cairn.dwn.store.InMemoryDataStore;
import io.cairn.dwn.testing.UnixfsDataCids;
import org.junit.jupiter.api.AfterAll;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * {@link MessagesDifferentialTest} with Cairn on its persistent stores: the RocksDB message store, event
 * log and resumable tasks (one {@link DwnDatabase}, transactions included) behind the same handlers.
 */
class MessagesOnRocksDifferentialTest extends MessagesDifferentialTest {
    private Path root;
    private DwnDatabase database;
    private int generation;

    @Override
    protected Dwn newCairn() {
        closeCairn();
        try {
            if (root == null) root = Files.createTempDirectory("cairn-messages-rocks-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        database = DwnDatabase.open(root.resolve(String.valueOf(generation++)));
        return Protocols.install(Dwn.builder(), database.messageStore())
                .messageStore(database.messageStore())
                .eventLog(database.eventLog())
                .resumableTaskStore(database.resumableTaskStore())
                .transactions(database.storeTransactions())
                .dataStore(new InMemoryDataStore(UnixfsDataCids.computer()))
                .eventStream(new InMemoryEventStream())
                .didResolver(Twin.RESOLVER)
                .dataCidComputer(UnixfsDataCids.computer())
                .build();
    }

    @Override
    protected void closeCairn() {
        if (database != null) {
            database.close();
            database = null;
        }
    }

    @Override
    @AfterAll
    void stop() {
        super.stop();
        if (root == null) return;
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
