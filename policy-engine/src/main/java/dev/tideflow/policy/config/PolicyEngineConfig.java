package dev.tideflow.policy.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "tideflow.policy-engine")
public interface PolicyEngineConfig {

    Windows windows();

    Decisions decisions();

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
}
