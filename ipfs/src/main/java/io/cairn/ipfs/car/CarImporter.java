package io.cairn.ipfs.car;

import io.cairn.ipfs.block.Block;
import io.cairn.ipfs.block.Blockstore;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Imports a CAR into a blockstore. Blocks are verified before they are written, in batches; if the
 * CAR turns out truncated or corrupt, what was written is only verified blocks (unpinned, so garbage
 * collection can remove them) and a {@link CarFormatException} is thrown.
 */
public final class CarImporter {
    private static final long BATCH_BYTES = 16L * 1024 * 1024;

    private CarImporter() {}

    public static CarImportResult importCar(InputStream in, Blockstore store) {
        CarReader reader = CarReader.open(in);
        List<Block> batch = new ArrayList<>();
        long batchBytes = 0, count = 0;
        try {
            for (Block b = reader.next(); b != null; b = reader.next()) {
                batch.add(b);
                batchBytes += b.data().length;
                count++;
                if (batchBytes >= BATCH_BYTES) {
                    store.putAll(List.copyOf(batch));
                    batch.clear();
                    batchBytes = 0;
                }
            }
        } finally {
            if (!batch.isEmpty()) store.putAll(List.copyOf(batch));
            store.sync();
        }
        return new CarImportResult(reader.roots(), count);
    }
}
