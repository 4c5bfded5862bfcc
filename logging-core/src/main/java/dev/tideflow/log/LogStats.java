package dev.tideflow.log;

import dev.tideflow.log.scale.ProducerMode;
import dev.tideflow.log.scale.WindowSample;

/**
 * A snapshot of a {@link ScalingLogger}'s counters. Totals count since start; {@code activeWriters} and
 * {@code lastWindow} describe the most recent measurement window.
 *
 * @param mode                   current producer mode
 * @param switchesToMpsc         SINGLE → MPSC switches
 * @param switchesToSingle       MPSC → SINGLE switches
 * @param writes                 records published to a ring
 * @param drops                  records not published: full ring under a dropping policy, logger closed, or a
 *                               failure while copying the record
 * @param contentionEvents       lost claim races plus writes by threads that could not own the single ring
 * @param activeWriters          threads that wrote in the last window
 * @param ringFill               records waiting in all rings divided by their total capacity, 0..1
 * @param rotations              files rotated by the sink
 * @param bytesWritten           bytes the sink accepted
 * @param encodeErrors           records the encoder failed on (skipped and reported)
 * @param sinkErrors             sink calls that threw (reported)
 * @param lastSwitchLatencyNanos how long the last producer that moved rings waited for its old ring to drain
 * @param maxSwitchLatencyNanos  the longest such wait
 * @param lastWindow             the last window's measurements, null before the first window closes
 */
public record LogStats(
        ProducerMode mode,
        long switchesToMpsc,
        long switchesToSingle,
        long writes,
        long drops,
        long contentionEvents,
        int activeWriters,
        double ringFill,
        long rotations,
        long bytesWritten,
        long encodeErrors,
        long sinkErrors,
        long lastSwitchLatencyNanos,
        long maxSwitchLatencyNanos,
        WindowSample lastWindow) {

    public long switches() {
        return switchesToMpsc + switchesToSingle;
    }
}
