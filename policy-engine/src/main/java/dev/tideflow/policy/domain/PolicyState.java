package dev.tideflow.policy.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * What one policy remembers of its target between windows, written in the transaction that logs the decision
 * the window led to (or none): the autoscaler history, the run of breaching windows of a threshold rule, and the
 * latest evaluation for {@code GET /api/autoscaling/recommendations}. A policy has one target, whose windows
 * one consumer (the owner of the target's partition) processes at a time; the version catches the overlap of a
 * partition changing owners.
 */
@Entity
@Table(name = "policy_state")
public class PolicyState {

    @Id
    @Column(name = "policy_id")
    public UUID policyId;

    @Column(nullable = false)
    public String target;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public AutoscalerHistory history;

    /** +1 breaching upward, -1 downward, 0 inside the band. */
    @Column(name = "breach_direction", nullable = false)
    public int breachDirection;

    @Column(name = "breach_count", nullable = false)
    public int breachCount;

    /**
     * The run as it stood before the window ending at {@link #breachWindowEnd}, so that a thresholds rule, which
     * evaluates that window again for each of its metrics, counts it once with its latest direction.
     */
    @Column(name = "prior_breach_direction", nullable = false)
    public int priorBreachDirection;

    @Column(name = "prior_breach_count", nullable = false)
    public int priorBreachCount;

    /** The end of the last window counted, so that a redelivered window is not counted twice. */
    @Column(name = "breach_window_end")
    public Instant breachWindowEnd;

    /** The end of the window last evaluated (the engine's event-time clock). */
    @Column(name = "evaluated_at")
    public Instant evaluatedAt;

    /** The start of the window last evaluated: its length is how long the recommendation stays current. */
    @Column(name = "evaluated_window_start")
    public Instant evaluatedWindowStart;

    @Column(name = "current_replicas")
    public Integer currentReplicas;

    @Column(name = "recommended_replicas")
    public Integer recommendedReplicas;

    public String reason;

    public Double confidence;

    public String priority;

    /** The latest value a percentage_change threshold read, and the end of its window. */
    @Column(name = "last_value")
    public Double lastValue;

    @Column(name = "last_window_end")
    public Instant lastWindowEnd;

    /** The value read before {@link #lastValue}, so that a window evaluated again still has its baseline. */
    @Column(name = "prior_value")
    public Double priorValue;

    @Column(name = "prior_window_end")
    public Instant priorWindowEnd;

    @Version
    @Column(nullable = false)
    public long version;

    public static PolicyState start(UUID policyId, String target) {
        PolicyState state = new PolicyState();
        state.policyId = policyId;
        state.target = target;
        state.history = AutoscalerHistory.EMPTY;
        return state;
    }

    /**
     * Counts {@code window} into the run of breaching windows and returns the run's length.
     *
     * @param direction which way the window breaches: +1 up, -1 down, 0 not at all
     */
    public int countBreach(int direction, Instant windowEnd) {
        if (breachWindowEnd != null && !windowEnd.isAfter(breachWindowEnd)) {
            return breachCount;
        }
        breachCount = direction == 0 ? 0 : direction == breachDirection ? breachCount + 1 : 1;
        breachDirection = direction;
        breachWindowEnd = windowEnd;
        return breachCount;
    }

    /**
     * Remembers {@code value} as the window's and returns the previous window's value, the baseline of a
     * percentage_change threshold: the latest value read before this window, if its window ended at most
     * {@code staleWindows} window lengths before this one started. Null when there is none (the first window, a
     * gap, or a window older than the latest one read).
     */
    public Double rememberValue(Instant windowStart, Instant windowEnd, double value, int staleWindows) {
        Double baseline;
        Instant baselineEnd;
        if (lastWindowEnd == null || windowEnd.isAfter(lastWindowEnd)) {
            baseline = lastValue;
            baselineEnd = lastWindowEnd;
            priorValue = lastValue;
            priorWindowEnd = lastWindowEnd;
            lastValue = value;
            lastWindowEnd = windowEnd;
        } else if (windowEnd.equals(lastWindowEnd)) {
            baseline = priorValue;
            baselineEnd = priorWindowEnd;
        } else {
            return null;
        }
        if (baselineEnd == null) {
            return null;
        }
        Duration length = Duration.between(windowStart, windowEnd);
        boolean recent = !baselineEnd.isBefore(windowStart.minus(length.multipliedBy(staleWindows)));
        return recent ? baseline : null;
    }

    /**
     * Counts the window ending {@code windowEnd} into the run of windows that move the same way and returns the
     * run's length. Unlike {@link #countBreach}, the latest window counted is counted again with its new direction:
     * a thresholds rule evaluates each window end once per metric, and the last evaluation says which way the
     * window moved. An older window leaves the run alone.
     */
    public int countMove(int direction, Instant windowEnd) {
        if (breachWindowEnd != null && windowEnd.isBefore(breachWindowEnd)) {
            return breachCount;
        }
        if (breachWindowEnd == null || windowEnd.isAfter(breachWindowEnd)) {
            priorBreachDirection = breachDirection;
            priorBreachCount = breachCount;
        }
        breachCount = direction == 0 ? 0 : direction == priorBreachDirection ? priorBreachCount + 1 : 1;
        breachDirection = direction;
        breachWindowEnd = windowEnd;
        return breachCount;
    }

    /** After acting, the next step needs a full run of breaching windows again. */
    public void resetBreaches() {
        breachCount = 0;
        // A window counted again after the step starts from no run either.
        priorBreachCount = 0;
        priorBreachDirection = 0;
    }

    public void evaluated(Instant at, int current, Integer recommended, String reason, double confidence,
            String priority) {
        evaluated(null, at, current, recommended, reason, confidence, priority);
    }

    /** @param windowStart the start of the window evaluated, whose end is {@code at}; null when not known */
    public void evaluated(Instant windowStart, Instant at, int current, Integer recommended, String reason,
            double confidence, String priority) {
        this.evaluatedWindowStart = windowStart;
        this.evaluatedAt = at;
        this.currentReplicas = current;
        this.recommendedReplicas = recommended;
        this.reason = reason;
        this.confidence = confidence;
        this.priority = priority;
    }
}
