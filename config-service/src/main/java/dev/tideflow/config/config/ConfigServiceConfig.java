package dev.tideflow.config.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

@ConfigMapping(prefix = "tideflow.config-service")
public interface ConfigServiceConfig {

    Relay relay();

    MasterKey masterKey();

    Rewrap rewrap();

    Templates templates();

    interface Templates {

        /**
         * Environment variables {@code ${env:NAME}} may read: exact names, or prefixes ending in {@code *}.
         * The master key's variable is never readable, whatever this says.
         */
        @WithDefault("TIDEFLOW_PUBLIC_*")
        List<String> envAllow();
    }

    /**
     * Where the master key comes from: {@link #file()} when set, else the environment variable named by
     * {@link #env()}. Without either the service runs, but refuses to write or read secrets (503).
     */
    interface MasterKey {

        /** A file holding one base64 256-bit key (keep it readable by the service user only). */
        Optional<Path> file();

        /** The environment variable holding the base64 key when no file is configured. */
        @WithDefault("TIDEFLOW_CONFIG_MASTER_KEY")
        String env();
    }

    interface Rewrap {

        /** Secrets moved to the active key version per transaction. */
        @WithDefault("100")
        int batchSize();

        /** How often the job looks for secrets under an older key version (a rotation also starts it at once). */
        @WithDefault("30s")
        Duration sweepInterval();
    }

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
