package dev.tideflow.configclient;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;
import java.util.Optional;

@ConfigMapping(prefix = "tideflow.config-client")
public interface ConfigClientConfig {

    /** Follow {@code tideflow.config}; when false, every setting reads as its default. */
    @WithDefault("true")
    boolean enabled();

    /** This service's name; defaults to {@code quarkus.application.name}. */
    Optional<String> service();

    @WithDefault("default")
    String environment();

    /** This instance's name, for instance-scoped settings. */
    Optional<String> instance();

    /** How long start-up waits to read the settings already published before serving. */
    @WithName("initial-load-timeout")
    @WithDefault("10s")
    Duration initialLoadTimeout();
}
