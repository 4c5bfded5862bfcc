package dev.tideflow.log.sink;

import java.time.Duration;
import java.util.Objects;

/** Exponential backoff between attempts of a failed I/O operation: initial, doubled each time, capped at max. */
public record RetryBackoff(int maxAttempts, Duration initial, Duration max) {

    public static final RetryBackoff DEFAULTS = new RetryBackoff(5, Duration.ofMillis(10), Duration.ofSeconds(1));

    public RetryBackoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1");
        }
        if (initial.isNegative() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 0 <= initial <= max");
        }
    }

    /** Pause before attempt {@code attempt + 1}, after {@code attempt} (1-based) failed. */
    public long delayNanos(int attempt) {
        long initialNanos = initial.toNanos();
        int shift = Math.min(Math.max(0, attempt - 1), 30);
        long delay = initialNanos << shift;
        if (delay < 0 || (initialNanos != 0 && delay >> shift != initialNanos)) {
            delay = Long.MAX_VALUE;
        }
        return Math.min(delay, max.toNanos());
    }
}
