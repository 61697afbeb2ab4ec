package io.cairn.ipfs.repo;

import java.nio.file.Path;

/** Repo statistics, as {@code ipfs repo stat} reports them. */
public record RepoStats(long numObjects, long repoSize, long diskUsage, Path path, String storage, String version) {}
