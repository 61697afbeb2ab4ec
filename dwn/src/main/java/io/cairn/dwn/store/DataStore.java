package io.cairn.dwn.store;

import java.io.InputStream;
import java.util.Optional;

/**
 * Record data, keyed by tenant, record ID and data CID (dwn-sdk-js's {@code DataStore}). The storage
 * module keeps the bytes in the IPFS blockstore as UnixFS (CIDv1, the SDK's importer settings), so
 * {@code put} computes the data's CID while it stores it: the caller compares it with the message's
 * {@code dataCid} and deletes on a mismatch.
 */
public interface DataStore extends AutoCloseable {
    /** Stores the stream to its end and returns the CID it actually has and its size. */
    PutResult put(String tenant, String recordId, String dataCid, InputStream data);

    /** The data, if this tenant's record references it. The caller closes the stream. */
    Optional<GetResult> get(String tenant, String recordId, String dataCid);

    /** Drops this record's reference; the bytes go once nothing references them. No-op when absent. */
    void delete(String tenant, String recordId, String dataCid);

    record PutResult(String dataCid, long dataSize) {}

    record GetResult(long dataSize, InputStream data) {}

    @Override
    void close();
}
