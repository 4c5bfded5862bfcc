package dev.tideflow.log.quarkus;

import dev.tideflow.log.ScalingLogger;
import dev.tideflow.log.sink.FileSinkStats;
import dev.tideflow.log.sink.RotatingFileSink;

import java.util.Objects;
import java.util.Optional;

/**
 * The logger the extension started for this application, with its file sink (absent when disabled) and the
 * monitor that watches both. One per application; a CDI bean.
 */
public final class InstalledLogger {

    private final ScalingLogger logger;
    private final RotatingFileSink fileSink;
    private final SinkHealthMonitor health;

    public InstalledLogger(ScalingLogger logger, RotatingFileSink fileSink, SinkHealthMonitor health) {
        this.logger = Objects.requireNonNull(logger, "logger");
        this.fileSink = fileSink;
        this.health = Objects.requireNonNull(health, "health");
    }

    public ScalingLogger logger() {
        return logger;
    }

    /** The rotating file sink, or empty when {@code tideflow.log.enabled=false}. */
    public Optional<RotatingFileSink> fileSink() {
        return Optional.ofNullable(fileSink);
    }

    public Optional<FileSinkStats> fileSinkStats() {
        return fileSink == null ? Optional.empty() : Optional.of(fileSink.stats());
    }

    public SinkHealthMonitor health() {
        return health;
    }
}
