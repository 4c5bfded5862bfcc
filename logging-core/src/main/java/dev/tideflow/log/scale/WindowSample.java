package dev.tideflow.log.scale;

/**
 * What producers did during one measurement window.
 *
 * @param elapsedNanos      actual window length
 * @param writes            records published
 * @param attempts          writes plus drops: every call that tried to enqueue
 * @param contentionEvents  lost claim CAS races, plus writes by a thread that could not own the single ring
 * @param meanLatencyNanos  estimated mean enqueue latency (sampled; see {@code ProducerState})
 * @param activeWriters     threads that attempted at least one write
 */
public record WindowSample(
        long elapsedNanos,
        long writes,
        long attempts,
        long contentionEvents,
        long meanLatencyNanos,
        int activeWriters) {

    public double writesPerSecond() {
        return elapsedNanos <= 0 ? 0 : writes * 1e9 / elapsedNanos;
    }

    public double contentionRatio() {
        return attempts == 0 ? 0 : (double) contentionEvents / attempts;
    }
}
