package io.cairn.node.cli;

import io.cairn.anchor.Digest;
import io.cairn.node.anchor.AnchorRuntime;

/** The lines {@code cairn anchor} prints, the same whether the command ran on the repo or through a running node. */
final class AnchorLines {
    private AnchorLines() {}

    static String added(Digest digest, boolean newlyQueued) {
        return (newlyQueued ? "queued " : "already queued ") + digest.hex();
    }

    static String batch(AnchorRuntime.BatchReport b) {
        return "batch " + b.id() + " " + b.state() + " " + b.size() + " digests root " + b.root() + (b.txid() == null ? "" : " tx " + b.txid());
    }

    /** {@code HEX phase [batch N [tx TXID [height H block HASH]]]}. */
    static String status(Digest digest, String phase, Long batch, String txid, Long height, String blockHash) {
        StringBuilder line = new StringBuilder(digest.hex()).append(' ').append(phase);
        if (batch != null) line.append(" batch ").append(batch);
        if (txid != null) line.append(" tx ").append(txid);
        if (txid != null && height != null) line.append(" height ").append(height).append(" block ").append(blockHash);
        return line.toString();
    }
}
