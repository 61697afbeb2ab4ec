package io.cairn.anchor.bitcoin;

import io.cairn.anchor.AnchorException;
import java.time.Duration;

/**
 * Exponential backoff for failed broadcasts: {@code initial} after the first failure, multiplied by
 * {@code multiplier} after each further one, never more than {@code max}.
 */
public record RetryPolicy(Duration initial, Duration max, double multiplier) {
    public static final RetryPolicy DEFAULT = new RetryPolicy(Duration.ofSeconds(10), Duration.ofMinutes(30), 2);

    public RetryPolicy {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0 || !(multiplier >= 1)) {
            throw AnchorException.badInput("invalid_retry_policy", "backoff needs 0 < initial <= max and a multiplier of at least 1");
        }
    }

    /** How long to wait after {@code failures} failures in a row (1 or more). */
    public Duration delayAfter(int failures) {
        double millis = initial.toMillis() * Math.pow(multiplier, Math.max(0, failures - 1));
        return millis >= max.toMillis() ? max : Duration.ofMillis((long) millis);
    }
}
