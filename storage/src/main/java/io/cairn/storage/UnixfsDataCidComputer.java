package io.cairn.storage;

import io.cairn.dwn.store.DataCidComputer;
import io.cairn.ipfs.unixfs.UnixfsImporter;
import java.io.InputStream;

/** dwn-sdk-js's {@code Cid.computeDagPbCidFromStream}: the record data's UnixFS root, nothing stored. */
public final class UnixfsDataCidComputer implements DataCidComputer {
    @Override
    public String computeCid(InputStream data) {
        return new UnixfsImporter(new HashOnlyBlockstore(), IpfsDataStore.SDK_IMPORT).importFile(data).root().toString();
    }
}
