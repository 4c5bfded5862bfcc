package dev.tideflow.configclient;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.net.URI;
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

    /** config-service's base URL, from which secret settings are read in clear (the topic carries a mask). */
    Optional<URI> url();

    /**
     * This service's token for reading its secrets: a JWT with role {@code service} and subject
     * {@code service:<name>}. Without it, secret settings read as their defaults.
     */
    Optional<String> token();

    /** Timeout of one secret read; a failed read is retried with backoff. */
    @WithName("secret-timeout")
    @WithDefault("5s")
    Duration secretTimeout();

    /** How long start-up waits to read the settings already published before serving. */
    @WithName("initial-load-timeout")
    @WithDefault("10s")
    Duration initialLoadTimeout();
}
