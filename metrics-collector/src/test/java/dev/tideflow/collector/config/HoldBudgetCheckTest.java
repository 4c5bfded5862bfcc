package dev.tideflow.collector.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HoldBudgetCheckTest {

    @Test
    void refusesAMaxAgeTheLongestHoldCouldReach() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> HoldBudgetCheck.verify(Duration.ofSeconds(35), 30_000));

        assertTrue(e.getMessage().contains("unprocessed-record-max-age.ms=30000"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> HoldBudgetCheck.verify(Duration.ofSeconds(30), 30_000));
    }

    @Test
    void acceptsAHigherMaxAgeOrADisabledCheck() {
        assertDoesNotThrow(() -> HoldBudgetCheck.verify(Duration.ofSeconds(35), 60_000));
        assertDoesNotThrow(() -> HoldBudgetCheck.verify(Duration.ofSeconds(35), 0));
    }
}
