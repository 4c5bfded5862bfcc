package dev.tideflow.policy.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tideflow.contracts.InstanceAggregate;
import dev.tideflow.contracts.MetricWindow;
import dev.tideflow.policy.hpa.Recommendation;
import dev.tideflow.policy.hpa.ScaleEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a targetTracking policy remembers of its target between windows, stored as one JSON document with the
 * policy's state: the recommendation history (stabilization) and the latest window of each tracked metric. The
 * replica changes the rate policies count are read from the executor's events at each evaluation and put in with
 * {@link #withScaleEvents}; stored documents keep an empty list. Times are epoch milliseconds so that the document reads the same
 * whatever JSON mapper writes it. Each list keeps only what the behavior can still look at.
 */
public record AutoscalerHistory(List<RecommendationEntry> recommendations, List<ScaleChange> scaleEvents,
        Map<String, LatestWindow> windows) {

    public static final AutoscalerHistory EMPTY = new AutoscalerHistory(List.of(), List.of(), Map.of());

    public AutoscalerHistory {
        recommendations = recommendations == null ? List.of() : List.copyOf(recommendations);
        scaleEvents = scaleEvents == null ? List.of() : List.copyOf(scaleEvents);
        windows = windows == null ? Map.of() : Map.copyOf(windows);
    }

    /** With {@code window} as its metric's latest, unless a later window of that metric is already known. */
    public AutoscalerHistory withWindow(MetricWindow window) {
        return withWindow(window, false);
    }

    /**
     * With {@code window} as its metric's latest, unless a later window of that metric is already known.
     *
     * @param keepPrevious whether the window replaced as the latest stays as its {@link LatestWindow#previous()}
     *                     (aggregates only), the baseline of a percentage_change threshold; a window received again
     *                     keeps the previous it had
     */
    public AutoscalerHistory withWindow(MetricWindow window, boolean keepPrevious) {
        LatestWindow known = windows.get(window.metric());
        long end = window.windowEnd().toEpochMilli();
        if (known != null && (known.end() > end || keepPrevious && known.end() == end)) {
            return this;
        }
        LatestWindow previous = !keepPrevious || known == null ? null : known.aggregatesOnly();
        Map<String, LatestWindow> next = new LinkedHashMap<>(windows);
        next.put(window.metric(), new LatestWindow(window.windowStart().toEpochMilli(), end, window.avg(),
                window.sum(), window.instances() == null || window.instances().isEmpty() ? null : window.instances(),
                window.omittedInstanceSamples(), window.min(), window.max(), window.count(), previous));
        return new AutoscalerHistory(recommendations, scaleEvents, next);
    }

    /** Without the windows of metrics the policy no longer tracks. */
    public AutoscalerHistory retainWindows(Set<String> metrics) {
        if (metrics.containsAll(windows.keySet())) {
            return this;
        }
        Map<String, LatestWindow> next = new LinkedHashMap<>(windows);
        next.keySet().retainAll(metrics);
        return new AutoscalerHistory(recommendations, scaleEvents, next);
    }

    /**
     * With the recommendation made at {@code at} (replacing one made at the same moment, as a redelivered window
     * makes it again), forgetting those at or before {@code keepAfter}.
     */
    public AutoscalerHistory withRecommendation(Instant at, int replicas, Instant keepAfter) {
        List<RecommendationEntry> next = new ArrayList<>();
        for (RecommendationEntry entry : recommendations) {
            if (entry.at() != at.toEpochMilli() && entry.at() > keepAfter.toEpochMilli()) {
                next.add(entry);
            }
        }
        next.add(new RecommendationEntry(at.toEpochMilli(), replicas));
        return new AutoscalerHistory(next, scaleEvents, windows);
    }

    /**
     * With {@code changes} as the replica changes the rate policies count. They come from the executor's events
     * and the decisions in flight at each evaluation ({@code ScaleEventHistory}), so the stored history keeps none.
     */
    public AutoscalerHistory withScaleEvents(List<ScaleChange> changes) {
        return new AutoscalerHistory(recommendations, changes, windows);
    }

    public List<Recommendation> stabilizationHistory() {
        return recommendations.stream().map(r -> new Recommendation(Instant.ofEpochMilli(r.at()), r.replicas()))
                .toList();
    }

    public List<ScaleEvent> events() {
        return scaleEvents.stream().map(e -> new ScaleEvent(Instant.ofEpochMilli(e.at()), e.from(), e.to())).toList();
    }

    public record RecommendationEntry(long at, int replicas) {
    }

    public record ScaleChange(long at, int from, int to) {
    }

    /**
     * A metric's latest window: its aggregates and, when the collector listed them, its instances, so that every
     * tracked metric (not only the one whose window triggered the evaluation) is read replica by replica. Documents
     * stored before instances existed read them as null; before a thresholds rule read min, max and count, those.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LatestWindow(long start, long end, double avg, double sum, List<InstanceAggregate> instances,
            Long omittedInstanceSamples, Double min, Double max, Long count, LatestWindow previous) {

        public LatestWindow(long start, long end, double avg, double sum) {
            this(start, end, avg, sum, null, null, null, null, null, null);
        }

        public LatestWindow(long start, long end, double avg, double sum, List<InstanceAggregate> instances,
                Long omittedInstanceSamples) {
            this(start, end, avg, sum, instances, omittedInstanceSamples, null, null, null, null);
        }

        public long lengthMillis() {
            return end - start;
        }

        /** Whether the instance list names every instance that reported (none was left out by the collector's cap). */
        public boolean hasCompleteInstances() {
            return instances != null && !instances.isEmpty()
                    && (omittedInstanceSamples == null || omittedInstanceSamples == 0);
        }

        /** The aggregate {@code aggregation} of this window; null when the stored document predates it. */
        public Double aggregate(Aggregation aggregation) {
            return switch (aggregation) {
                case AVG -> avg;
                case SUM -> sum;
                case MIN -> min;
                case MAX -> max;
                case COUNT -> count == null ? null : count.doubleValue();
            };
        }

        /**
         * The window before this one, if it ended at most {@code staleWindows} of this window's lengths before this
         * one started: the baseline of a percentage_change threshold, as {@link PolicyState#rememberValue} keeps
         * it for a single threshold. Null when there is none.
         */
        public LatestWindow recentPrevious(int staleWindows) {
            if (previous == null) {
                return null;
            }
            return previous.end >= start - lengthMillis() * staleWindows ? previous : null;
        }

        LatestWindow aggregatesOnly() {
            return new LatestWindow(start, end, avg, sum, null, null, min, max, count, null);
        }
    }
}
