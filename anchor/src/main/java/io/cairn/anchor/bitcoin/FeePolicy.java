package io.cairn.anchor.bitcoin;

import io.cairn.anchor.AnchorException;
import java.util.OptionalDouble;

/**
 * Where an anchor's fee rate comes from: a fixed rate from the config ({@code bitcoin_fee_rate}), or
 * the back end's estimate for {@code targetBlocks}, never below {@code floor} (also used when the back
 * end has no estimate, as on a fresh regtest chain) and never above {@code ceiling}. Rates in sat/vB.
 */
public record FeePolicy(Double fixedRate, int targetBlocks, double floor, double ceiling) {
    /** BIP 125 rule 4: a replacement pays at least this much more per vbyte than what it replaces (Core's default). */
    public static final double INCREMENTAL_RELAY_FEE = 1.0;

    public FeePolicy {
        if (fixedRate != null && !(fixedRate > 0)) throw AnchorException.badInput("invalid_fee_rate", "a fee rate must be positive");
        if (!(floor > 0) || !(ceiling >= floor)) throw AnchorException.badInput("invalid_fee_rate", "fee floor must be positive and at most the ceiling");
        if (targetBlocks < 1) throw AnchorException.badInput("invalid_fee_rate", "the confirmation target must be at least one block");
    }

    public static FeePolicy fixed(double satPerVbyte) {
        return new FeePolicy(satPerVbyte, 6, Math.min(1, satPerVbyte), Math.max(1000, satPerVbyte));
    }

    public static FeePolicy estimated(int targetBlocks, double floor, double ceiling) {
        return new FeePolicy(null, targetBlocks, floor, ceiling);
    }

    /** The rate to pay now. */
    public double rate(ChainBackend chain) {
        if (fixedRate != null) return fixedRate;
        OptionalDouble estimate = chain.feeRateEstimate(targetBlocks);
        double rate = estimate.orElse(floor);
        return Math.min(ceiling, Math.max(floor, rate));
    }

    /**
     * The fee a replacement of size {@code vsize} pays: the current rate, but at least the original's fee
     * plus the incremental relay fee for the replacement's own size (BIP 125 rules 3 and 4), and at least
     * a quarter more than the original, so that repeated bumps make real progress.
     */
    public long replacementFee(double currentRate, long originalFee, int vsize) {
        long byRate = (long) Math.ceil(currentRate * vsize);
        long byRule = originalFee + (long) Math.ceil(INCREMENTAL_RELAY_FEE * vsize);
        long byProgress = (long) Math.ceil(originalFee * 1.25);
        return Math.max(byRate, Math.max(byRule, byProgress));
    }
}
