package dev.tideflow.contracts;

/** CloudEvents {@code type} attribute of each outgoing record. */
public final class EventTypes {

    public static final String METRIC_SAMPLE = "dev.tideflow.metric-sample.v1";
    public static final String METRIC_WINDOW = "dev.tideflow.metric-window.v1";
    public static final String DECISION = "dev.tideflow.decision.v1";
    public static final String SCALING_EVENT = "dev.tideflow.scaling-event.v1";
    public static final String REPLICA_OBSERVATION = "dev.tideflow.replica-observation.v1";
    public static final String CONFIG_CHANGE = "dev.tideflow.config-change.v1";

    private EventTypes() {
    }
}
