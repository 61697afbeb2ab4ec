package io.cairn.ipfs.repo;

import io.cairn.error.CairnException;
import java.nio.file.Path;

/** Another process holds the repo open. */
public final class RepoLockedException extends CairnException {
    public RepoLockedException(Path dir, Throwable cause) {
        super(Kind.CONFLICT, "repo_locked", "repo " + dir + " is in use by another process (is `cairn serve` running?)", cause);
    }
}
