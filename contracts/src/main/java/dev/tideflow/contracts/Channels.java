package dev.tideflow.contracts;

/** Reactive Messaging channel names, shared so that configuration keys and code never drift apart. */
public final class Channels {

    public static final String METRICS_IN = "metrics-in";
    public static final String METRICS_OUT = "metrics-out";
    public static final String WINDOWS_IN = "windows-in";
    public static final String WINDOWS_OUT = "windows-out";
    public static final String DECISIONS_IN = "decisions-in";
    public static final String DECISIONS_OUT = "decisions-out";
    public static final String SCALING_EVENTS_IN = "scaling-events-in";
    public static final String SCALING_EVENTS_OUT = "scaling-events-out";
    public static final String REPLICAS_IN = "replicas-in";
    public static final String REPLICAS_OUT = "replicas-out";
    public static final String CONFIG_OUT = "config-out";

    private Channels() {
    }
}
