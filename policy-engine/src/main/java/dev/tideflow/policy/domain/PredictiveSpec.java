package dev.tideflow.policy.domain;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.tideflow.contracts.Violations;
import dev.tideflow.log.config.HumanDuration;
import dev.tideflow.policy.forecast.MaxCapacityBreachBehavior;
import dev.tideflow.policy.forecast.PredictiveScalingMode;
import dev.tideflow.policy.forecast.PredictiveScalingPolicy;
import dev.tideflow.policy.hpa.TargetType;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A policy's predictive scaling as a user writes it, after AWS predictive scaling: the load of {@code metric} is
 * forecast from its stored history, and in {@code ForecastAndScale} the replicas the forecast needs become a floor
 * a scheduling buffer ahead of the need. Absent fields take the defaults below.
 *
 * @param mode                      {@code ForecastOnly} (default: computed and shown, never acted on) or
 *                                  {@code ForecastAndScale}
 * @param metric                    the metric whose load is forecast
 * @param historyWindow             how much history the forecast reads, {@code 1d} to {@code 28d} (default 14d)
 * @param horizon                   how far ahead the forecast reaches, {@code 1h} to {@code 48h} (default 24h)
 * @param minConfidence             0 to 1; below it the forecast takes no action (default 0.5)
 * @param schedulingBuffer          how long before the forecast need the replicas are put in place, {@code 0s} to
 *                                  {@code 1h} (default 5m)
 * @param maxCapacityBreachBehavior {@code honor} (default): the floor stops at maxReplicas; {@code increase}: the
 *                                  maximum is raised to the forecast replicas plus {@code maxCapacityBuffer} percent
 * @param maxCapacityBuffer         0 to 100 percent, with {@code increase} only (default 0)
 * @param targetValuePerReplica     load one replica carries; absent, the AverageValue target of the rule's metric of
 *                                  the same name
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"mode", "metric", "historyWindow", "horizon", "minConfidence", "schedulingBuffer",
    "maxCapacityBreachBehavior", "maxCapacityBuffer", "targetValuePerReplica"})
public record PredictiveSpec(String mode, String metric, String historyWindow, String horizon, Double minConfidence,
        String schedulingBuffer, String maxCapacityBreachBehavior, Integer maxCapacityBuffer,
        Double targetValuePerReplica) {

    public static final String FORECAST_ONLY = "ForecastOnly";
    public static final String FORECAST_AND_SCALE = "ForecastAndScale";
    public static final String HONOR = "honor";
    public static final String INCREASE = "increase";
    public static final List<String> MODES = List.of(FORECAST_ONLY, FORECAST_AND_SCALE);
    public static final List<String> BREACH_BEHAVIORS = List.of(HONOR, INCREASE);

    public static final Duration DEFAULT_HISTORY_WINDOW = Duration.ofDays(14);
    /** The longest history any policy may read; it bounds what the engine stores per target and metric. */
    public static final Duration MAX_HISTORY_WINDOW = Duration.ofDays(28);
    /** AWS predictive scaling needs a day of data too: less than that shows no daily pattern at all. */
    public static final Duration MIN_HISTORY_WINDOW = Duration.ofDays(1);
    public static final Duration DEFAULT_HORIZON = Duration.ofHours(24);
    public static final Duration MIN_HORIZON = Duration.ofHours(1);
    public static final Duration MAX_HORIZON = Duration.ofHours(48);
    public static final double DEFAULT_MIN_CONFIDENCE = 0.5;
    public static final Duration DEFAULT_SCHEDULING_BUFFER = Duration.ofMinutes(5);
    /** AWS's limit for its SchedulingBufferTime. */
    public static final Duration MAX_SCHEDULING_BUFFER = Duration.ofHours(1);

    /**
     * Adds every mistake to {@code check}, fields named {@code predictive.<name>}.
     *
     * @param rule the policy's rule, which may supply the target value per replica
     */
    public void validate(Violations check, ScalingRule rule) {
        if (mode != null && !MODES.contains(mode)) {
            check.add("unknown mode '" + mode + "' in 'predictive.mode' (expected one of " + MODES + ")");
        }
        check.metricName("predictive.metric", metric);
        span(check, "historyWindow", historyWindow, MIN_HISTORY_WINDOW, MAX_HISTORY_WINDOW, "1d", "28d");
        span(check, "horizon", horizon, MIN_HORIZON, MAX_HORIZON, "1h", "48h");
        span(check, "schedulingBuffer", schedulingBuffer, Duration.ZERO, MAX_SCHEDULING_BUFFER, "0s", "1h");
        if (minConfidence != null && !(minConfidence >= 0 && minConfidence <= 1)) {
            check.add("'predictive.minConfidence' must be between 0 and 1, got " + Numbers.format(minConfidence));
        }
        if (maxCapacityBreachBehavior != null && !BREACH_BEHAVIORS.contains(maxCapacityBreachBehavior)) {
            check.add("unknown behavior '" + maxCapacityBreachBehavior + "' in 'predictive.maxCapacityBreachBehavior'"
                    + " (expected one of " + BREACH_BEHAVIORS + ")");
        }
        if (maxCapacityBuffer != null) {
            if (!INCREASE.equals(maxCapacityBreachBehavior)) {
                check.add("'predictive.maxCapacityBuffer' applies only with 'maxCapacityBreachBehavior': 'increase'"
                        + " (the maximum is never raised otherwise)");
            } else if (maxCapacityBuffer < 0 || maxCapacityBuffer > 100) {
                check.add("'predictive.maxCapacityBuffer' must be 0 to 100 (percent), got " + maxCapacityBuffer);
            }
        }
        if (targetValuePerReplica != null) {
            if (!Double.isFinite(targetValuePerReplica) || targetValuePerReplica <= 0
                    || targetValuePerReplica > SpecChecks.MAX_VALUE) {
                check.add("'predictive.targetValuePerReplica' must be a number above 0 and at most 1e12, got "
                        + Numbers.format(targetValuePerReplica));
            }
        } else if (metric != null && derivedTargetValue(rule).isEmpty()) {
            check.add("'predictive.targetValuePerReplica' is required: the rule has no AverageValue target for '"
                    + metric + "' to size replicas by");
        }
    }

    private static void span(Violations check, String name, String text, Duration min, Duration max, String minText,
            String maxText) {
        if (text == null) {
            return;
        }
        Optional<Duration> parsed = duration(text);
        if (parsed.isEmpty()) {
            check.add("'predictive." + name + "' must be a duration such as '30s', '5m', '1h' or '14d', got '"
                    + text + "'");
        } else if (parsed.get().compareTo(min) < 0 || parsed.get().compareTo(max) > 0) {
            check.add("'predictive." + name + "' must be between " + minText + " and " + maxText + ", got '" + text
                    + "'");
        }
    }

    /** A duration as the other human-written settings take it (the logging core's parser); empty when invalid. */
    private static Optional<Duration> duration(String text) {
        try {
            return Optional.of(HumanDuration.parse(text)).filter(d -> !d.isNegative());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The load one replica carries, from an AverageValue target on the same metric in a targetTracking rule. */
    private Optional<Double> derivedTargetValue(ScalingRule rule) {
        if (!(rule instanceof TargetTrackingRule tracking) || tracking.metrics() == null) {
            return Optional.empty();
        }
        return tracking.metrics().stream()
                .filter(m -> m != null && metric.equals(m.name()) && m.target() != null
                        && TargetType.AVERAGE_VALUE.wireName().equals(m.target().type())
                        && m.target().averageValue() != null && m.target().averageValue() > 0)
                .map(m -> m.target().averageValue()).findFirst();
    }

    @JsonIgnore
    public boolean scales() {
        return FORECAST_AND_SCALE.equals(mode);
    }

    /** The mode as the API writes it, the default filled in. */
    @JsonIgnore
    public String modeOrDefault() {
        return mode == null ? FORECAST_ONLY : mode;
    }

    @JsonIgnore
    public Duration historyWindowOrDefault() {
        return historyWindow == null ? DEFAULT_HISTORY_WINDOW : duration(historyWindow).orElseThrow();
    }

    @JsonIgnore
    public Duration horizonOrDefault() {
        return horizon == null ? DEFAULT_HORIZON : duration(horizon).orElseThrow();
    }

    @JsonIgnore
    public Duration schedulingBufferOrDefault() {
        return schedulingBuffer == null ? DEFAULT_SCHEDULING_BUFFER : duration(schedulingBuffer)
                .orElseThrow();
    }

    /** The planner's view of this spec (validate it first). */
    public PredictiveScalingPolicy toPolicy(ScalingRule rule) {
        double perReplica = targetValuePerReplica != null ? targetValuePerReplica
                : derivedTargetValue(rule).orElseThrow(() -> new IllegalStateException(
                        "validate the spec first: no target value per replica for " + metric));
        return new PredictiveScalingPolicy(scales() ? PredictiveScalingMode.FORECAST_AND_SCALE
                : PredictiveScalingMode.FORECAST_ONLY, perReplica, schedulingBufferOrDefault(),
                minConfidence == null ? DEFAULT_MIN_CONFIDENCE : minConfidence,
                INCREASE.equals(maxCapacityBreachBehavior) ? MaxCapacityBreachBehavior.INCREASE_MAX_CAPACITY
                        : MaxCapacityBreachBehavior.HONOR_MAX_CAPACITY,
                maxCapacityBuffer == null ? 0 : maxCapacityBuffer);
    }
}
