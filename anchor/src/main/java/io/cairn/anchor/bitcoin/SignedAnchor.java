package io.cairn.anchor.bitcoin;

import java.util.List;

/** A signed anchor transaction and what it pays: the fee, its exact virtual size, the outputs it spends. */
public record SignedAnchor(byte[] transaction, String txid, long feeSats, int vsize, List<Utxo> inputs) {
    public SignedAnchor {
        inputs = List.copyOf(inputs);
    }

    /** The fee rate actually paid, in sat/vB. */
    public double feeRate() {
        return (double) feeSats / vsize;
    }
}
