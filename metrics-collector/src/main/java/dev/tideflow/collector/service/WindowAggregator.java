package dev.tideflow.collector.service;

import dev.tideflow.contracts.Contract;
import dev.tideflow.contracts.InstanceAggregate;
import dev.tideflow.contracts.MetricSample;
import dev.tideflow.contracts.MetricWindow;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Tumbling windows per (target, metric), aligned to epoch multiples of the window size and assigned by
 * sample timestamp. A window closes once {@code now >= windowEnd + grace}; a sample for a window of its
 * series that is already closed is late. Each sample carries a receipt of type {@code R} that comes
 * back with the closed window, so the caller can acknowledge the input only once the output is safe.
 *
 * <p>Samples that name their instance are also aggregated per instance inside their window, up to a cap of
 * instances per window: the samples of further instances count in the target-wide aggregate only and are
 * reported as {@link MetricWindow#omittedInstanceSamples()}, so memory stays bounded by open windows × cap.
 *
 * <p>Not thread-safe: the caller serialises access.
 */
public final class WindowAggregator<R> {

    /** What became of a sample offered to {@link #add}. */
    public enum Admission {
        /** Counted into an open window; its receipt comes back when that window closes. */
        ACCEPTED,
        /** Its window has already closed (or closed longer ago than the replay horizon); dropped. */
        LATE,
        /** Its timestamp is further ahead of now than the allowed clock skew. */
        TOO_FAR_AHEAD,
        /** It needs a new window and the open-window limit is reached. */
        OVER_CAPACITY
    }

    private final long windowMillis;
    private final long graceMillis;
    private final long maxAheadMillis;
    private final long replayHorizonMillis;
    private final int maxOpenWindows;
    private final int maxInstancesPerWindow;

    /** Open windows grouped by end: closing takes the head entries, never scans every window. */
    private final NavigableMap<Long, Map<SeriesKey, OpenWindow<R>>> openByEnd = new TreeMap<>();
    /** End of the latest closed window per series, oldest closes first (re-inserted on each close). */
    private final LinkedHashMap<SeriesKey, Long> closedThrough = new LinkedHashMap<>();
    private int openWindows;
    private long heldReceipts;

    /**
     * @param window         the window size; a whole number of milliseconds dividing a day is sensible
     * @param grace          how long after its end a window still takes samples
     * @param maxClockSkew   how far ahead of now a sample timestamp may be
     * @param replayHorizon  how long after closing a window a sample for it that this instance has not
     *                       closed itself (after a restart or rebalance) is still aggregated
     * @param maxOpenWindows the memory bound: samples needing a further window are refused
     */
    public WindowAggregator(Duration window, Duration grace, Duration maxClockSkew, Duration replayHorizon,
            int maxOpenWindows) {
        this(window, grace, maxClockSkew, replayHorizon, maxOpenWindows, MetricWindow.MAX_INSTANCES);
    }

    /**
     * @param maxInstancesPerWindow instances aggregated apart in one window, at most
     *                              {@link MetricWindow#MAX_INSTANCES}; the samples of further instances are counted
     *                              target-wide only
     */
    public WindowAggregator(Duration window, Duration grace, Duration maxClockSkew, Duration replayHorizon,
            int maxOpenWindows, int maxInstancesPerWindow) {
        this.windowMillis = positive("window", window).toMillis();
        this.graceMillis = notNegative("grace", grace).toMillis();
        this.maxAheadMillis = notNegative("maxClockSkew", maxClockSkew).toMillis();
        this.replayHorizonMillis = notNegative("replayHorizon", replayHorizon).toMillis();
        if (maxOpenWindows < 1) {
            throw new IllegalArgumentException("maxOpenWindows must be at least 1, got " + maxOpenWindows);
        }
        this.maxOpenWindows = maxOpenWindows;
        if (maxInstancesPerWindow < 1 || maxInstancesPerWindow > MetricWindow.MAX_INSTANCES) {
            throw new IllegalArgumentException("maxInstancesPerWindow must be between 1 and "
                    + MetricWindow.MAX_INSTANCES + " (what one window may list), got " + maxInstancesPerWindow);
        }
        this.maxInstancesPerWindow = maxInstancesPerWindow;
    }

    /**
     * Offers a valid sample that has a timestamp.
     *
     * @param receipt returned with the window when the sample is {@link Admission#ACCEPTED}; otherwise the
     *                caller settles it at once
     */
    public Admission add(MetricSample sample, R receipt, Instant now) {
        Objects.requireNonNull(sample.timestamp(), "sample timestamp");
        long at = sample.timestamp().toEpochMilli();
        long nowMillis = now.toEpochMilli();
        if (at - nowMillis > maxAheadMillis) {
            return Admission.TOO_FAR_AHEAD;
        }
        long start = Math.floorDiv(at, windowMillis) * windowMillis;
        long end = start + windowMillis;
        SeriesKey series = new SeriesKey(sample.target(), sample.metric());
        Long closed = closedThrough.get(series);
        if ((closed != null && end <= closed) || end + graceMillis + replayHorizonMillis <= nowMillis) {
            return Admission.LATE;
        }
        Map<SeriesKey, OpenWindow<R>> ending = openByEnd.get(end);
        OpenWindow<R> window = ending == null ? null : ending.get(series);
        if (window == null) {
            if (openWindows >= maxOpenWindows) {
                return Admission.OVER_CAPACITY;
            }
            window = new OpenWindow<>(start);
            openByEnd.computeIfAbsent(end, e -> new HashMap<>()).put(series, window);
            openWindows++;
        }
        window.add(sample, at, receipt, maxInstancesPerWindow);
        heldReceipts++;
        return Admission.ACCEPTED;
    }

    /** Closes and returns every window with {@code windowEnd + grace <= now}, oldest first. */
    public List<ClosedWindow<R>> closeDue(Instant now) {
        long nowMillis = now.toEpochMilli();
        List<ClosedWindow<R>> closed = new ArrayList<>();
        while (!openByEnd.isEmpty() && openByEnd.firstKey() + graceMillis <= nowMillis) {
            Map.Entry<Long, Map<SeriesKey, OpenWindow<R>>> due = openByEnd.pollFirstEntry();
            long end = due.getKey();
            for (Map.Entry<SeriesKey, OpenWindow<R>> entry : due.getValue().entrySet()) {
                SeriesKey series = entry.getKey();
                closed.add(entry.getValue().close(series, end));
                heldReceipts -= entry.getValue().receipts.size();
                markClosed(series, end);
            }
            openWindows -= due.getValue().size();
        }
        forgetClosedBefore(nowMillis);
        return closed;
    }

    /**
     * Drops, without closing, every open window holding a receipt that matches; used when the input
     * those receipts stand for will be delivered again elsewhere (a revoked Kafka partition).
     *
     * @return the receipts of the dropped windows
     */
    public List<R> discard(Predicate<? super R> matching) {
        List<R> dropped = new ArrayList<>();
        Iterator<Map<SeriesKey, OpenWindow<R>>> ends = openByEnd.values().iterator();
        while (ends.hasNext()) {
            Map<SeriesKey, OpenWindow<R>> ending = ends.next();
            Iterator<OpenWindow<R>> windows = ending.values().iterator();
            while (windows.hasNext()) {
                OpenWindow<R> window = windows.next();
                if (window.receipts.stream().anyMatch(matching)) {
                    dropped.addAll(window.receipts);
                    heldReceipts -= window.receipts.size();
                    windows.remove();
                    openWindows--;
                }
            }
            if (ending.isEmpty()) {
                ends.remove();
            }
        }
        return dropped;
    }

    public int openWindows() {
        return openWindows;
    }

    /** Receipts held by open windows: input not yet acknowledged. */
    public long heldReceipts() {
        return heldReceipts;
    }

    private void markClosed(SeriesKey series, long end) {
        Long previous = closedThrough.remove(series);
        closedThrough.put(series, previous == null ? end : Math.max(previous, end));
    }

    /**
     * A series' closed mark is needed only while the replay horizon would still accept its windows; past
     * that the horizon rule makes them late anyway. The map is bounded like the open windows, because an
     * evicted mark only weakens late detection (a re-published window is deduplicated downstream).
     */
    private void forgetClosedBefore(long nowMillis) {
        Iterator<Map.Entry<SeriesKey, Long>> oldest = closedThrough.entrySet().iterator();
        while (oldest.hasNext()) {
            Map.Entry<SeriesKey, Long> entry = oldest.next();
            boolean expired = entry.getValue() + graceMillis + replayHorizonMillis <= nowMillis;
            if (!expired && closedThrough.size() <= maxOpenWindows) {
                return;
            }
            oldest.remove();
        }
    }

    private static Duration positive(String name, Duration value) {
        if (value == null || value.isZero() || value.isNegative() || value.toMillis() < 1) {
            throw new IllegalArgumentException(name + " must be at least 1ms, got " + value);
        }
        return value;
    }

    private static Duration notNegative(String name, Duration value) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, got " + value);
        }
        return value;
    }

    private record SeriesKey(String target, String metric) {
    }

    private static final class OpenWindow<R> {

        private final long start;
        private final List<R> receipts = new ArrayList<>();
        private final Stats stats = new Stats();
        /** Null until a sample names its instance: most series never do, and pay nothing for it. */
        private Map<String, InstanceStats> instances;
        private long omittedInstanceSamples;

        private OpenWindow(long start) {
            this.start = start;
        }

        private void add(MetricSample sample, long at, R receipt, int maxInstances) {
            double value = sample.value();
            stats.add(value);
            receipts.add(receipt);
            if (!sample.hasInstance()) {
                return;
            }
            if (instances == null) {
                instances = new HashMap<>();
            }
            InstanceStats instance = instances.get(sample.instance());
            if (instance == null) {
                if (instances.size() >= maxInstances) {
                    omittedInstanceSamples++;
                    return;
                }
                instance = new InstanceStats();
                instances.put(sample.instance(), instance);
            }
            instance.add(value, at, sample.request(), sample.ready());
        }

        private ClosedWindow<R> close(SeriesKey series, long end) {
            List<InstanceAggregate> perInstance = null;
            if (instances != null) {
                perInstance = instances.entrySet().stream()
                        .sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
                        .map(e -> e.getValue().toAggregate(e.getKey()))
                        .toList();
            }
            MetricWindow window = new MetricWindow(Contract.VERSION, series.target(), series.metric(),
                    Instant.ofEpochMilli(start), Instant.ofEpochMilli(end), stats.count, stats.min, stats.max,
                    stats.avg(), stats.sum, perInstance, omittedInstanceSamples == 0 ? null : omittedInstanceSamples);
            return new ClosedWindow<>(window, receipts);
        }
    }

    private static class Stats {

        long count;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum;

        void add(double value) {
            count++;
            min = Math.min(min, value);
            max = Math.max(max, value);
            sum += value;
        }

        /** Rounding can put sum / count a hair outside [min, max] (three times 0.1); an average never is. */
        double avg() {
            return Math.max(min, Math.min(max, sum / count));
        }
    }

    /**
     * One instance inside a window. Its latest sample by timestamp (ties to the later arrival) gives {@code last};
     * request and readiness are the latest each that a sample reported, as producers may send them less often.
     */
    private static final class InstanceStats extends Stats {

        private long lastAt = Long.MIN_VALUE;
        private double last;
        private long requestAt = Long.MIN_VALUE;
        private Double request;
        private long readyAt = Long.MIN_VALUE;
        private Boolean ready;

        void add(double value, long at, Double request, Boolean ready) {
            add(value);
            if (at >= lastAt) {
                lastAt = at;
                last = value;
            }
            if (request != null && at >= requestAt) {
                requestAt = at;
                this.request = request;
            }
            if (ready != null && at >= readyAt) {
                readyAt = at;
                this.ready = ready;
            }
        }

        InstanceAggregate toAggregate(String id) {
            return new InstanceAggregate(id, count, avg(), last, request, ready);
        }
    }
}
