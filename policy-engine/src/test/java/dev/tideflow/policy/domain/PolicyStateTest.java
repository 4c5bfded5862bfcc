package dev.tideflow.policy.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class PolicyStateTest {

    private static final Instant T = Instant.parse("2026-03-01T12:00:00Z");

    private final PolicyState state = PolicyState.start(UUID.randomUUID(), "shop/web");

    @Test
    void theBaselineIsThePreviousWindowsValue() {
        assertNull(remember(0, 100), "the first window has none");
        assertEquals(100.0, remember(10, 150));
        assertEquals(150.0, remember(20, 90));
    }

    @Test
    void aWindowEvaluatedAgainKeepsItsBaseline() {
        remember(0, 100);
        remember(10, 150);

        assertEquals(100.0, remember(10, 150));
        assertEquals(150.0, remember(20, 90), "the window evaluated again did not shift the history");
    }

    @Test
    void aWindowOlderThanTheLatestHasNone() {
        remember(0, 100);
        remember(10, 150);

        assertNull(remember(5, 120));
        assertEquals(150.0, remember(20, 90));
    }

    @Test
    void aBaselineMoreThanThreeWindowsBeforeIsStale() {
        remember(0, 100);
        assertEquals(100.0, remember(40, 150), "ended 30 s, three windows, before this one started");
        assertNull(remember(81, 90), "ended 31 s before");
    }

    @Test
    void aWindowEndEvaluatedOncePerMetricCountsOnceWithItsLatestDirection() {
        assertEquals(0, state.countMove(0, T), "memory's window: nothing to move yet");
        assertEquals(1, state.countMove(1, T), "cpu's window of the same end moves the count up");
        assertEquals(1, state.countMove(1, T), "evaluated again, still one window");
        assertEquals(2, state.countMove(1, T.plusSeconds(10)));
        assertEquals(1, state.countMove(-1, T.plusSeconds(10)), "the same end, now down: a new run");
        assertEquals(2, state.countMove(1, T.plusSeconds(10)), "and up again: the run before it continues");
        assertEquals(2, state.countMove(-1, T), "an older window leaves the run alone");
        state.resetBreaches();
        assertEquals(1, state.countMove(1, T.plusSeconds(10)), "after acting, the same end starts a new run");
    }

    /** A 10 s window starting {@code start} seconds after T. */
    private Double remember(int start, double value) {
        return state.rememberValue(T.plusSeconds(start), T.plusSeconds(start + 10L), value, 3);
    }
}
