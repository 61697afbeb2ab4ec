package io.cairn.anchor.queue;

import java.time.Instant;

/** A batch without its leaves: for status pages and metrics. */
public record BatchSummary(long id, BatchState state, Instant closedAt, int size) {}
