package io.cairn.dwn.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link DataStore} in memory: bytes kept per tenant, record and data CID, the CID computed by the
 * given {@link DataCidComputer} (the UnixFS importer with the SDK's settings).
 */
public final class InMemoryDataStore implements DataStore {
    private final Map<String, byte[]> data = new ConcurrentHashMap<>();
    private final DataCidComputer cidComputer;

    public InMemoryDataStore(DataCidComputer cidComputer) {
        this.cidComputer = cidComputer;
    }

    @Override
    public PutResult put(String tenant, String recordId, String dataCid, InputStream stream) {
        try {
            byte[] bytes = stream.readAllBytes();
            String actual = cidComputer.computeCid(new ByteArrayInputStream(bytes));
            data.put(key(tenant, recordId, dataCid), bytes);
            return new PutResult(actual, bytes.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Optional<GetResult> get(String tenant, String recordId, String dataCid) {
        byte[] bytes = data.get(key(tenant, recordId, dataCid));
        return bytes == null ? Optional.empty() : Optional.of(new GetResult(bytes.length, new ByteArrayInputStream(bytes)));
    }

    @Override
    public void delete(String tenant, String recordId, String dataCid) {
        data.remove(key(tenant, recordId, dataCid));
    }

    @Override
    public void close() {}

    private static String key(String tenant, String recordId, String dataCid) {
        return tenant + '\u0000' + recordId + '\u0000' + dataCid;
    }
}
