package dev.tideflow.collector.service;

import dev.tideflow.collector.service.WindowAggregator.Admission;
import dev.tideflow.contracts.ContractCodec;
import dev.tideflow.contracts.InstanceAggregate;
import dev.tideflow.contracts.MetricSample;
import dev.tideflow.contracts.MetricWindow;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WindowAggregatorTest {

    private static final Duration WINDOW = Duration.ofSeconds(10);
    private static final Duration GRACE = Duration.ofSeconds(2);
    private static final Duration SKEW = Duration.ofSeconds(5);
    private static final Duration HORIZON = Duration.ofMinutes(5);
    /** An epoch multiple of 10 s: the start of a window. */
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    private final WindowAggregator<String> aggregator = new WindowAggregator<>(WINDOW, GRACE, SKEW, HORIZON, 1000);

    @Test
    void aggregatesOneWindow() {
        add("a", "cpu", 4.0, T0.plusMillis(100), "r1");
        add("a", "cpu", 1.0, T0.plusSeconds(3), "r2");
        add("a", "cpu", 7.0, T0.plusMillis(9_999), "r3");

        List<ClosedWindow<String>> closed = aggregator.closeDue(T0.plusSeconds(12));

        assertEquals(1, closed.size());
        MetricWindow w = closed.get(0).window();
        assertEquals("team/a", w.target());
        assertEquals("cpu", w.metric());
        assertEquals(T0, w.windowStart());
        assertEquals(T0.plusSeconds(10), w.windowEnd());
        assertEquals(3L, w.count());
        assertEquals(1.0, w.min());
        assertEquals(7.0, w.max());
        assertEquals(12.0, w.sum());
        assertEquals(4.0, w.avg());
        assertEquals(List.of("r1", "r2", "r3"), closed.get(0).receipts());
        ContractCodec.validate(w);
    }

    @Test
    void alignsWindowsToEpochMultiplesOfTheSize() {
        // 12:00:07.5 belongs to [12:00:00, 12:00:10) whatever the first sample's time.
        add("a", "cpu", 1.0, T0.plusMillis(7_500), "r1");
        // The end is exclusive: 12:00:10.000 opens the next window.
        add("a", "cpu", 2.0, T0.plusSeconds(10), "r2");

        List<ClosedWindow<String>> closed = aggregator.closeDue(T0.plusSeconds(22));

        assertEquals(2, closed.size());
        assertEquals(T0, closed.get(0).window().windowStart());
        assertEquals(T0.plusSeconds(10), closed.get(0).window().windowEnd());
        assertEquals(1L, closed.get(0).window().count());
        assertEquals(T0.plusSeconds(10), closed.get(1).window().windowStart());
        assertEquals(T0.plusSeconds(20), closed.get(1).window().windowEnd());
    }

    @Test
    void alignsOddSizesToTheEpochToo() {
        WindowAggregator<String> sevenSeconds = new WindowAggregator<>(Duration.ofSeconds(7), GRACE, SKEW, HORIZON,
                10);
        // 700_000_003 = 7 * 100_000_000 + 3
        Instant at = Instant.ofEpochSecond(700_000_003L);
        sevenSeconds.add(MetricSample.of("team/a", "cpu", 1, at), "r1", at);

        MetricWindow w = sevenSeconds.closeDue(at.plusSeconds(60)).get(0).window();

        assertEquals(Instant.ofEpochSecond(700_000_000L), w.windowStart());
        assertEquals(Instant.ofEpochSecond(700_000_007L), w.windowEnd());
    }

    @Test
    void keepsTargetsAndMetricsApart() {
        add("a", "cpu", 1.0, T0.plusSeconds(1), "a-cpu-1");
        add("a", "cpu", 3.0, T0.plusSeconds(2), "a-cpu-2");
        add("a", "rps", 100.0, T0.plusSeconds(1), "a-rps");
        add("b", "cpu", 50.0, T0.plusSeconds(1), "b-cpu");

        Map<String, ClosedWindow<String>> bySeries = aggregator.closeDue(T0.plusSeconds(12)).stream()
                .collect(Collectors.toMap(c -> c.window().target() + "|" + c.window().metric(), Function.identity()));

        assertEquals(3, bySeries.size());
        assertEquals(2L, bySeries.get("team/a|cpu").window().count());
        assertEquals(2.0, bySeries.get("team/a|cpu").window().avg());
        assertEquals(List.of("a-cpu-1", "a-cpu-2"), bySeries.get("team/a|cpu").receipts());
        assertEquals(100.0, bySeries.get("team/a|rps").window().sum());
        assertEquals(50.0, bySeries.get("team/b|cpu").window().max());
    }

    @Test
    void closesOnlyOnceEndPlusGraceHasPassed() {
        add("a", "cpu", 1.0, T0.plusSeconds(5), "r1");

        assertTrue(aggregator.closeDue(T0.plusSeconds(10)).isEmpty(), "still within grace at the window end");
        assertTrue(aggregator.closeDue(T0.plusMillis(11_999)).isEmpty(), "still within grace 1 ms before");
        assertEquals(1, aggregator.openWindows());
        // Samples arriving during the grace period still count.
        assertEquals(Admission.ACCEPTED, add("a", "cpu", 3.0, T0.plusSeconds(9), "r2", T0.plusSeconds(11)));

        List<ClosedWindow<String>> closed = aggregator.closeDue(T0.plusSeconds(12));

        assertEquals(1, closed.size());
        assertEquals(2L, closed.get(0).window().count());
        assertEquals(0, aggregator.openWindows());
        assertTrue(aggregator.closeDue(T0.plusSeconds(60)).isEmpty(), "a window closes once");
    }

    @Test
    void closesOldestFirstAndLeavesLaterWindowsOpen() {
        add("a", "cpu", 1.0, T0.plusSeconds(1), "w0");
        add("a", "cpu", 2.0, T0.plusSeconds(11), "w1");
        add("a", "cpu", 3.0, T0.plusSeconds(21), "w2");

        List<ClosedWindow<String>> closed = aggregator.closeDue(T0.plusSeconds(22));

        assertEquals(List.of(T0, T0.plusSeconds(10)), closed.stream().map(c -> c.window().windowStart()).toList());
        assertEquals(1, aggregator.openWindows());
        assertEquals(1L, aggregator.heldReceipts());
    }

    @Test
    void samplesForAClosedWindowAreLate() {
        add("a", "cpu", 1.0, T0.plusSeconds(1), "r1");
        aggregator.closeDue(T0.plusSeconds(12));

        assertEquals(Admission.LATE, add("a", "cpu", 9.0, T0.plusSeconds(8), "late", T0.plusSeconds(12)));
        // Another series has not closed that window yet: its sample still counts (replay after a restart).
        assertEquals(Admission.ACCEPTED, add("a", "rps", 9.0, T0.plusSeconds(8), "other", T0.plusSeconds(12)));
        // The next window of the same series is open.
        assertEquals(Admission.ACCEPTED, add("a", "cpu", 9.0, T0.plusSeconds(10), "next", T0.plusSeconds(12)));

        List<ClosedWindow<String>> closed = aggregator.closeDue(T0.plusSeconds(30));
        assertEquals(2, closed.size());
        assertTrue(closed.stream().noneMatch(c -> c.receipts().contains("late")), "a late sample is dropped");
    }

    @Test
    void samplesOlderThanTheReplayHorizonAreLateForEverySeries() {
        Instant now = T0.plus(HORIZON).plusSeconds(12);

        assertEquals(Admission.LATE, add("never-seen", "cpu", 1.0, T0.plusSeconds(1), "old", now));
        assertEquals(Admission.ACCEPTED, add("never-seen", "cpu", 1.0, T0.plusSeconds(1), "old", now.minusMillis(1)));
    }

    @Test
    void refusesTimestampsTooFarAhead() {
        assertEquals(Admission.TOO_FAR_AHEAD, add("a", "cpu", 1.0, T0.plus(SKEW).plusMillis(1), "r", T0));
        assertEquals(Admission.ACCEPTED, add("a", "cpu", 1.0, T0.plus(SKEW), "r", T0));
        assertEquals(1, aggregator.openWindows());
    }

    @Test
    void boundsOpenWindowsButKeepsFillingOpenOnes() {
        WindowAggregator<String> small = new WindowAggregator<>(WINDOW, GRACE, SKEW, HORIZON, 2);
        Instant at = T0.plusSeconds(1);

        assertEquals(Admission.ACCEPTED, small.add(MetricSample.of("team/a", "cpu", 1, at), "1", at));
        assertEquals(Admission.ACCEPTED, small.add(MetricSample.of("team/b", "cpu", 1, at), "2", at));
        assertEquals(Admission.OVER_CAPACITY, small.add(MetricSample.of("team/c", "cpu", 1, at), "3", at));
        assertEquals(Admission.ACCEPTED, small.add(MetricSample.of("team/a", "cpu", 2, at), "4", at),
                "an open window still takes samples at the limit");
        assertEquals(2, small.openWindows());

        small.closeDue(T0.plusSeconds(12));

        Instant later = T0.plusSeconds(12);
        assertEquals(Admission.ACCEPTED, small.add(MetricSample.of("team/c", "cpu", 1, later), "5", later),
                "closing frees room");
    }

    @Test
    void discardDropsWholeWindowsHoldingAMatchingReceipt() {
        add("a", "cpu", 1.0, T0.plusSeconds(1), "p0-1");
        add("a", "cpu", 2.0, T0.plusSeconds(2), "p0-2");
        add("b", "cpu", 3.0, T0.plusSeconds(1), "p1-1");

        List<String> dropped = aggregator.discard(receipt -> receipt.startsWith("p0"));

        assertEquals(List.of("p0-1", "p0-2"), dropped);
        assertEquals(1, aggregator.openWindows());
        assertEquals(1L, aggregator.heldReceipts());
        List<ClosedWindow<String>> closed = aggregator.closeDue(T0.plusSeconds(12));
        assertEquals(List.of("team/b"), closed.stream().map(c -> c.window().target()).toList());
        // A discarded window was never closed: its samples, read again, are counted again.
        assertEquals(Admission.ACCEPTED, add("a", "cpu", 1.0, T0.plusSeconds(1), "again", T0.plusSeconds(12)));
    }

    @Test
    void keepsTheAverageWithinMinAndMaxDespiteRounding() {
        add("a", "cpu", 0.1, T0.plusSeconds(1), "1");
        add("a", "cpu", 0.1, T0.plusSeconds(2), "2");
        add("a", "cpu", 0.1, T0.plusSeconds(3), "3");

        MetricWindow w = aggregator.closeDue(T0.plusSeconds(12)).get(0).window();

        assertTrue(w.avg() <= w.max() && w.avg() >= w.min(), "avg " + w.avg());
    }

    @Test
    void rejectsSamplesWithoutTimestampAndNonsenseSettings() {
        assertThrows(NullPointerException.class,
                () -> aggregator.add(MetricSample.of("team/a", "cpu", 1, null), "r", T0));
        assertThrows(IllegalArgumentException.class,
                () -> new WindowAggregator<String>(Duration.ZERO, GRACE, SKEW, HORIZON, 1));
        assertThrows(IllegalArgumentException.class,
                () -> new WindowAggregator<String>(WINDOW, GRACE.negated(), SKEW, HORIZON, 1));
        assertThrows(IllegalArgumentException.class,
                () -> new WindowAggregator<String>(WINDOW, GRACE, SKEW, HORIZON, 0));
    }

    @Test
    void aggregatesEachInstanceInsideItsWindow() {
        // Arrival order is not time order: web-0's latest sample (12:00:08) arrives first.
        addInstance("web-0", 0.8, T0.plusSeconds(8), 0.5, true, "r1");
        addInstance("web-0", 0.2, T0.plusSeconds(2), 0.25, false, "r2");
        addInstance("web-1", 0.4, T0.plusSeconds(3), null, false, "r3");
        addInstance("web-1", 0.6, T0.plusSeconds(4), 1.0, null, "r4");
        add("a", "cpu", 5.0, T0.plusSeconds(5), "r5");

        MetricWindow w = aggregator.closeDue(T0.plusSeconds(12)).get(0).window();

        assertEquals(5L, w.count());
        assertEquals(7.0, w.sum(), 1e-9);
        assertEquals(List.of(
                new InstanceAggregate("web-0", 2L, 0.5, 0.8, 0.5, true),
                new InstanceAggregate("web-1", 2L, 0.5, 0.6, 1.0, false)), w.instances());
        assertNull(w.omittedInstanceSamples());
        assertTrue(w.hasCompleteInstances());
        ContractCodec.validate(w);
    }

    @Test
    void aSeriesWhoseSamplesNameNoInstanceHasNoInstanceList() {
        add("a", "cpu", 1.0, T0.plusSeconds(1), "r1");
        aggregator.add(new MetricSample(1, "team/a", "cpu", 2.0, T0.plusSeconds(2), " "), "r2", T0.plusSeconds(2));

        MetricWindow w = aggregator.closeDue(T0.plusSeconds(12)).get(0).window();

        assertEquals(2L, w.count());
        assertNull(w.instances(), "a blank instance names none");
        assertFalse(w.hasCompleteInstances());
    }

    @Test
    void instancesBeyondTheCapAreCountedTargetWideAndReportedAsOmitted() {
        WindowAggregator<String> two = new WindowAggregator<>(WINDOW, GRACE, SKEW, HORIZON, 10, 2);
        Instant at = T0.plusSeconds(1);
        for (String id : List.of("web-c", "web-a", "web-b", "web-a", "web-d", "web-b")) {
            assertEquals(Admission.ACCEPTED, two.add(MetricSample.ofInstance("team/a", "cpu", 1.0, at, id, null,
                    null), id, at));
        }

        MetricWindow w = two.closeDue(T0.plusSeconds(12)).get(0).window();

        assertEquals(6L, w.count(), "every sample is in the target-wide aggregate");
        assertEquals(List.of("web-a", "web-c"), w.instances().stream().map(InstanceAggregate::instance).toList(),
                "the first two instances to arrive keep their place");
        assertEquals(2L, w.instances().get(0).count());
        assertEquals(3L, w.omittedInstanceSamples());
        assertFalse(w.hasCompleteInstances());
        ContractCodec.validate(w);
        assertThrows(IllegalArgumentException.class, () -> new WindowAggregator<String>(WINDOW, GRACE, SKEW,
                HORIZON, 10, MetricWindow.MAX_INSTANCES + 1));
        assertThrows(IllegalArgumentException.class, () -> new WindowAggregator<String>(WINDOW, GRACE, SKEW,
                HORIZON, 10, 0));
    }

    @Test
    void keepsEachInstancesAverageWithinItsMinAndMax() {
        for (int i = 1; i <= 3; i++) {
            addInstance("web-0", 0.1, T0.plusSeconds(i), null, null, "r" + i);
        }

        InstanceAggregate only = aggregator.closeDue(T0.plusSeconds(12)).get(0).window().instances().get(0);

        assertEquals(0.1, only.avg());
        assertEquals(3L, only.count());
    }

    private void addInstance(String instance, double value, Instant at, Double request, Boolean ready,
            String receipt) {
        assertEquals(Admission.ACCEPTED, aggregator.add(MetricSample.ofInstance("team/a", "cpu", value, at, instance,
                request, ready), receipt, T0.plusSeconds(9)));
    }

    private void add(String name, String metric, double value, Instant at, String receipt) {
        assertEquals(Admission.ACCEPTED, add(name, metric, value, at, receipt, at));
    }

    private Admission add(String name, String metric, double value, Instant at, String receipt, Instant now) {
        return aggregator.add(MetricSample.of("team/" + name, metric, value, at), receipt, now);
    }
}
