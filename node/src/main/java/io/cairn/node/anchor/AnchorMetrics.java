package io.cairn.node.anchor;

import io.cairn.anchor.queue.AnchorQueue;
import io.cairn.anchor.queue.BatchState;
import io.cairn.anchor.queue.BatchSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The anchoring meters, in Prometheus as {@code cairn_anchor_queue_depth}, {@code
 * cairn_anchor_batches{phase=…}}, {@code cairn_anchor_fees_paid_sats_total} and {@code
 * cairn_anchor_confirmation_lag_seconds} (how long the oldest batch not yet in a block has waited
 * since it closed; 0 when none waits). Batch figures are refreshed after each service tick, from the
 * queue's batch index, never from the leaves.
 */
final class AnchorMetrics {
    private final AnchorQueue queue;
    private final AnchorFees fees;
    private final Map<BatchState, Long> batches = new EnumMap<>(BatchState.class);
    private volatile Instant oldestUnconfirmed;

    AnchorMetrics(MeterRegistry registry, AnchorQueue queue, AnchorFees fees) {
        this.queue = queue;
        this.fees = fees;
        for (BatchState s : BatchState.values()) batches.put(s, 0L);
        Gauge.builder("cairn.anchor.queue.depth", queue, AnchorQueue::depth)
                .description("Digests durably queued, waiting for a batch").register(registry);
        for (BatchState s : BatchState.values()) {
            Gauge.builder("cairn.anchor.batches", this, m -> m.count(s)).tag("phase", s.name().toLowerCase(Locale.ROOT))
                    .description("Anchor batches in each phase").register(registry);
        }
        FunctionCounter.builder("cairn.anchor.fees.paid", this, m -> m.fees == null ? 0 : m.fees.totalSats()).baseUnit("sats")
                .description("Fees paid by the anchor transactions now in blocks").register(registry);
        Gauge.builder("cairn.anchor.confirmation.lag", this, AnchorMetrics::lagSeconds).baseUnit("seconds")
                .description("How long the oldest batch not yet in a block has waited since it closed").register(registry);
        refresh();
    }

    synchronized void refresh() {
        List<BatchSummary> all = queue.summaries();
        Map<BatchState, Long> counts = new EnumMap<>(BatchState.class);
        for (BatchState s : BatchState.values()) counts.put(s, 0L);
        Instant oldest = null;
        for (BatchSummary b : all) {
            counts.merge(b.state(), 1L, Long::sum);
            boolean waiting = b.state() == BatchState.CLOSED || b.state() == BatchState.SIGNED || b.state() == BatchState.BROADCAST;
            if (waiting && (oldest == null || b.closedAt().isBefore(oldest))) oldest = b.closedAt();
        }
        batches.putAll(counts);
        oldestUnconfirmed = oldest;
        if (fees != null) fees.refresh(queue, all);
    }

    private synchronized double count(BatchState s) {
        return batches.get(s);
    }

    private double lagSeconds() {
        Instant oldest = oldestUnconfirmed;
        return oldest == null ? 0 : Math.max(0, (System.currentTimeMillis() - oldest.toEpochMilli()) / 1000.0);
    }
}
