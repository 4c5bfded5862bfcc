package dev.tideflow.policy.service;

import dev.tideflow.contracts.MetricWindow;
import dev.tideflow.policy.domain.Numbers;
import dev.tideflow.policy.domain.PolicySnapshot;
import dev.tideflow.policy.domain.RuleProposal;
import dev.tideflow.policy.domain.ThresholdRule;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Applies a policy to a closed window: the policy's aggregate goes through its rule, and a change of
 * replica count becomes a decision unless the target is cooling down from the last one.
 */
public final class PolicyEvaluator {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    /**
     * @param lastDecisionAt when the last decision for the target was taken; null if never
     * @param now            the moment of evaluation, for the cooldown
     */
    public Evaluation evaluate(PolicySnapshot policy, MetricWindow window, CurrentReplicas current,
            Instant lastDecisionAt, Instant now) {
        return evaluate(policy, window, current, lastDecisionAt, now, policy.evaluationPeriods());
    }

    /**
     * @param consecutiveBreaches how many windows in a row, this one included, breached the threshold this one
     *                            breaches; the policy acts once they reach its evaluation periods
     */
    public Evaluation evaluate(PolicySnapshot policy, MetricWindow window, CurrentReplicas current,
            Instant lastDecisionAt, Instant now, int consecutiveBreaches) {
        return evaluate(policy, window, current, lastDecisionAt, now, consecutiveBreaches, null);
    }

    /**
     * @param previous the value of the policy's previous window, the baseline of a percentage_change rule; null
     *                 when there is none (the rule then keeps the count)
     */
    public Evaluation evaluate(PolicySnapshot policy, MetricWindow window, CurrentReplicas current,
            Instant lastDecisionAt, Instant now, int consecutiveBreaches, Double previous) {
        ThresholdRule rule = (ThresholdRule) policy.rule();
        double value = policy.aggregation().of(window);
        Double compared = rule.compared(value, previous);
        RuleProposal proposal = propose(rule, value, previous, current.value(), policy);
        String change = !rule.comparesChange() || compared == null ? ""
                : " (" + (compared >= 0 ? "+" : "") + Numbers.format(Math.round(compared * 100) / 100.0)
                        + " % on the previous window's " + Numbers.format(previous) + ")";
        String observation = policy.metric() + " " + policy.aggregation().wireName() + " " + Numbers.format(value)
                + change + " " + proposal.condition() + " over window " + TIME.format(window.windowStart()) + "–"
                + TIME.format(window.windowEnd());
        String notes = notes(proposal, current, policy);
        return gate(policy, current.value(), proposal.desiredReplicas(), value, observation, notes,
                consecutiveBreaches, "consecutive windows breached", lastDecisionAt, now);
    }

    /**
     * What a threshold rule's step {@code from → to} comes to: no change, held by the evaluation periods or the
     * cooldown, or a decision. Shared by the single and the multi-metric threshold rule.
     *
     * @param consecutive how many windows in a row, this one included, asked for the step ({@code run} words them)
     */
    static Evaluation gate(PolicySnapshot policy, int from, int to, double value, String observation, String notes,
            int consecutive, String run, Instant lastDecisionAt, Instant now) {
        if (to == from) {
            return new Evaluation.NoDecision(SkipReason.NO_CHANGE,
                    observation + ": stays at " + from + " replicas" + notes);
        }
        // A count outside the range (a schedule's floor or ceiling just applied, or the policy's bounds changed)
        // returns to it without a breach to count: only the rule's own step waits for the evaluation periods.
        boolean boundsOnly = to == policy.range().clamp(from);
        if (!boundsOnly && consecutive < policy.evaluationPeriods()) {
            return new Evaluation.NoDecision(SkipReason.EVALUATION_PERIODS, observation + ": would scale " + from
                    + " → " + to + " replicas, but only " + consecutive + " of " + policy.evaluationPeriods() + " "
                    + run + notes);
        }
        Optional<Instant> coolingUntil = Cooldown.ofSeconds(policy.cooldownSeconds()).activeUntil(lastDecisionAt, now);
        if (coolingUntil.isPresent()) {
            return new Evaluation.NoDecision(SkipReason.COOLDOWN, observation + ": would scale " + from + " → " + to
                    + " replicas, but the cooldown of " + policy.cooldownSeconds() + " s after the decision at "
                    + TIME.format(lastDecisionAt) + " lasts until " + TIME.format(coolingUntil.get()) + notes);
        }
        return new Evaluation.Decision(from, to, value, observation + ": " + from + " → " + to + " replicas" + notes);
    }

    /** The rule's proposal for a window of {@code value}, as {@link #evaluate} and the explanation state it. */
    public static RuleProposal propose(ThresholdRule rule, double value, Double previous, int current,
            PolicySnapshot policy) {
        Double compared = rule.compared(value, previous);
        if (compared != null) {
            return rule.propose(compared, current, policy.range());
        }
        return rule.hold(current, policy.range(), previous == null
                ? "with no previous window to compare with (percentage_change)"
                : "after a previous window of 0, which has no percentage change");
    }

    static String notes(RuleProposal proposal, CurrentReplicas current, PolicySnapshot policy) {
        StringBuilder notes = new StringBuilder();
        if (proposal.limit() != null) {
            notes.append("; ").append(proposal.limit());
        }
        switch (current.source()) {
            case ASSUMED_MINIMUM -> notes.append("; replica count not observed yet, assumed minReplicas ")
                    .append(current.value());
            case LAST_DECISION -> notes.append("; current count from the last decision, not yet observed");
            case OBSERVED -> {
            }
        }
        return notes.length() == 0 ? "" : " (" + notes.substring(2) + ")";
    }
}
