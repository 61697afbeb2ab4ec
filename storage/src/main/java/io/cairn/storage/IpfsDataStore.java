package io.cairn.storage;

import io.cairn.dwn.rocks.Column;
import io.cairn.dwn.rocks.DwnDatabase;
import io.cairn.dwn.store.DataStore;
import io.cairn.ipfs.repo.GcRootProvider;
import io.cairn.ipfs.repo.Repo;
import io.cairn.ipfs.repo.WriteGuard;
import io.cairn.ipfs.unixfs.ImportOptions;
import io.cairn.ipfs.unixfs.ImportResult;
import io.cairn.ipfs.unixfs.UnixfsExporter;
import io.cairn.ipfs.unixfs.UnixfsImporter;
import io.cairn.multiformats.Cid;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Record data in the IPFS repo's blockstore as UnixFS, imported as dwn-sdk-js's DataStoreLevel imports it
 * (ipfs-unixfs-importer 15 with {@code cidVersion: 1}: raw leaves, 256 KiB chunks, 174 links), so the root
 * is the SDK's dataCid. Each (tenant, recordId, dataCid) is one reference in the {@link DwnDatabase},
 * written in the caller's transaction; the referenced roots are garbage-collection roots of the repo, so
 * data nobody references any more is removed by the repo's GC. Data streams in and out block by block.
 * The importer syncs the blocks before {@link #put} returns, so a committed reference never names data a
 * crash could take ({@code RecordsSurviveSigkillTest}).
 */
public final class IpfsDataStore implements DataStore, GcRootProvider {
    /** The SDK's importer settings ({@code importer(..., { cidVersion: 1 })} with ipfs-unixfs-importer 15's defaults). */
    public static final ImportOptions SDK_IMPORT = new ImportOptions(1, true, 262_144, 174);

    private final Repo repo;
    private final DwnDatabase database;
    private final Column references;

    public IpfsDataStore(Repo repo, DwnDatabase database) {
        this.repo = repo;
        this.database = database;
        this.references = database.dataReferences();
    }

    @Override
    public PutResult put(String tenant, String recordId, String dataCid, InputStream data) {
        WriteGuard guard = repo.beginWrite(); // GC must not take the blocks before their reference commits
        try {
            ImportResult imported = new UnixfsImporter(repo.blockstore(), SDK_IMPORT).importFile(data);
            String actual = imported.root().toString();
            references.put(key(tenant, recordId, dataCid), (actual + ' ' + imported.size()).getBytes(StandardCharsets.UTF_8));
            database.afterTransaction(committed -> guard.close());
            return new PutResult(actual, imported.size());
        } catch (RuntimeException | Error e) {
            guard.close();
            throw e;
        }
    }

    @Override
    public Optional<GetResult> get(String tenant, String recordId, String dataCid) {
        Reference reference = reference(tenant, recordId, dataCid);
        // as the SDK, data stored under a dataCid it does not have is not found
        if (reference == null || !reference.root().equals(dataCid)) return Optional.empty();
        Cid root = Cid.parse(reference.root());
        if (!repo.blockstore().has(root)) return Optional.empty();
        return Optional.of(new GetResult(reference.size(), new UnixfsExporter(repo.blockstore()).open(root, 0, -1)));
    }

    @Override
    public void delete(String tenant, String recordId, String dataCid) {
        references.delete(key(tenant, recordId, dataCid));
    }

    /** Every referenced root, for the repo's garbage collection. */
    @Override
    public void roots(Consumer<Cid> root) {
        references.scan(new byte[0], new byte[] {(byte) 0xff}, false, (key, value) -> {
            root.accept(Cid.parse(Reference.parse(value).root()));
            return true;
        });
    }

    private Reference reference(String tenant, String recordId, String dataCid) {
        byte[] value = references.get(key(tenant, recordId, dataCid));
        return value == null ? null : Reference.parse(value);
    }

    private static byte[] key(String tenant, String recordId, String dataCid) {
        for (String part : new String[] {tenant, recordId, dataCid}) {
            if (part.indexOf('\0') >= 0) throw new IllegalArgumentException("tenant, record ID and data CID must not contain U+0000");
        }
        return (tenant + '\0' + recordId + '\0' + dataCid).getBytes(StandardCharsets.UTF_8);
    }

    private record Reference(String root, long size) {
        static Reference parse(byte[] value) {
            String text = new String(value, StandardCharsets.UTF_8);
            int space = text.indexOf(' ');
            return new Reference(text.substring(0, space), Long.parseLong(text.substring(space + 1)));
        }
    }

    @Override
    public void close() {
        // the repo and the DwnDatabase are closed by their owner (DwnStores)
    }
}
