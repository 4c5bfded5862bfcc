package dev.tideflow.configclient;

import dev.tideflow.log.Level;
import dev.tideflow.log.ScalingLogger;
import dev.tideflow.log.scale.ScalerThresholds;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The logging core's level and mode-scaling thresholds, live: {@code logging.level} ({@code TRACE} … {@code FATAL})
 * and {@code logging.scale.up.*} / {@code logging.scale.down.*} ({@code writes-per-second},
 * {@code contention-ratio}, {@code latency}, {@code active-writers}), {@code logging.scale.window},
 * {@code .cooldown}, {@code .stable-windows}. A key no scope sets keeps the value the service started with. The
 * thresholds are rebuilt once per applied revision, so a change-set that moves an up and a down threshold together
 * is checked as a whole; a combination the core refuses (down above up) is logged and the thresholds in force stay.
 * Services without the logging extension have no core to adjust: then nothing is registered.
 */
@ApplicationScoped
public class LoggingSettings {

    private static final Logger LOG = Logger.getLogger(LoggingSettings.class);

    public static final String LEVEL = "logging.level";
    public static final String SCALE = "logging.scale.";

    /** Every threshold key with its parser. */
    static final Map<String, Function<String, ?>> SCALE_KEYS = scaleKeys();

    private final LiveConfig live;
    private final ScalingLogger logger;
    private final Map<String, LiveSetting<?>> scale = new LinkedHashMap<>();
    private Level startLevel;
    private ScalerThresholds startThresholds;
    private LiveSetting<Level> level;

    LoggingSettings(LiveConfig live, Instance<ScalingLogger> logger) {
        this.live = live;
        this.logger = logger.isResolvable() ? logger.get() : null;
    }

    void start(@Observes StartupEvent event) {
        if (logger == null) {
            return;
        }
        startLevel = logger.level();
        startThresholds = logger.thresholds();
        level = live.register(Setting.of(LEVEL, LoggingSettings::parseLevel, null));
        SCALE_KEYS.forEach((key, parser) -> scale.put(key, live.register(Setting.of(key, parser, null))));
        live.addUpdateListener(update -> {
            if (update.changedKeys().stream().anyMatch(key -> key.equals(LEVEL) || key.startsWith(SCALE))) {
                apply();
            }
        });
        apply();
    }

    private synchronized void apply() {
        Level wanted = level.get() != null ? level.get() : startLevel;
        if (logger.level() != wanted) {
            LOG.infof("logging core level %s -> %s", logger.level(), wanted);
            logger.setLevel(wanted);
        }
        Map<String, Object> overrides = new LinkedHashMap<>();
        scale.forEach((key, setting) -> {
            if (setting.get() != null) {
                overrides.put(key, setting.get());
            }
        });
        ScalerThresholds next;
        try {
            next = thresholds(startThresholds, overrides);
        } catch (IllegalArgumentException e) {
            LOG.warnf("logging core thresholds %s refused (%s); keeping %s", overrides, e.getMessage(),
                    logger.thresholds());
            return;
        }
        if (!next.equals(logger.thresholds())) {
            LOG.infof("logging core thresholds -> %s", next);
            logger.thresholds(next);
        }
    }

    /** {@code base} with the keys of {@code overrides} replaced; throws when the result is not a valid set. */
    static ScalerThresholds thresholds(ScalerThresholds base, Map<String, Object> overrides) {
        return new ScalerThresholds(
                (Double) overrides.getOrDefault(SCALE + "up.writes-per-second", base.upWritesPerSecond()),
                (Double) overrides.getOrDefault(SCALE + "up.contention-ratio", base.upContentionRatio()),
                (Duration) overrides.getOrDefault(SCALE + "up.latency", base.upLatency()),
                (Integer) overrides.getOrDefault(SCALE + "up.active-writers", base.upActiveWriters()),
                (Double) overrides.getOrDefault(SCALE + "down.writes-per-second", base.downWritesPerSecond()),
                (Double) overrides.getOrDefault(SCALE + "down.contention-ratio", base.downContentionRatio()),
                (Duration) overrides.getOrDefault(SCALE + "down.latency", base.downLatency()),
                (Integer) overrides.getOrDefault(SCALE + "down.active-writers", base.downActiveWriters()),
                (Duration) overrides.getOrDefault(SCALE + "window", base.window()),
                (Duration) overrides.getOrDefault(SCALE + "cooldown", base.cooldown()),
                (Integer) overrides.getOrDefault(SCALE + "stable-windows", base.stableWindows()));
    }

    static Level parseLevel(String text) {
        String name = text.strip().toUpperCase(Locale.ROOT);
        for (Level candidate : Level.values()) {
            if (candidate.name().equals(name)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a level (TRACE, DEBUG, INFO, WARN, ERROR, FATAL)");
    }

    private static Map<String, Function<String, ?>> scaleKeys() {
        Map<String, Function<String, ?>> keys = new LinkedHashMap<>();
        for (String direction : new String[] {"up.", "down."}) {
            keys.put(SCALE + direction + "writes-per-second", LoggingSettings::nonNegative);
            keys.put(SCALE + direction + "contention-ratio", LoggingSettings::ratio);
            keys.put(SCALE + direction + "latency", Setting::parseDuration);
            keys.put(SCALE + direction + "active-writers", text -> atLeast(text, 0));
        }
        keys.put(SCALE + "window", Setting::parseDuration);
        keys.put(SCALE + "cooldown", Setting::parseDuration);
        keys.put(SCALE + "stable-windows", text -> atLeast(text, 1));
        return Map.copyOf(keys);
    }

    private static Double nonNegative(String text) {
        double value = Double.parseDouble(text.strip());
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("'" + text + "' is not a finite number >= 0");
        }
        return value;
    }

    private static Double ratio(String text) {
        double value = nonNegative(text);
        if (value > 1) {
            throw new IllegalArgumentException("'" + text + "' is not a ratio from 0 to 1");
        }
        return value;
    }

    private static Integer atLeast(String text, int min) {
        int value = Integer.parseInt(text.strip());
        if (value < min) {
            throw new IllegalArgumentException("'" + text + "' is below " + min);
        }
        return value;
    }
}
