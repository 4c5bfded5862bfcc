package dev.tideflow.policy.forecast;

import java.time.Instant;

/** One stored bucket of a metric's history: its start and the mean load of the windows that fell into it. */
public record HistoryBucket(Instant start, double value) {
}
