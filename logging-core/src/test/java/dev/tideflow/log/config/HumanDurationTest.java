package dev.tideflow.log.config;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class HumanDurationTest {

    @ParameterizedTest
    @CsvSource({
        "7d, PT168H",
        "24h, PT24H",
        "100ms, PT0.1S",
        "250, PT0.25S",
        "1h30m, PT1H30M",
        "1h 30m, PT1H30M",
        "100us, PT0.0001S",
        "2w, PT336H",
        "PT15M, PT15M",
        "45s, PT45S"
    })
    void parsesOperatorDurations(String text, String iso) {
        assertEquals(Duration.parse(iso), HumanDuration.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "d", "7 days", "5y", "P1X", "1.5h"})
    void rejectsNonsense(String text) {
        assertThrows(IllegalArgumentException.class, () -> HumanDuration.parse(text));
    }
}
