package dev.tideflow.policy.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

@ConfigMapping(prefix = "tideflow.policy-engine")
public interface PolicyEngineConfig {

    Windows windows();

    Decisions decisions();

    /**
     * The most replicas any one target may run, whatever its policy says; none when unset. The live setting
     * {@code autoscaling.max-total-replicas} from config-service lowers it further while it is set.
     */
    Optional<Integer> globalMaxReplicas();

    Bursts bursts();

    Schedules schedules();

    Forecast forecast();

    interface Forecast {

        /**
         * The length of a history bucket: each window's load is averaged into the bucket it starts in, and the
         * forecast has one point per bucket. A whole divisor of a day, at most an hour.
         */
        @WithDefault("15m")
        Duration bucket();

        /**
         * How often buckets older than the longest history window any policy reads (14 days when none has one,
         * 28 days at most) are deleted; {@code off} disables it.
         */
        @WithDefault("1h")
        String pruneEvery();
    }

    interface Windows {

        /**
         * How often a window is processed again after a database or broker failure before it goes to
         * the dead-letter topic. Processing again is safe: a decision already logged is republished.
         */
        @WithDefault("5")
        int retries();

        @WithDefault("200ms")
        Duration retryInitialBackoff();

        @WithDefault("5s")
        Duration retryMaxBackoff();
    }

    interface Decisions {

        /** The most decisions one {@code GET /api/decisions} returns. */
        @WithDefault("500")
        int maxLimit();
    }

    interface Schedules {

        /**
         * How often open schedule windows are checked against each target's count (a Quarkus scheduler interval
         * such as {@code 30s}; {@code off} disables the check, and schedules then act only on metric windows).
         */
        @WithDefault("30s")
        String checkEvery();
    }

    interface Bursts {

        /** How many recent values of a metric a burst is judged against. */
        @WithDefault("30")
        int window();

        /** How many values must be seen before anything is flagged. */
        @WithDefault("8")
        int minSamples();

        /** The robust z-score beyond which a value is a burst. */
        @WithDefault("3.5")
        double threshold();
    }
}
