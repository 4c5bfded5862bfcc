package dev.tideflow.collector.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "tideflow.collector")
public interface CollectorConfig {

    /** Size of the tumbling windows; windows start at epoch multiples of it. */
    @WithDefault("10s")
    Duration window();

    /** How long after its end a window still takes samples before it closes. */
    @WithDefault("2s")
    Duration grace();

    /** How often due windows are closed and published (also the worst extra delay of a close). */
    @WithDefault("250ms")
    Duration tick();

    /** Open windows kept in memory at most; a sample needing a further window is refused and counted. */
    @WithDefault("100000")
    int maxOpenWindows();

    /**
     * Instances aggregated apart in one window (1 to {@code MetricWindow.MAX_INSTANCES}, 128). Samples of further
     * instances count in the target-wide aggregate only and are reported in the window's
     * {@code omittedInstanceSamples} and the {@code tideflow.collector.instance-samples.omitted} counter. Memory
     * grows with open windows × this.
     */
    @WithDefault("128")
    int maxInstancesPerWindow();

    /** How far ahead of this instance's clock a sample timestamp may be; further is dead-lettered. */
    @WithDefault("5s")
    Duration maxClockSkew();

    /**
     * After a restart or rebalance, redelivered samples of windows closed up to this long ago are still
     * aggregated (their windows were never published, or are re-published and deduplicated downstream).
     */
    @WithDefault("5m")
    Duration replayHorizon();

    /** Most samples one {@code POST /api/metrics} may carry. */
    @WithDefault("5000")
    int maxBatchSize();

    /** Samples of one REST batch handed to the producer at once. */
    @WithDefault("256")
    int sendConcurrency();

    Publish publish();

    Query query();

    interface Publish {

        /** Tries per window before its samples are dead-lettered instead of acknowledged. */
        @WithDefault("3")
        int attempts();

        /** How long one try may wait for the broker's acknowledgement. */
        @WithDefault("5s")
        Duration attemptTimeout();

        @WithDefault("200ms")
        Duration backoff();

        @WithDefault("2s")
        Duration maxBackoff();

        /** Windows of one tick published at once. */
        @WithDefault("256")
        int concurrency();
    }

    interface Query {

        @WithDefault("50")
        int defaultLimit();

        @WithDefault("1000")
        int maxLimit();
    }

    /**
     * The longest a sample's Kafka record can stay unacknowledged in normal operation: it can be ahead
     * by the clock skew, waits for its window to end and the grace, up to one tick, then every try.
     */
    default Duration longestHold() {
        Publish p = publish();
        Duration tries = p.attemptTimeout().multipliedBy(p.attempts())
                .plus(p.maxBackoff().multipliedBy(Math.max(0, p.attempts() - 1)));
        return maxClockSkew().plus(window()).plus(grace()).plus(tick()).plus(tries);
    }
}
