package io.cairn.dwn.handler;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Serializes the messages that change one record (its writes and deletes), so that "read the record's
 * messages, decide, store" cannot interleave; messages of different records run in parallel. A fixed
 * set of striped locks keeps memory bounded whatever the number of records.
 */
public final class RecordLocks {
    private final ReentrantLock[] stripes;

    public RecordLocks() {
        this(1024);
    }

    public RecordLocks(int stripes) {
        this.stripes = new ReentrantLock[stripes];
        for (int i = 0; i < stripes; i++) {
            this.stripes[i] = new ReentrantLock();
        }
    }

    public <T> T withRecord(String tenant, String recordId, Supplier<T> work) {
        int hash = 31 * tenant.hashCode() + String.valueOf(recordId).hashCode();
        ReentrantLock lock = stripes[Math.floorMod(hash, stripes.length)];
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }
}
