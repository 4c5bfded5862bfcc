package dev.tideflow.collector.service;

import dev.tideflow.contracts.MetricWindow;

import java.util.List;

/**
 * A window the aggregator has closed: its aggregate, and the receipts of every sample that went into it
 * (for the collector, the Kafka messages to acknowledge once the window is published).
 */
public record ClosedWindow<R>(MetricWindow window, List<R> receipts) {

    public ClosedWindow {
        receipts = List.copyOf(receipts);
    }
}
