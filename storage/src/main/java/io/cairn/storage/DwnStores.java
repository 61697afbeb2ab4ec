package io.cairn.storage;

import io.cairn.dwn.handler.StoreTransactions;
import io.cairn.dwn.rocks.DwnDatabase;
import io.cairn.dwn.store.DataCidComputer;
import io.cairn.dwn.store.DataStore;
import io.cairn.dwn.store.EventLog;
import io.cairn.dwn.store.MessageStore;
import io.cairn.dwn.store.ResumableTaskStore;
import io.cairn.ipfs.repo.Repo;
import java.nio.file.Path;

/**
 * The DWN's persistent stores inside an IPFS repo: messages, indexes, events, tasks and data references
 * in the RocksDB under {@code <repo>/dwn}, record data in the repo's blockstore (kept by its GC while
 * referenced). Closing it closes the DWN database, not the repo.
 */
public final class DwnStores implements AutoCloseable {
    private final DwnDatabase database;
    private final IpfsDataStore dataStore;
    private final AutoCloseable gcRoots;
    private final DataCidComputer dataCidComputer = new UnixfsDataCidComputer();

    private DwnStores(Repo repo, DwnDatabase database) {
        this.database = database;
        this.dataStore = new IpfsDataStore(repo, database);
        this.gcRoots = repo.addGcRoots(dataStore);
    }

    public static DwnStores open(Repo repo) {
        return open(repo, DwnDatabase.Options.DEFAULT);
    }

    public static DwnStores open(Repo repo, DwnDatabase.Options options) {
        return new DwnStores(repo, DwnDatabase.open(directory(repo), options));
    }

    /**
     * The repo's DWN stores when it has any (for work on the repo alone, such as {@code repo gc}, which
     * must see the record data's roots); empty for a repo the DWN never used.
     */
    public static java.util.Optional<DwnStores> openIfPresent(Repo repo) {
        return java.nio.file.Files.isDirectory(directory(repo)) ? java.util.Optional.of(open(repo)) : java.util.Optional.empty();
    }

    public static Path directory(Repo repo) {
        return repo.path().resolve("dwn");
    }

    public DwnDatabase database() {
        return database;
    }

    public MessageStore messageStore() {
        return database.messageStore();
    }

    public DataStore dataStore() {
        return dataStore;
    }

    public EventLog eventLog() {
        return database.eventLog();
    }

    public ResumableTaskStore resumableTaskStore() {
        return database.resumableTaskStore();
    }

    /** For {@code Dwn.Builder.transactions}: one message's store writes commit together. */
    public StoreTransactions transactions() {
        return database.storeTransactions();
    }

    public DataCidComputer dataCidComputer() {
        return dataCidComputer;
    }

    @Override
    public void close() {
        try {
            gcRoots.close();
        } catch (Exception ignored) {
            // removing a list entry does not fail
        }
        database.close();
    }
}
