package dev.tideflow.policy.service;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class PolicyArbiterTest {

    private static final Instant NOW = Instant.parse("2026-01-01T10:01:00Z");
    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

    private final PolicyArbiter arbiter = new PolicyArbiter();

    @Test
    void aScaleDownIsHeldWhileAnotherPolicyCurrentlyRecommendsTheCurrentCount() {
        PolicyArbiter.Held held = arbiter.arbitrate(4, 3, List.of(peer("web-rps", 4, 10), peer("web-queue", 2, 0)),
                NOW, TEN_SECONDS);

        assertEquals(4, held.to());
        assertEquals("web-rps", held.policy());
        assertEquals("policy web-rps recommends 4 replicas (evaluated over the window ending "
                + "2026-01-01T10:00:50Z), so the scale-down is held at 4 replicas", held.text());
    }

    @Test
    void aScaleDownGoesNoLowerThanTheHighestCurrentRecommendation() {
        PolicyArbiter.Held held = arbiter.arbitrate(6, 2, List.of(peer("a", 3, 0), peer("b", 4, 20)), NOW,
                TEN_SECONDS);

        assertEquals(4, held.to());
        assertEquals("b", held.policy());
    }

    @Test
    void aStaleOrLowerRecommendationHoldsNothing() {
        // Evaluated 40 s ago over a 10 s window: more than 3 of its window lengths.
        assertNull(arbiter.arbitrate(4, 3, List.of(peer("old", 6, 40)), NOW, TEN_SECONDS));
        assertNull(arbiter.arbitrate(4, 3, List.of(peer("lower", 3, 0)), NOW, TEN_SECONDS));
        assertNull(arbiter.arbitrate(4, 3, List.of(new PolicyArbiter.Peer("never", null, null, null)), NOW,
                TEN_SECONDS));
    }

    @Test
    void aPeersOwnWindowLengthSaysHowLongItsRecommendationLasts() {
        PolicyArbiter.Peer minutely = new PolicyArbiter.Peer("minutely", 6, NOW.minusSeconds(150),
                NOW.minusSeconds(210));

        assertEquals(4, arbiter.arbitrate(4, 3, List.of(minutely), NOW, TEN_SECONDS).to());
        assertNull(arbiter.arbitrate(4, 3, List.of(new PolicyArbiter.Peer("unknown-length", 6,
                NOW.minusSeconds(150), null)), NOW, TEN_SECONDS), "3 × the evaluated window's 10 s");
    }

    @Test
    void scaleUpsAreNeverHeld() {
        assertNull(arbiter.arbitrate(2, 3, List.of(peer("higher", 8, 0)), NOW, TEN_SECONDS));
    }

    /** A peer that evaluated a 10 s window ending {@code ageSeconds} before now. */
    private static PolicyArbiter.Peer peer(String name, int recommended, int ageSeconds) {
        Instant end = NOW.minusSeconds(ageSeconds);
        return new PolicyArbiter.Peer(name, recommended, end, end.minusSeconds(10));
    }
}
