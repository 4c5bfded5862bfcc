package dev.tideflow.policy.domain;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tideflow.contracts.Contract;
import dev.tideflow.contracts.InstanceAggregate;
import dev.tideflow.contracts.MetricWindow;
import dev.tideflow.policy.hpa.Recommendation;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AutoscalerHistoryTest {

    private static final Instant T = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void recommendationsOutsideTheLongestWindowAreForgottenAndTheSameMomentIsReplaced() {
        AutoscalerHistory history = AutoscalerHistory.EMPTY
                .withRecommendation(T, 5, T.minusSeconds(60))
                .withRecommendation(T.plusSeconds(30), 4, T.minusSeconds(30))
                .withRecommendation(T.plusSeconds(30), 6, T.minusSeconds(30))
                .withRecommendation(T.plusSeconds(60), 3, T);

        assertEquals(List.of(new Recommendation(T.plusSeconds(30), 6), new Recommendation(T.plusSeconds(60), 3)),
                history.stabilizationHistory());
    }

    @Test
    void anOlderWindowDoesNotReplaceTheLatestAndUntrackedMetricsAreDropped() {
        AutoscalerHistory history = AutoscalerHistory.EMPTY
                .withWindow(window("cpu", 20, 70))
                .withWindow(window("cpu", 10, 90))
                .withWindow(window("rps", 10, 5))
                .retainWindows(Set.of("cpu"));

        assertEquals(Set.of("cpu"), history.windows().keySet());
        assertEquals(70.0, history.windows().get("cpu").avg());
        assertEquals(10_000, history.windows().get("cpu").lengthMillis());
    }

    @Test
    void itReadsBackFromJsonUnchanged() throws Exception {
        AutoscalerHistory history = AutoscalerHistory.EMPTY.withWindow(window("cpu", 0, 42.5))
                .withRecommendation(T, 3, T.minusSeconds(300))
                .withScaleEvents(List.of(new AutoscalerHistory.ScaleChange(T.toEpochMilli(), 1, 3)));
        ObjectMapper mapper = new ObjectMapper();

        assertEquals(history, mapper.readValue(mapper.writeValueAsString(history), AutoscalerHistory.class));

        MetricWindow withInstances = new MetricWindow(Contract.VERSION, "shop/web", "rps", T, T.plusSeconds(10), 4L,
                1.0, 3.0, 2.0, 8.0, List.of(new InstanceAggregate("web-0", 2L, 1.0, 1.0, 250.0, true),
                        new InstanceAggregate("web-1", 2L, 3.0, 3.0, null, false)), null);
        AutoscalerHistory detailed = history.withWindow(withInstances);
        assertEquals(detailed, mapper.readValue(mapper.writeValueAsString(detailed), AutoscalerHistory.class));
        assertTrue(detailed.windows().get("rps").hasCompleteInstances());
        // A document stored before windows kept instances reads as an aggregate-only window.
        AutoscalerHistory.LatestWindow old = mapper.readValue("{\"start\":0,\"end\":10000,\"avg\":2.0,\"sum\":8.0}",
                AutoscalerHistory.LatestWindow.class);
        assertEquals(new AutoscalerHistory.LatestWindow(0, 10_000, 2.0, 8.0), old);
        assertFalse(old.hasCompleteInstances());
    }

    @Test
    void aThresholdsPolicyKeepsThePreviousWindowOfEachMetricAsItsBaseline() {
        AutoscalerHistory history = AutoscalerHistory.EMPTY.withWindow(window("rps", 0, 100), true)
                .withWindow(window("rps", 10, 150), true);

        AutoscalerHistory.LatestWindow latest = history.windows().get("rps");
        assertEquals(150.0, latest.aggregate(Aggregation.MAX));
        assertEquals(100.0, latest.recentPrevious(3).avg());
        assertEquals(null, latest.recentPrevious(3).previous(), "only one window back is kept");
        assertEquals(history, history.withWindow(window("rps", 10, 150), true), "a window received again keeps "
                + "its previous");
        assertEquals(history, history.withWindow(window("rps", 0, 100), true), "an older window changes nothing");
        AutoscalerHistory afterAGap = history.withWindow(window("rps", 60, 90), true);
        assertEquals(null, afterAGap.windows().get("rps").recentPrevious(3), "40 s back is over 3 window lengths");
    }

    @Test
    void aBreachingRunCountsEachWindowOnceAndRestartsOnAChangeOfDirection() {
        PolicyState state = PolicyState.start(UUID.randomUUID(), "shop/web");

        assertEquals(1, state.countBreach(1, T));
        assertEquals(1, state.countBreach(1, T), "a redelivered window is not counted again");
        assertEquals(2, state.countBreach(1, T.plusSeconds(10)));
        assertEquals(1, state.countBreach(-1, T.plusSeconds(20)));
        assertEquals(0, state.countBreach(0, T.plusSeconds(30)));
        assertEquals(1, state.countBreach(1, T.plusSeconds(40)));
        state.resetBreaches();
        assertEquals(1, state.countBreach(1, T.plusSeconds(50)));
    }

    private static MetricWindow window(String metric, int start, double avg) {
        Instant from = T.plusSeconds(start);
        return new MetricWindow(Contract.VERSION, "shop/web", metric, from, from.plusSeconds(10), 10L, avg, avg, avg,
                avg * 10);
    }
}
