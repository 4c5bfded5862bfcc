package dev.tideflow.configclient;

import dev.tideflow.log.Level;
import dev.tideflow.log.scale.ScalerThresholds;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LoggingSettingsTest {

    private static final ScalerThresholds BASE = ScalerThresholds.DEFAULTS;

    @Test
    void overridesReplaceOnlyTheirOwnThreshold() {
        ScalerThresholds next = LoggingSettings.thresholds(BASE, Map.of(
                "logging.scale.up.writes-per-second", 5000.0,
                "logging.scale.cooldown", Duration.ofSeconds(5),
                "logging.scale.stable-windows", 7));

        assertEquals(5000.0, next.upWritesPerSecond());
        assertEquals(Duration.ofSeconds(5), next.cooldown());
        assertEquals(7, next.stableWindows());
        assertEquals(BASE.downWritesPerSecond(), next.downWritesPerSecond());
        assertEquals(BASE.window(), next.window());
        assertEquals(BASE, LoggingSettings.thresholds(BASE, Map.of()));
    }

    @Test
    void aCombinationTheCoreRefusesIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> LoggingSettings.thresholds(BASE,
                Map.of("logging.scale.down.writes-per-second", BASE.upWritesPerSecond() + 1)));
    }

    @Test
    void valuesAreParsedStrictly() {
        assertEquals(Level.WARN, LoggingSettings.parseLevel(" warn "));
        assertThrows(IllegalArgumentException.class, () -> LoggingSettings.parseLevel("loud"));
        assertEquals(0.5, LoggingSettings.SCALE_KEYS.get("logging.scale.up.contention-ratio").apply("0.5"));
        assertThrows(IllegalArgumentException.class,
                () -> LoggingSettings.SCALE_KEYS.get("logging.scale.up.contention-ratio").apply("1.5"));
        assertThrows(IllegalArgumentException.class,
                () -> LoggingSettings.SCALE_KEYS.get("logging.scale.stable-windows").apply("0"));
        assertEquals(Duration.ofMillis(250), LoggingSettings.SCALE_KEYS.get("logging.scale.window").apply("250ms"));
    }
}
