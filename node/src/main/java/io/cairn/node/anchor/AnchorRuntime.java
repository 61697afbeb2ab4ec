package io.cairn.node.anchor;

import io.cairn.anchor.AnchorException;
import io.cairn.anchor.Digest;
import io.cairn.anchor.bitcoin.AnchorService;
import io.cairn.anchor.bitcoin.ChainBackend;
import io.cairn.anchor.proof.AnchorProof;
import io.cairn.anchor.proof.BatchProofs;
import io.cairn.anchor.queue.AnchorQueue;
import io.cairn.anchor.queue.Batch;
import io.cairn.anchor.queue.BatchState;
import io.cairn.anchor.queue.BatchSummary;
import io.cairn.anchor.queue.HashStatus;
import io.cairn.anchor.queue.Priority;
import io.cairn.error.CairnException;
import io.cairn.node.config.CairnConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Anchoring inside a running node: the repo's durable queue (always open, so digests can be queued
 * even before Bitcoin is configured), and, when {@code bitcoin_rpc_url} and {@code bitcoin_wallet_key}
 * are set, the anchoring service on a timer. The HTTP routes and the metrics read it.
 */
public final class AnchorRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AnchorRuntime.class);
    private static final int CACHED_BATCHES = 4;

    private final AnchorQueue queue;
    private final AnchorService service;
    private final ChainBackend chain;
    private final AnchorScheduler scheduler;
    private final AnchorMetrics metrics;
    private final CairnConfig.Decentralized config;
    private final String disabledReason;
    /** (batch id, block hash) → the batch's proofs; a reorg changes the block hash, so stale entries are never read. */
    private final Map<String, BatchProofs> proofs = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, BatchProofs> eldest) {
            return size() > CACHED_BATCHES;
        }
    };

    private AnchorRuntime(AnchorQueue queue, CairnConfig.Decentralized d, MeterRegistry registry) {
        this.queue = queue;
        this.config = d;
        List<String> missing = AnchorSetup.missingKeys(d);
        if (missing.isEmpty()) {
            this.chain = AnchorSetup.chain(d);
            this.service = AnchorSetup.service(queue, d, chain);
            this.disabledReason = null;
            this.metrics = new AnchorMetrics(registry, queue, new AnchorFees(chain));
            this.scheduler = new AnchorScheduler(service, pollInterval(d), metrics::refresh);
        } else {
            this.chain = null;
            this.service = null;
            this.scheduler = null;
            this.disabledReason = "anchoring is off: set storage.decentralized." + String.join(" and ", missing) + " to anchor queued digests in Bitcoin";
            this.metrics = new AnchorMetrics(registry, queue, null);
        }
    }

    /** Opens the queue in {@code queueDir} and, if Bitcoin is configured, starts the service's timer. */
    public static AnchorRuntime start(CairnConfig.Decentralized d, Path queueDir, MeterRegistry registry) {
        AnchorQueue queue = new AnchorQueue(queueDir);
        try {
            AnchorRuntime runtime = new AnchorRuntime(queue, d, registry);
            if (runtime.scheduler != null) {
                runtime.scheduler.start();
                LOG.info("anchoring: batches of up to {} digests every {} (checked every {}), {} confirmations, node {}", d.bitcoinBatchSize(),
                        d.bitcoinAnchorFrequency(), runtime.scheduler.interval(), d.bitcoinConfirmations(), redactedUrl(d.bitcoinBackend().kind().equals("esplora") ? d.bitcoinBackend().esploraUrl() : d.bitcoinRpcUrl()));
            } else {
                LOG.info(runtime.disabledReason);
            }
            return runtime;
        } catch (RuntimeException e) {
            queue.close();
            throw e;
        }
    }

    /** How often the service looks at the queue and the chain: the batch frequency, but at least every 30 s and at most every second. */
    static Duration pollInterval(CairnConfig.Decentralized d) {
        Duration f = d.bitcoinAnchorFrequency();
        if (f.compareTo(Duration.ofSeconds(1)) < 0) return Duration.ofSeconds(1);
        return f.compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30) : f;
    }

    /** What an add did: digests newly queued and those already known. */
    public record Added(List<Digest> queued, List<Digest> alreadyKnown) {}

    /** Queues digests durably (returns once they are on disk); an URGENT one wakes the service at once. */
    public Added add(Collection<Digest> digests, Priority priority) {
        List<Digest> fresh = new ArrayList<>(), known = new ArrayList<>();
        List<Digest> unique = new ArrayList<>(new java.util.LinkedHashSet<>(digests));
        for (Digest d : unique) (queue.status(d).isPresent() ? known : fresh).add(d);
        queue.enqueueAll(fresh, priority);
        if (priority == Priority.URGENT && scheduler != null) {
            service.flush();
            scheduler.nudge();
        }
        return new Added(fresh, known);
    }

    /** Closes a batch with whatever is queued, at the next tick (now). */
    public void flush() {
        requireService();
        service.flush();
        scheduler.nudge();
    }

    /**
     * One pass of the service now (signing, broadcasting, confirmations, reorgs), returning once it is
     * done, with its failure if it failed; nothing to do when anchoring is off.
     */
    public void tickNow(Duration timeout) throws InterruptedException {
        if (scheduler != null) scheduler.tickNow(timeout);
    }

    /** A batch: its state, how many digests, its Merkle root and, once signed, its transaction. */
    public record BatchReport(long id, String state, int size, String root, String txid) {}

    /** Every batch, by state (in the order a batch goes through them), then by id. */
    public List<BatchReport> batches() {
        return batches(queue);
    }

    /** Every batch of {@code queue}, as {@link #batches()} lists them. */
    public static List<BatchReport> batches(AnchorQueue queue) {
        List<BatchReport> all = new ArrayList<>();
        for (BatchState state : BatchState.values()) {
            for (Batch b : queue.batchesIn(state)) {
                all.add(new BatchReport(b.id(), state.name().toLowerCase(java.util.Locale.ROOT), b.leaves().size(), b.root().hex(),
                        queue.anchor(b.id()).map(r -> AnchorService.txid(r.transaction())).orElse(null)));
            }
        }
        return all;
    }

    /** Where a digest is: queued, or its batch's phase, transaction and block. */
    public record HashReport(Digest digest, String phase, Long batch, String txid, Long height, String blockHash, Long confirmations) {}

    public HashReport status(Digest digest) {
        HashStatus s = queue.status(digest).orElseThrow(() -> unknown(digest));
        if (!(s instanceof HashStatus.Batched b)) return new HashReport(digest, "queued", null, null, null, null, null);
        BatchSummary batch = summary(b.batchId());
        Optional<AnchorQueue.AnchorRecord> rec = queue.anchor(b.batchId());
        String txid = rec.map(r -> AnchorService.txid(r.transaction())).orElse(null);
        Long height = rec.filter(AnchorQueue.AnchorRecord::mined).map(AnchorQueue.AnchorRecord::height).orElse(null);
        String block = rec.filter(AnchorQueue.AnchorRecord::mined).map(AnchorQueue.AnchorRecord::blockHash).orElse(null);
        Long confirmations = null;
        if (height != null && chain != null) {
            try {
                confirmations = chain.tipHeight() - height + 1;
            } catch (AnchorException e) {
                // the node is down: the status is still worth answering
            }
        }
        return new HashReport(digest, batch.state().name().toLowerCase(java.util.Locale.ROOT), b.batchId(), txid, height, block, confirmations);
    }

    /** The complete proof of an anchored digest; NOT_FOUND if never queued, CONFLICT if its anchor is not in a block yet. */
    public AnchorProof proof(Digest digest) {
        HashStatus s = queue.status(digest).orElseThrow(() -> unknown(digest));
        if (!(s instanceof HashStatus.Batched b)) throw notAnchored(digest, "queued");
        Optional<AnchorQueue.AnchorRecord> rec = queue.anchor(b.batchId());
        if (rec.isEmpty() || !rec.get().mined()) throw notAnchored(digest, summary(b.batchId()).state().name().toLowerCase(java.util.Locale.ROOT));
        requireService();
        String key = b.batchId() + "@" + rec.get().blockHash();
        BatchProofs cached;
        synchronized (proofs) {
            cached = proofs.get(key);
        }
        if (cached == null) {
            AnchorProof one = service.proof(digest).orElseThrow(() -> notAnchored(digest, "reorganized"));
            Batch batch = queue.batch(b.batchId()).orElseThrow();
            cached = BatchProofs.from(batch.leaves(), one);
            synchronized (proofs) {
                proofs.put(key, cached);
            }
        }
        return cached.proof(digest).orElseThrow(() -> unknown(digest));
    }

    /** The service's state, for {@code GET /api/v0/anchor/status}. */
    public Map<String, Object> report() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("enabled", service != null);
        if (disabledReason != null) r.put("reason", disabledReason);
        r.put("network", config.bitcoinNetwork());
        r.put("queueDepth", queue.depth());
        Map<String, Long> phases = new LinkedHashMap<>();
        for (BatchState s : BatchState.values()) phases.put(s.name().toLowerCase(java.util.Locale.ROOT), 0L);
        for (BatchSummary b : queue.summaries()) phases.merge(b.state().name().toLowerCase(java.util.Locale.ROOT), 1L, Long::sum);
        r.put("batches", phases);
        r.put("batchSize", config.bitcoinBatchSize());
        r.put("anchorFrequency", config.bitcoinAnchorFrequency().toString());
        r.put("confirmations", config.bitcoinConfirmations());
        if (scheduler != null) {
            Instant last = scheduler.lastTick();
            r.put("lastTick", last == null ? null : last.toString());
            r.put("lastError", scheduler.lastError());
        }
        return r;
    }

    /** Refreshes the meters now (a test or a status page that cannot wait for the next tick). */
    public void refreshMetrics() {
        metrics.refresh();
    }

    private BatchSummary summary(long id) {
        return queue.summaries().stream().filter(x -> x.id() == id).findFirst()
                .orElseThrow(() -> new AnchorException(CairnException.Kind.INTERNAL, "unknown_batch", "batch " + id + " is missing from the index"));
    }

    private void requireService() {
        if (service == null) throw new AnchorException(CairnException.Kind.CONFLICT, "anchoring_disabled", disabledReason);
    }

    private static AnchorException unknown(Digest d) {
        return new AnchorException(CairnException.Kind.NOT_FOUND, "unknown_hash", d + " was never queued for anchoring");
    }

    private static AnchorException notAnchored(Digest d, String phase) {
        return new AnchorException(CairnException.Kind.CONFLICT, "not_anchored", d + " is not in a mined anchor yet (its batch is " + phase + ")");
    }

    private static String redactedUrl(String url) {
        return url.replaceAll("//[^@/]*@", "//***@");
    }

    @Override
    public void close() {
        if (scheduler != null) scheduler.close();
        queue.close();
    }
}
