package dev.tideflow.policy.service;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CooldownTest {

    private static final Instant DECIDED = Instant.parse("2026-01-01T10:00:00Z");

    private final Cooldown oneMinute = Cooldown.ofSeconds(60);

    @Test
    void activeUntilTheLengthHasPassed() {
        assertEquals(Optional.of(DECIDED.plusSeconds(60)), oneMinute.activeUntil(DECIDED, DECIDED.plusSeconds(59)));
    }

    @Test
    void endsExactlyAtTheLength() {
        assertEquals(Optional.empty(), oneMinute.activeUntil(DECIDED, DECIDED.plusSeconds(60)));
    }

    @Test
    void noDecisionYetMeansNoCooldown() {
        assertEquals(Optional.empty(), oneMinute.activeUntil(null, DECIDED));
    }

    @Test
    void zeroLengthNeverBlocks() {
        assertEquals(Optional.empty(), Cooldown.ofSeconds(0).activeUntil(DECIDED, DECIDED));
    }
}
