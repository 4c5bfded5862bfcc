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

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

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
        double value = policy.aggregation().of(window);
        RuleProposal proposal = ((ThresholdRule) policy.rule()).propose(value, current.value(), policy.range());
        String observation = policy.metric() + " " + policy.aggregation().wireName() + " " + Numbers.format(value)
                + " " + proposal.condition() + " over window " + TIME.format(window.windowStart()) + "–"
                + TIME.format(window.windowEnd());
        String notes = notes(proposal, current, policy);
        int from = current.value();
        int to = proposal.desiredReplicas();
        if (to == from) {
            return new Evaluation.NoDecision(SkipReason.NO_CHANGE,
                    observation + ": stays at " + from + " replicas" + notes);
        }
        if (consecutiveBreaches < policy.evaluationPeriods()) {
            return new Evaluation.NoDecision(SkipReason.EVALUATION_PERIODS, observation + ": would scale " + from
                    + " → " + to + " replicas, but only " + consecutiveBreaches + " of " + policy.evaluationPeriods()
                    + " consecutive windows breached" + notes);
        }
        Optional<Instant> coolingUntil = Cooldown.ofSeconds(policy.cooldownSeconds()).activeUntil(lastDecisionAt, now);
        if (coolingUntil.isPresent()) {
            return new Evaluation.NoDecision(SkipReason.COOLDOWN, observation + ": would scale " + from + " → " + to
                    + " replicas, but the cooldown of " + policy.cooldownSeconds() + " s after the decision at "
                    + TIME.format(lastDecisionAt) + " lasts until " + TIME.format(coolingUntil.get()) + notes);
        }
        return new Evaluation.Decision(from, to, value, observation + ": " + from + " → " + to + " replicas" + notes);
    }

    private static String notes(RuleProposal proposal, CurrentReplicas current, PolicySnapshot policy) {
        StringBuilder notes = new StringBuilder();
        if (proposal.limit() != null) {
            notes.append("; ").append(proposal.limit());
        }
        switch (current.source()) {
            case ASSUMED_MINIMUM -> notes.append("; replica count not observed yet, assumed minReplicas ")
                    .append(policy.range().min());
            case LAST_DECISION -> notes.append("; current count from the last decision, not yet observed");
            case OBSERVED -> {
            }
        }
        return notes.length() == 0 ? "" : " (" + notes.substring(2) + ")";
    }
}
