package dev.tideflow.policy.service;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CurrentReplicasTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    @Test
    void nothingKnownAssumesTheMinimum() {
        assertEquals(new CurrentReplicas(2, CurrentReplicas.Source.ASSUMED_MINIMUM),
                CurrentReplicas.resolve(null, null, null, null, 2));
    }

    @Test
    void anObservationNewerThanTheLastDecisionWins() {
        assertEquals(new CurrentReplicas(4, CurrentReplicas.Source.OBSERVED),
                CurrentReplicas.resolve(4, T0.plusSeconds(5), 6, T0, 1));
    }

    @Test
    void aDecisionNotYetObservedWins() {
        assertEquals(new CurrentReplicas(6, CurrentReplicas.Source.LAST_DECISION),
                CurrentReplicas.resolve(4, T0, 6, T0.plusSeconds(5), 1));
    }

    @Test
    void aDecisionWithoutAnyObservationWins() {
        assertEquals(new CurrentReplicas(3, CurrentReplicas.Source.LAST_DECISION),
                CurrentReplicas.resolve(null, null, 3, T0, 1));
    }
}
