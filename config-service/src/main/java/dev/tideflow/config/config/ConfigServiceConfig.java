package dev.tideflow.config.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "tideflow.config-service")
public interface ConfigServiceConfig {

    Relay relay();

    interface Relay {

        /**
         * How often the relay looks for changes left unpublished (broker down, crash between commit and send).
         * Read by the relay's {@code @Scheduled} expression; declared here so a malformed value fails at start.
         */
        @WithDefault("1s")
        Duration sweepInterval();

        /** Changes published per relay transaction. */
        @WithDefault("100")
        int batchSize();

        /** A send not acknowledged by then counts as failed; the change is retried by a later pass. */
        @WithDefault("15s")
        Duration publishTimeout();
    }
}
