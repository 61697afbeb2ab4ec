package io.cairn.dwn.rocks;

import java.util.Arrays;
import java.util.function.BiPredicate;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;

/** One column family of the {@link DwnDatabase}: point reads, ordered scans, and writes that join the open transaction. */
public final class Column {
    private final DwnDatabase database;
    final ColumnFamilyHandle handle;

    Column(DwnDatabase database, ColumnFamilyHandle handle) {
        this.database = database;
        this.handle = handle;
    }

    public byte[] get(byte[] key) {
        try {
            return database.db().get(handle, key);
        } catch (RocksDBException e) {
            throw DwnDatabase.failure("read", e);
        }
    }

    public void put(byte[] key, byte[] value) {
        database.write(batch -> batch.put(handle, key, value));
    }

    public void delete(byte[] key) {
        database.write(batch -> batch.delete(handle, key));
    }

    /** RocksDB's estimate of the bytes in [from, to), memtables included: a cheap size hint for query planning. */
    long approximateSize(byte[] from, byte[] to) {
        try (Slice start = new Slice(from); Slice limit = new Slice(to)) {
            long[] sizes = database.db().getApproximateSizes(handle, java.util.List.of(new org.rocksdb.Range(start, limit)),
                    org.rocksdb.SizeApproximationFlag.INCLUDE_MEMTABLES, org.rocksdb.SizeApproximationFlag.INCLUDE_FILES);
            return sizes[0];
        }
    }

    DwnDatabase database() {
        return database;
    }

    /**
     * Visits the keys in [{@code from}, {@code to}) in order (descending when {@code reverse}), or until
     * {@code visitor} returns false. {@code to} is exclusive and must be set.
     */
    public void scan(byte[] from, byte[] to, boolean reverse, BiPredicate<byte[], byte[]> visitor) {
        try (Cursor cursor = cursor(from, to, reverse)) {
            while (cursor.valid()) {
                if (!visitor.test(cursor.key(), cursor.value())) return;
                cursor.next();
            }
        }
    }

    /** Every key starting with {@code prefix}. */
    public void scanPrefix(byte[] prefix, boolean reverse, BiPredicate<byte[], byte[]> visitor) {
        scan(prefix, Bytes.prefixEnd(prefix), reverse, visitor);
    }

    Cursor cursor(byte[] from, byte[] to, boolean reverse) {
        return new Cursor(from, to, reverse);
    }

    /** A forward or reverse iterator bounded to [from, to). */
    final class Cursor implements AutoCloseable {
        private final Slice lower;
        private final Slice upper;
        private final ReadOptions options;
        private final RocksIterator iterator;
        private final boolean reverse;

        Cursor(byte[] from, byte[] to, boolean reverse) {
            this.reverse = reverse;
            lower = new Slice(from);
            upper = new Slice(to);
            options = new ReadOptions().setIterateLowerBound(lower).setIterateUpperBound(upper);
            iterator = database.db().newIterator(handle, options);
            if (reverse) iterator.seekToLast();
            else iterator.seekToFirst();
        }

        boolean valid() {
            return iterator.isValid();
        }

        byte[] key() {
            return iterator.key();
        }

        byte[] value() {
            return iterator.value();
        }

        void next() {
            if (reverse) iterator.prev();
            else iterator.next();
        }

        @Override
        public void close() {
            iterator.close();
            options.close();
            lower.close();
            upper.close();
        }
    }

    static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }
}
