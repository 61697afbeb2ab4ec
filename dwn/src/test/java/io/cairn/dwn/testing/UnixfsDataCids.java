package io.cairn.dwn.testing;

import io.cairn.dwn.store.DataCidComputer;
import io.cairn.ipfs.block.MemoryBlockstore;
import io.cairn.ipfs.unixfs.ImportOptions;
import io.cairn.ipfs.unixfs.UnixfsImporter;

/** The dataCid dwn-sdk-js computes: ipfs-unixfs-importer's defaults (CIDv1, raw leaves, 256 KiB chunks, 174 links). */
public final class UnixfsDataCids {
    public static final ImportOptions SDK_IMPORTER = new ImportOptions(1, true, 262_144, 174);

    private UnixfsDataCids() {}

    public static DataCidComputer computer() {
        return in -> {
            try (MemoryBlockstore scratch = new MemoryBlockstore()) {
                return new UnixfsImporter(scratch, SDK_IMPORTER).importFile(in).root().toString();
            }
        };
    }
}
