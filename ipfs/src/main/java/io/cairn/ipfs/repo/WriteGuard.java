package io.cairn.ipfs.repo;

/** Held while blocks are written that are not pinned yet; garbage collection waits for all guards to close. */
public interface WriteGuard extends AutoCloseable {
    @Override
    void close();
}
