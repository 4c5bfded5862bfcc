package dev.tideflow.policy.service;

import dev.tideflow.policy.domain.Aggregation;
import dev.tideflow.policy.domain.AutoscalerHistory;
import dev.tideflow.policy.domain.DecisionExplanation.MetricExplanation;
import dev.tideflow.policy.domain.Numbers;
import dev.tideflow.policy.domain.PolicySnapshot;
import dev.tideflow.policy.domain.ReplicaRange;
import dev.tideflow.policy.domain.RuleProposal;
import dev.tideflow.policy.domain.ThresholdRule;
import dev.tideflow.policy.domain.ThresholdsRule;
import dev.tideflow.policy.hpa.MetricCombination;
import dev.tideflow.policy.hpa.MetricProposal;
import dev.tideflow.policy.hpa.ProposalCombiner;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates a thresholds policy when a window of one of its metrics closes, from the latest window of every metric
 * it reads (kept in the policy's history, as for targetTracking).
 *
 * <p>Each threshold steps the current count as a single {@link ThresholdRule} would; a metric whose latest window
 * is stale ({@link TargetTrackingEvaluator#STALE_INTERVALS} window lengths, targetTracking's rule), missing, or
 * (percentage_change) without a recent previous window gives no proposal. The valid proposals are combined by
 * {@link ProposalCombiner} with HPA's rules for the rest: none valid, or some invalid and the combination would scale
 * down, keeps the count. The range (schedules and forecast included) then clamps it; the evaluation periods count
 * consecutive windows in which the combination moves the same way, and the cooldown is the single rule's.
 */
public final class ThresholdsEvaluator {

    /** Proposals are combined before any bound, as HPA combines metrics before clamping. */
    private static final ReplicaRange UNBOUNDED = new ReplicaRange(0, Integer.MAX_VALUE);
    static final String NO_VALID = "no valid threshold";
    static final String UNREADABLE = "unreadable threshold metric";

    private final ProposalCombiner combiner = new ProposalCombiner();

    /**
     * What the thresholds ask for at {@code now} (the triggering window's end).
     *
     * @param policy  the policy with its range as schedules and forecast leave it
     * @param history the policy's history, the triggering window already among its latest windows
     */
    public Proposal propose(PolicySnapshot policy, AutoscalerHistory history, Instant now, int current) {
        ThresholdsRule rule = (ThresholdsRule) policy.rule();
        boolean weighted = rule.combinationOrDefault() == MetricCombination.WEIGHTED;
        List<MetricProposal> proposals = new ArrayList<>();
        List<MetricExplanation> explained = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (ThresholdsRule.Threshold threshold : rule.thresholds()) {
            Aggregation aggregation = threshold.aggregationOrDefault();
            ThresholdRule single = threshold.asRule(rule.scaleUpBy(), rule.scaleDownBy());
            Double weight = weighted ? (threshold.weight() == null ? 1.0 : threshold.weight()) : null;
            String name = threshold.metric();
            String heading = name + " " + aggregation.wireName();
            AutoscalerHistory.LatestWindow window = history.windows().get(name);
            String invalid = TargetTrackingEvaluator.unavailable(window, now);
            Double value = invalid == null ? window.aggregate(aggregation) : null;
            if (invalid == null && value == null) {
                invalid = "its latest window was stored without " + aggregation.wireName() + "; the next one has it";
            }
            Double compared = null;
            String change = "";
            if (invalid == null) {
                compared = value;
                if (single.comparesChange()) {
                    AutoscalerHistory.LatestWindow previous = window.recentPrevious(
                            TargetTrackingEvaluator.STALE_INTERVALS);
                    Double before = previous == null ? null : previous.aggregate(aggregation);
                    compared = before == null ? null : single.compared(value, before);
                    if (compared == null) {
                        invalid = before == null ? "no previous window to compare with (percentage_change)"
                                : "a previous window of 0 has no percentage change";
                    } else {
                        change = " (" + (compared >= 0 ? "+" : "") + Numbers.format(Math.round(compared * 100)
                                / 100.0) + " % on the previous window's " + Numbers.format(before) + ")";
                    }
                }
            }
            values.add(value);
            if (invalid != null) {
                proposals.add(MetricProposal.invalid(name, invalid));
                explained.add(new MetricExplanation(name, null, null, aggregation.wireName(), value, null, null,
                        invalid, single.comparisonOrDefault(), null, weight, false));
                texts.add(heading + (value == null ? "" : " " + Numbers.format(value)) + ": no proposal (" + invalid
                        + ")");
                continue;
            }
            RuleProposal step = single.propose(compared, current, UNBOUNDED);
            proposals.add(new MetricProposal(name, step.desiredReplicas(), null, value, step.condition()));
            explained.add(new MetricExplanation(name, null, null, aggregation.wireName(), value, null,
                    step.desiredReplicas(), null, single.comparisonOrDefault(), step.condition(), weight, true));
            texts.add(heading + " " + Numbers.format(value) + change + " " + step.condition() + " → "
                    + step.desiredReplicas());
        }
        return combine(policy, rule, proposals, explained, texts, values, current);
    }

    private Proposal combine(PolicySnapshot policy, ThresholdsRule rule, List<MetricProposal> proposals,
            List<MetricExplanation> explained, List<String> texts, List<Double> values, int current) {
        boolean weighted = rule.combinationOrDefault() == MetricCombination.WEIGHTED;
        ProposalCombiner.Combined combined = combiner.combine(rule.combinationOrDefault(), proposals,
                rule.weights());
        long valid = proposals.stream().filter(MetricProposal::valid).count();
        StringBuilder text = new StringBuilder("thresholds: ").append(String.join("; ", texts));
        Integer recommendation = null;
        String decidedBy;
        String metric = null;
        Double metricValue = null;
        int raw = current;
        if (combined == null) {
            decidedBy = NO_VALID;
            text.append("; no threshold could be read, the count is kept");
        } else if (valid < proposals.size() && combined.replicas() < current) {
            decidedBy = UNREADABLE;
            text.append("; ").append(weighted ? "weighted mean " : "max ").append(combined.replicas())
                    .append(" would scale down while a metric cannot be read, the count is kept");
        } else {
            recommendation = combined.replicas();
            raw = combined.replicas();
            if (combined.chosen() != null) {
                metric = combined.chosen().name();
                metricValue = combined.chosen().current();
                decidedBy = "max of thresholds: " + metric;
                text.append("; max ").append(raw).append(" (").append(metric).append(')');
            } else {
                decidedBy = "weighted thresholds";
                text.append("; ").append(combined.explanation());
                int strongest = strongest(proposals, current);
                metric = proposals.get(strongest).name();
                metricValue = values.get(strongest);
            }
        }
        int desired = policy.range().clamp(raw);
        String limit = ThresholdRule.limit(raw, desired, current, policy.range());
        if (limit != null) {
            decidedBy = "rule thresholds, " + limit;
        }
        return new Proposal(List.copyOf(explained), recommendation, raw, desired, Integer.signum(raw - current),
                decidedBy, limit, text.toString(), metric, metricValue);
    }

    /** The valid proposal farthest from the current count, the metric a weighted mean leans on most. */
    private static int strongest(List<MetricProposal> proposals, int current) {
        int best = -1;
        for (int i = 0; i < proposals.size(); i++) {
            MetricProposal p = proposals.get(i);
            if (p.valid() && (best < 0
                    || Math.abs(p.replicas() - current) > Math.abs(proposals.get(best).replicas() - current))) {
                best = i;
            }
        }
        return best;
    }

    /**
     * The outcome for the target: no change, held by the evaluation periods or the cooldown, or a decision.
     *
     * @param consecutive    how many windows in a row, this one included, moved the combination the way this
     *                       one does
     * @param lastDecisionAt when the last decision for the target was taken; null if never
     */
    public Evaluation evaluate(PolicySnapshot policy, Proposal proposal, CurrentReplicas current,
            Instant lastDecisionAt, Instant now, Instant windowEnd, int consecutive) {
        String observation = proposal.text() + " over window ending " + PolicyEvaluator.TIME.format(windowEnd);
        String notes = PolicyEvaluator.notes(new RuleProposal(proposal.desired(), "", proposal.limit()), current,
                policy);
        double value = proposal.metricValue() == null ? Double.NaN : proposal.metricValue();
        return PolicyEvaluator.gate(policy, current.value(), proposal.desired(), value, observation, notes,
                consecutive, "consecutive windows moved the same way", lastDecisionAt, now);
    }

    /**
     * What the thresholds ask for.
     *
     * @param thresholds     each threshold as the explanation lists it
     * @param recommendation the combined proposal before the range; null when the count is kept (no valid
     *                       threshold, or a scale-down with one unreadable)
     * @param raw            the count before the range: the recommendation, or the current count when kept
     * @param desired        {@code raw} within the policy's range
     * @param direction      +1 when the thresholds move the count up, -1 down, 0 not at all (before the range)
     * @param decidedBy      what set the count: {@code max of thresholds: <metric>}, {@code weighted thresholds},
     *                       the limit, or why the count was kept
     * @param limit          the range's bound that changed {@code raw}; null if none
     * @param text           the readings and the combination, for the reason
     * @param metric         the metric that decided (max), or whose proposal moved farthest (weighted); null when
     *                       kept
     * @param metricValue    that metric's value
     */
    public record Proposal(List<MetricExplanation> thresholds, Integer recommendation, int raw, int desired,
            int direction, String decidedBy, String limit, String text, String metric, Double metricValue) {
    }
}
