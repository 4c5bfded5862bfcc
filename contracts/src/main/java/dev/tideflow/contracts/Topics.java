package dev.tideflow.contracts;

import java.util.List;

/** Every Kafka topic of the suite, with the layout the suite expects. */
public final class Topics {

    public static final String METRICS = "tideflow.metrics";
    public static final String METRIC_WINDOWS = "tideflow.metric-windows";
    public static final String DECISIONS = "tideflow.decisions";
    public static final String SCALING_EVENTS = "tideflow.scaling-events";
    public static final String REPLICAS = "tideflow.replicas";
    public static final String CONFIG = "tideflow.config";
    public static final String DEAD_LETTERS = "tideflow.dead-letters";

    /** Records about a target are keyed by its id, so one partition (and one consumer) owns a target. */
    public static final int TARGET_PARTITIONS = 6;

    /**
     * Config changes go to one compacted partition: revisions are totally ordered and a client
     * reads the whole current state from the start of the partition.
     */
    public static final List<TopicSpec> ALL = List.of(
            new TopicSpec(METRICS, TARGET_PARTITIONS, false),
            new TopicSpec(METRIC_WINDOWS, TARGET_PARTITIONS, false),
            new TopicSpec(DECISIONS, TARGET_PARTITIONS, false),
            new TopicSpec(SCALING_EVENTS, TARGET_PARTITIONS, false),
            new TopicSpec(REPLICAS, TARGET_PARTITIONS, false),
            new TopicSpec(CONFIG, 1, true),
            new TopicSpec(DEAD_LETTERS, 3, false));

    private Topics() {
    }

    public record TopicSpec(String name, int partitions, boolean compacted) {
    }
}
