package dev.tideflow.log.quarkus;

import dev.tideflow.log.LogStats;
import dev.tideflow.log.sink.ErrorHandler;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Decides whether the logging path still works, from two signals:
 * <ul>
 *   <li><b>stalled</b>: records are pending (the rings hold records, or records were published since the sink last
 *   moved) and the sink has not accepted a byte for {@code stallTimeout}: a write that blocks, a wedged disk;</li>
 *   <li><b>failing</b>: at least {@code maxErrors} errors reported through the error callback within
 *   {@code errorWindow}: writes given up after their retries, rotations or reopenings that failed.</li>
 * </ul>
 * Progress is judged between observations ({@link #assess}), so a stall is reported by the first observation at
 * least {@code stallTimeout} after the one that first saw records pending; a readiness probe polls often enough.
 * It is also the error handler of the logger and its sink: it counts, then passes the error on.
 */
public final class SinkHealthMonitor implements ErrorHandler {

    /** The outcome of one observation; {@code reason} is null when healthy. */
    public record Assessment(boolean healthy, String reason) {
    }

    private final long stallTimeoutNanos;
    private final long errorWindowNanos;
    private final long[] errorTimes;
    private final LongSupplier nanoClock;
    private final ErrorHandler next;

    // Guarded by this.
    private long errorCount;
    private long totalErrors;
    private String lastError;
    private boolean observed;
    private long lastBytes;
    private long lastWrites;
    private long pendingSince;
    private boolean pending;

    public SinkHealthMonitor(Duration stallTimeout, int maxErrors, Duration errorWindow, LongSupplier nanoClock,
            ErrorHandler next) {
        if (maxErrors < 1) {
            throw new IllegalArgumentException("maxErrors must be >= 1");
        }
        this.stallTimeoutNanos = stallTimeout.toNanos();
        this.errorWindowNanos = errorWindow.toNanos();
        this.errorTimes = new long[maxErrors];
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.next = Objects.requireNonNull(next, "next");
    }

    @Override
    public void onError(String operation, Throwable error) {
        synchronized (this) {
            errorTimes[(int) (errorCount++ % errorTimes.length)] = nanoClock.getAsLong();
            totalErrors++;
            lastError = operation + ": " + error;
        }
        next.onError(operation, error);
    }

    /** Observes the logger's counters now and says whether the logging path is healthy. */
    public synchronized Assessment assess(LogStats stats) {
        long now = nanoClock.getAsLong();
        long bytes = stats.bytesWritten();
        long writes = stats.writes();
        if (!observed || bytes != lastBytes) {
            observed = true;
            lastBytes = bytes;
            lastWrites = writes;
            pending = false;
        } else if (stats.ringFill() > 0 || writes > lastWrites) {
            if (!pending) {
                pending = true;
                pendingSince = now;
            } else if (now - pendingSince >= stallTimeoutNanos) {
                return new Assessment(false, "nothing reached the sink for " + Duration.ofNanos(now - pendingSince)
                        + " while records are pending (" + (writes - lastWrites) + " published since, ring fill "
                        + Math.round(stats.ringFill() * 100) + "%)");
            }
        } else {
            pending = false;
            lastWrites = writes;
        }
        int max = errorTimes.length;
        if (errorCount >= max) {
            // The max-th most recent error: if it is inside the window, so are the max errors after it.
            long oldestOfRecent = errorTimes[(int) (errorCount % max)];
            if (now - oldestOfRecent <= errorWindowNanos) {
                return new Assessment(false, max + " or more sink errors within " + Duration.ofNanos(errorWindowNanos)
                        + ", last: " + lastError);
            }
        }
        return new Assessment(true, null);
    }

    public synchronized long totalErrors() {
        return totalErrors;
    }

    /** The last error reported, as "operation: exception", or null. */
    public synchronized String lastError() {
        return lastError;
    }
}
