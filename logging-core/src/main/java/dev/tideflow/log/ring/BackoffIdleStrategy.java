package dev.tideflow.log.ring;

import java.util.concurrent.locks.LockSupport;

/**
 * Spin, then yield, then park with a doubling timeout capped at {@code maxParkNanos}: cheap to wake in a burst,
 * quiet when idle. Stateless apart from its limits, so one instance can serve any number of waiting threads.
 */
public final class BackoffIdleStrategy implements IdleStrategy {

    private static final long MIN_PARK_NANOS = 1_000;

    private final int spins;
    private final int yields;
    private final long maxParkNanos;

    public BackoffIdleStrategy(int spins, int yields, long maxParkNanos) {
        if (spins < 0 || yields < 0 || maxParkNanos < MIN_PARK_NANOS) {
            throw new IllegalArgumentException("spins and yields must be >= 0 and maxParkNanos >= 1µs");
        }
        this.spins = spins;
        this.yields = yields;
        this.maxParkNanos = maxParkNanos;
    }

    @Override
    public void idle(int emptyRounds) {
        if (emptyRounds < spins) {
            Thread.onSpinWait();
        } else if (emptyRounds < spins + yields) {
            Thread.yield();
        } else {
            int doublings = Math.min(emptyRounds - spins - yields, 30);
            LockSupport.parkNanos(Math.min(maxParkNanos, MIN_PARK_NANOS << doublings));
        }
    }
}
