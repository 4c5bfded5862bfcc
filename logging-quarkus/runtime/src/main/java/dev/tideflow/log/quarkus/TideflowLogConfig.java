package dev.tideflow.log.quarkus;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Map;
import java.util.Optional;

/**
 * {@code tideflow.log.*}: where and how a service's log records are written by the Tideflow logging core. Sizes
 * and durations are human-readable ("100MB", "24h", "7d") and parsed by the core, which also rejects unknown
 * pass-through keys, so a typo fails the start instead of silently becoming a default.
 */
@ConfigMapping(prefix = "tideflow.log")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface TideflowLogConfig {

    /** Install the handler. When false the {@code ScalingLogger} bean still exists but discards every record. */
    @WithDefault("true")
    boolean enabled();

    /** Directory of the active file and its rotated archives; created if missing. */
    @WithDefault("logs")
    String directory();

    /** Name of the active file, a plain name inside {@link #directory()}. */
    @WithDefault("${quarkus.application.name:tideflow}.log")
    String fileName();

    /** Rotate before a write would take the active file past this size. */
    @WithDefault("100MB")
    String maxFileSize();

    /** UTC-aligned time rotation; {@code none} to rotate by size only. */
    @WithDefault("24h")
    String rotationInterval();

    /** Which rotated generations are kept. */
    Retention retention();

    /** Archive format of rotated files: {@code gzip}, {@code zstd} (needs zstd-jni) or {@code none}. */
    @WithDefault("gzip")
    String compression();

    /** Write a {@code .sha256} file next to every archive. */
    @WithDefault("true")
    boolean checksum();

    /** {@code json} (one JSON object per line) or {@code pattern}. */
    @WithDefault("json")
    String encoder();

    /** Layout for {@code encoder=pattern}: {@code %d %p %t %c %m %X %ex %n %%}, with widths such as {@code %-5p}. */
    @WithDefault("%d %-5p [%t] %c - %m%X%n%ex")
    String pattern();

    /** What a logging thread does when the ring is full: {@code block}, {@code drop-newest} or {@code non-blocking}. */
    @WithDefault("block")
    String backpressure();

    /**
     * Slots per ring (a power of two), applied to the single-producer rings and to the MPSC ring alike. Unset keeps
     * the core's defaults (4096 single, 8192 MPSC).
     */
    Optional<Integer> ringCapacity();

    /** Records below this level ({@code trace} … {@code fatal}) are not handed to the core. */
    @WithDefault("info")
    String level();

    /** Copy the MDC of each record into its fields (JBoss LogManager hands it over as a map copy per record). */
    @WithDefault("true")
    boolean includeMdc();

    /**
     * Any other key of the core's {@code LoggerConfig.fromProperties}, e.g.
     * {@code tideflow.log.core.scale.up.contention=5%} or {@code tideflow.log.core.mode=mpsc}. Applied last.
     */
    Map<String, String> core();

    /**
     * Any other key of the core's {@code FileSinkConfig.fromProperties}, e.g.
     * {@code tideflow.log.sink.fsync-on-flush=true}. Applied last.
     */
    Map<String, String> sink();

    /** When the {@code tideflow-log} readiness check reports DOWN. */
    Health health();

    interface Retention {

        /** Rotated generations kept; 0 for no limit. */
        @WithDefault("10")
        int maxFiles();

        /** Rotated generations older than this are deleted; {@code none} for no limit. */
        @WithDefault("7d")
        String maxAge();

        /** Total size of rotated generations kept; 0 for no limit. */
        @WithDefault("1GB")
        String maxTotalSize();
    }

    interface Health {

        /** The readiness check is DOWN when records are pending and nothing reached the sink for this long. */
        @WithDefault("10s")
        String stallTimeout();

        /** The readiness check is DOWN when the sink reported at least this many errors … */
        @WithDefault("3")
        int maxErrors();

        /** … within this window. */
        @WithDefault("1m")
        String errorWindow();
    }
}
