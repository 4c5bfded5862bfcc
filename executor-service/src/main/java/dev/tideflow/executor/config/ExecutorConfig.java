package dev.tideflow.executor.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;

@ConfigMapping(prefix = "tideflow.executor")
public interface ExecutorConfig {

    /** Driver used for a decision whose target has not been registered (live: {@code executor.default-driver}). */
    @WithDefault("dry-run")
    String defaultDriver();

    /** How often the replica count of every registered target is observed and published. */
    @WithDefault("5s")
    Duration observeInterval();

    ProcessDriverConfig process();

    interface ProcessDriverConfig {

        /** Where the process driver keeps its pid files and replica logs; it must survive an executor restart. */
        Path stateDir();

        /**
         * How long a replica may take to exit after SIGTERM before it is killed (live:
         * {@code executor.driver.process.stop-grace}).
         */
        @WithDefault("5s")
        Duration stopGrace();

        /** The most replicas one target may run on this host (live: {@code executor.driver.process.max-replicas}). */
        @WithDefault("64")
        int maxReplicas();
    }

    Notifications notifications();

    /**
     * The scaling-outcome webhook. Its URL and signing secret are live settings
     * ({@code executor.notifications.webhook-url}, {@code executor.notifications.signing-secret}); these values
     * are read once at start.
     */
    interface Notifications {

        /** Notifications waiting to be sent; beyond that, new ones are dropped (counted and logged). */
        @WithDefault("1000")
        int queueCapacity();

        /** Attempts per notification (network errors, 5xx, 408, 429 are retried). */
        @WithDefault("5")
        int maxAttempts();

        /** The wait before the second attempt, doubled before each later one. */
        @WithDefault("500ms")
        Duration firstBackoff();

        /** Connect and response timeout of one attempt. */
        @WithDefault("5s")
        Duration timeout();
    }
}
