package dev.tideflow.executor.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;

@ConfigMapping(prefix = "tideflow.executor")
public interface ExecutorConfig {

    /** Driver used for a decision whose target has not been registered. */
    @WithDefault("dry-run")
    String defaultDriver();

    /** How often the replica count of every registered target is observed and published. */
    @WithDefault("5s")
    Duration observeInterval();

    ProcessDriverConfig process();

    interface ProcessDriverConfig {

        /** Where the process driver keeps its pid files and replica logs; it must survive an executor restart. */
        Path stateDir();

        /** How long a replica may take to exit after SIGTERM before it is killed. */
        @WithDefault("5s")
        Duration stopGrace();
    }
}
