package dev.tideflow.policy.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tideflow.contracts.ResourceRequests;
import dev.tideflow.policy.schedule.ActiveSchedule;

import java.util.List;

/**
 * Everything a decision was made of, stored with it in the decision log and shown by
 * {@code GET /api/autoscaling/decisions/{id}}.
 *
 * @param rule                  the policy's rule type
 * @param currentReplicasSource where the current count came from: observed, lastDecision or assumedMinimum
 * @param metrics               each metric's value, target, ratio and proposal
 * @param recommendation        the rule's answer before behavior and limits
 * @param stabilizedReplicas    the recommendation after the stabilization windows (targetTracking)
 * @param decidedBy             what set the final count: a limit (HPA's condition reasons: ScaleUpLimit,
 *                              ScaleDownStabilized, TooManyReplicas, GlobalCap, …) or else the metric or rule
 * @param limitedBy             the limit that changed the recommendation last; null if none did
 * @param priority              high when a metric's window was a burst, else normal
 * @param burst                 the burst detector's account of the values read
 * @param consecutiveBreaches   for a threshold rule: how many windows in a row breached the same way
 * @param schedules             the policy's schedule windows open at the window's end, with the bounds they set;
 *                              absent when none is open
 * @param forecast              the policy's predictive scaling at the window's end; absent without one
 * @param vertical              a vertical or mixed policy's recommended requests (not applied by the executor yet)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DecisionExplanation(String rule, int currentReplicas, String currentReplicasSource,
        int desiredReplicas, List<MetricExplanation> metrics, Integer recommendation, Integer stabilizedReplicas,
        String decidedBy, String limitedBy, Integer globalCap, String priority, List<String> burst,
        Integer consecutiveBreaches, Integer evaluationPeriods, String reason, List<OpenSchedule> schedules,
        ForecastNote forecast, VerticalNote vertical) {

    /** An explanation without a forecast. */
    public DecisionExplanation(String rule, int currentReplicas, String currentReplicasSource, int desiredReplicas,
            List<MetricExplanation> metrics, Integer recommendation, Integer stabilizedReplicas, String decidedBy,
            String limitedBy, Integer globalCap, String priority, List<String> burst, Integer consecutiveBreaches,
            Integer evaluationPeriods, String reason, List<OpenSchedule> schedules) {
        this(rule, currentReplicas, currentReplicasSource, desiredReplicas, metrics, recommendation,
                stabilizedReplicas, decidedBy, limitedBy, globalCap, priority, burst, consecutiveBreaches,
                evaluationPeriods, reason, schedules, null, null);
    }

    /** An explanation without open schedule windows. */
    public DecisionExplanation(String rule, int currentReplicas, String currentReplicasSource, int desiredReplicas,
            List<MetricExplanation> metrics, Integer recommendation, Integer stabilizedReplicas, String decidedBy,
            String limitedBy, Integer globalCap, String priority, List<String> burst, Integer consecutiveBreaches,
            Integer evaluationPeriods, String reason) {
        this(rule, currentReplicas, currentReplicasSource, desiredReplicas, metrics, recommendation,
                stabilizedReplicas, decidedBy, limitedBy, globalCap, priority, burst, consecutiveBreaches,
                evaluationPeriods, reason, null);
    }

    /**
     * This explanation with the open schedule windows, and with {@code scheduleLimit} ({@code "schedule <name>"})
     * as what decided when a schedule's bound held the count; {@code reason} replaces the text.
     */
    public DecisionExplanation withSchedules(List<ActiveSchedule> open, String scheduleLimit, String reason) {
        return new DecisionExplanation(rule, currentReplicas, currentReplicasSource, desiredReplicas, metrics,
                recommendation, stabilizedReplicas, scheduleLimit == null ? decidedBy : scheduleLimit,
                scheduleLimit == null ? limitedBy : scheduleLimit, globalCap, priority, burst, consecutiveBreaches,
                evaluationPeriods, reason, open == null || open.isEmpty() ? null
                        : open.stream().map(OpenSchedule::of).toList(), forecast, vertical);
    }

    /**
     * This explanation with the policy's forecast, and with {@code forecastLimit} ({@code "forecast"}) as what
     * decided when the forecast's floor held the count; {@code reason} replaces the text.
     */
    public DecisionExplanation withForecast(ForecastNote note, String forecastLimit, String reason) {
        return new DecisionExplanation(rule, currentReplicas, currentReplicasSource, desiredReplicas, metrics,
                recommendation, stabilizedReplicas, forecastLimit == null ? decidedBy : forecastLimit,
                forecastLimit == null ? limitedBy : forecastLimit, globalCap, priority, burst, consecutiveBreaches,
                evaluationPeriods, reason, schedules, note, vertical);
    }

    /**
     * This explanation with a vertical or mixed policy's recommended requests; when {@code heldBy} is set the
     * replica count was kept at the current one by it (desired and decidedBy change), and {@code reason} replaces
     * the text.
     */
    public DecisionExplanation withVertical(VerticalNote note, String heldBy, String reason) {
        return new DecisionExplanation(rule, currentReplicas, currentReplicasSource,
                heldBy == null ? desiredReplicas : currentReplicas, metrics, recommendation, stabilizedReplicas,
                heldBy == null ? decidedBy : heldBy, limitedBy, globalCap, priority, burst, consecutiveBreaches,
                evaluationPeriods, reason, schedules, forecast, note);
    }

    /**
     * This explanation with the count another policy of the target held a scale-down at: {@code desired} replaces
     * the desired count, {@code decidedBy} (e.g. {@code "policy web-rps"}) what decided, {@code reason} the text.
     */
    public DecisionExplanation heldBy(int desired, String decidedBy, String reason) {
        return new DecisionExplanation(rule, currentReplicas, currentReplicasSource, desired, metrics, recommendation,
                stabilizedReplicas, decidedBy, decidedBy, globalCap, priority, burst, consecutiveBreaches,
                evaluationPeriods, reason, schedules, forecast, vertical);
    }

    /**
     * @param mode         vertical or mixed
     * @param holdReplicas whether the replica count was kept because the requests move instead
     * @param resources    each resource read in the window and its recommended request
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record VerticalNote(String mode, boolean holdReplicas, List<RequestNote> resources) {

        /**
         * The requests the decision sets: each resource whose recommendation differs from what runs; null when none
         * does. Derived, not stored, so a logged decision republishes exactly the requests it was first sent with.
         */
        public ResourceRequests requests() {
            Integer cpu = null;
            Integer memory = null;
            for (RequestNote note : resources == null ? List.<RequestNote>of() : resources) {
                if (note.recommended() == note.current()) {
                    continue;
                }
                if ("cpu".equals(note.resource())) {
                    cpu = note.recommended();
                } else if ("memory".equals(note.resource())) {
                    memory = note.recommended();
                }
            }
            return cpu == null && memory == null ? null : new ResourceRequests(cpu, memory);
        }
    }

    /**
     * @param current     the request read from the window's instances (or the minimum, {@code currentRead} false)
     * @param recommended the request to set
     * @param unit        m (millicores) for cpu, Mi for memory
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RequestNote(String resource, String unit, int current, boolean currentRead, Double ratio,
            int recommended, boolean atBound, String reason) {
    }

    /**
     * The predictive scaling a decision was taken under.
     *
     * @param mode        ForecastOnly or ForecastAndScale
     * @param applied     whether the forecast's floor was in force (ForecastAndScale with enough confidence)
     * @param confidence  the forecast's confidence, 0–1; absent without a forecast
     * @param peakLoad    the highest forecast load within the scheduling buffer's look-ahead
     * @param peakTime    the start of the bucket holding it, ISO-8601
     * @param minReplicas the floor the forecast asks for
     * @param maxReplicas the maximum it allows (above the policy's only with increase)
     * @param detail      how the floor came about, or why there is none
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ForecastNote(String mode, String metric, boolean applied, Double confidence, Double peakLoad,
            String peakTime, Integer minReplicas, Integer maxReplicas, String detail) {
    }

    /**
     * @param aggregate  which aggregate of the window was read (avg, sum, …)
     * @param ratio      value / target (targetTracking), null when not computable
     * @param proposal   the replicas this metric asks for; null when it has no valid proposal
     * @param detail     how the proposal came about, or why there is none
     * @param comparison a thresholds rule's comparison of this metric (greater_than, less_than, percentage_change)
     * @param condition  how the value compared with the thresholds, e.g. {@code "> scale-up threshold 80"}
     * @param weight     the metric's weight in a weighted combination; absent with max
     * @param valid      whether the metric took part in the combination (thresholds rule)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MetricExplanation(String name, String targetType, Double target, String aggregate, Double value,
            Double ratio, Integer proposal, String detail, String comparison, String condition, Double weight,
            Boolean valid) {

        public MetricExplanation(String name, String targetType, Double target, String aggregate, Double value,
                Double ratio, Integer proposal, String detail) {
            this(name, targetType, target, aggregate, value, ratio, proposal, detail, null, null, null, null);
        }
    }

    /**
     * A schedule window open at the window's end; instants as ISO-8601 text.
     *
     * @param closes when the window closes (its duration, or the schedule's end if that comes first)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OpenSchedule(String name, String opened, String closes, Integer minReplicas, Integer maxReplicas,
            Integer desiredReplicas) {

        static OpenSchedule of(ActiveSchedule open) {
            return new OpenSchedule(open.name(), open.opened().toString(), open.closes().toString(),
                    open.minReplicas(), open.maxReplicas(), open.desiredReplicas());
        }
    }
}
