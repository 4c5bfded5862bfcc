package dev.tideflow.policy.service;

import dev.tideflow.policy.domain.Aggregation;
import dev.tideflow.policy.domain.Numbers;
import dev.tideflow.policy.domain.PlatformPolicy;
import dev.tideflow.policy.domain.PolicySpec;
import dev.tideflow.policy.domain.SpecChecks;
import dev.tideflow.policy.domain.ThresholdRule;
import dev.tideflow.policy.domain.ThresholdsRule;
import dev.tideflow.policy.hpa.MetricCombination;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Maps each of the platform team's policies onto one policy:
 * <ul>
 * <li>{@code service} is the target; a bare name means namespace {@code default};</li>
 * <li>an entry with one threshold becomes a {@code threshold} policy named as the entry; with several, one
 *     {@code thresholds} policy ({@link ThresholdsRule}) named as the entry, whose thresholds' proposals combine by
 *     {@code weighted} when any metric carries a {@code weight} (a metric without one weighs 1), else by
 *     {@code max}, so that the entry's metrics never pull the target two ways;</li>
 * <li>a threshold's metric is looked up in {@code metrics} for its aggregation ({@code average}/{@code mean} are
 *     {@code avg});</li>
 * <li>{@code comparison} carries over ({@link ThresholdRule}): {@code greater_than} (default) scales up above
 *     {@code scaleUp} and down below {@code scaleDown}, {@code less_than} up below {@code scaleUp} and down above
 *     {@code scaleDown}, {@code percentage_change} compares the change in percent from the previous window;</li>
 * <li>{@code cooldownPeriod} is the cooldown; a metric's {@code window} over {@code evaluationInterval} (rounded
 *     up) is the number of consecutive windows before acting, the longest of the entry's metrics when they
 *     differ (noted);</li>
 * <li>{@code type} and {@code source} do not change how the engine decides (a metric's windows come from
 *     metrics-collector), nor {@code weight} on an entry with one threshold: they are reported as notes.</li>
 * </ul>
 */
public final class PlatformPolicyMapper {

    public static final int MAX_POLICIES = 500;
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*([smh]?)");
    private static final Map<String, Aggregation> AGGREGATIONS = Map.of(
            "avg", Aggregation.AVG, "average", Aggregation.AVG, "mean", Aggregation.AVG,
            "min", Aggregation.MIN, "max", Aggregation.MAX, "sum", Aggregation.SUM, "count", Aggregation.COUNT);

    private final PolicyValidator validator = new PolicyValidator();

    /**
     * @return the policies to store, in order, when {@code errors} stays empty; each error names the entry's index
     */
    public List<Mapped> map(List<PlatformPolicy> file, List<String> errors) {
        List<Mapped> mapped = new ArrayList<>();
        if (file == null || file.isEmpty()) {
            errors.add("the import lists no policies");
            return mapped;
        }
        if (file.size() > MAX_POLICIES) {
            errors.add("the import lists " + file.size() + " policies, at most " + MAX_POLICIES + " are allowed");
            return mapped;
        }
        Map<String, Integer> names = new HashMap<>();
        for (int i = 0; i < file.size(); i++) {
            String at = "[" + i + "] ";
            PlatformPolicy entry = file.get(i);
            if (entry == null) {
                errors.add(at + "must not be null");
                continue;
            }
            for (Mapped one : mapEntry(entry, i, at, errors)) {
                Integer earlier = names.putIfAbsent(one.spec().name(), i);
                if (earlier != null) {
                    errors.add(at + "policy name '" + one.spec().name() + "' is already used by entry [" + earlier
                            + "]");
                }
                mapped.add(one);
            }
        }
        return mapped;
    }

    private List<Mapped> mapEntry(PlatformPolicy entry, int index, String at, List<String> errors) {
        List<String> notes = new ArrayList<>();
        Map<String, PlatformPolicy.Metric> metrics = new LinkedHashMap<>();
        boolean several = entry.thresholds() != null && entry.thresholds().size() > 1;
        boolean weighted = false;
        if (entry.metrics() != null) {
            for (int j = 0; j < entry.metrics().size(); j++) {
                PlatformPolicy.Metric metric = entry.metrics().get(j);
                if (metric == null || metric.name() == null) {
                    errors.add(at + "'metrics[" + j + "].name' is required");
                    continue;
                }
                if (metrics.put(metric.name(), metric) != null) {
                    errors.add(at + "'metrics[" + j + "].name' repeats the metric '" + metric.name() + "'");
                }
                if (metric.weight() != null) {
                    if (!validWeight(metric.weight())) {
                        // Worded as the policy validator words a rule's weight.
                        errors.add(at + "'metrics[" + j + "].weight' must be a number above 0 and at most "
                                + (long) SpecChecks.MAX_WEIGHT + ", got " + Numbers.format(metric.weight()));
                    } else if (several) {
                        weighted = true;
                    } else {
                        notes.add("metrics[" + j + "].weight " + metric.weight() + " is not used: the entry has one "
                                + "threshold, so there is nothing to weigh");
                    }
                }
                if (metric.source() != null) {
                    notes.add("metrics[" + j + "].source '" + metric.source() + "' is not used: windows come from "
                            + "metrics-collector");
                }
            }
        }
        Integer cooldown = seconds(entry.cooldownPeriod(), at + "'cooldownPeriod'", errors);
        Integer interval = seconds(entry.evaluationInterval(), at + "'evaluationInterval'", errors);
        if (interval != null && interval == 0) {
            errors.add(at + "'evaluationInterval' must be above 0");
            interval = null;
        }
        String target = entry.service() == null || entry.service().contains("/") ? entry.service()
                : "default/" + entry.service();
        if (entry.thresholds() == null || entry.thresholds().isEmpty()) {
            errors.add(at + "'thresholds' must list at least one threshold");
            return List.of();
        }
        for (String name : metrics.keySet()) {
            if (entry.thresholds().stream().noneMatch(t -> t != null && name.equals(t.metric()))) {
                notes.add("metric '" + name + "' has no threshold and is not evaluated");
            }
        }
        if (several) {
            return List.of(mapSeveral(entry, index, at, metrics, weighted, target, cooldown, interval, notes,
                    errors));
        }
        String field = at + "thresholds[0]";
        PlatformPolicy.Threshold threshold = entry.thresholds().get(0);
        if (threshold == null) {
            errors.add(field + " must not be null");
            return List.of();
        }
        String comparison = threshold.comparison() == null ? ThresholdRule.GREATER_THAN : threshold.comparison();
        if (!ThresholdRule.COMPARISONS.contains(comparison)) {
            errors.add(field + ": unknown comparison '" + comparison + "' (expected one of "
                    + String.join(", ", ThresholdRule.COMPARISONS) + ")");
            return List.of();
        }
        PlatformPolicy.Metric metric = threshold.metric() == null ? null : metrics.get(threshold.metric());
        if (threshold.metric() != null && metric == null) {
            errors.add(field + ": metric '" + threshold.metric() + "' is not among 'metrics'");
            return List.of();
        }
        Aggregation aggregation = aggregation(metric, field, errors);
        if (metric != null && aggregation == null) {
            return List.of();
        }
        Integer periods = periods(metric, at, interval, errors);
        PolicySpec spec = new PolicySpec(entry.name(), target, threshold.metric(),
                aggregation == null ? null : aggregation.wireName(),
                new ThresholdRule(threshold.scaleUp(), threshold.scaleDown(), entry.scaleUpBy(),
                        entry.scaleDownBy(), comparison.equals(ThresholdRule.GREATER_THAN) ? null : comparison),
                entry.minReplicas(), entry.maxReplicas(), cooldown, entry.enabled(), null, null,
                periods == null ? 1 : periods, null);
        for (String error : validator.validate(spec)) {
            errors.add(field + ": " + error);
        }
        return List.of(new Mapped(index, spec, List.copyOf(notes)));
    }

    /**
     * An entry with several thresholds as one thresholds policy: every threshold's position is kept, so that the
     * validator's {@code rule.thresholds[i]} names the entry's {@code thresholds[i]}.
     */
    private Mapped mapSeveral(PlatformPolicy entry, int index, String at, Map<String, PlatformPolicy.Metric> metrics,
            boolean weighted, String target, Integer cooldown, Integer interval, List<String> notes,
            List<String> errors) {
        List<ThresholdsRule.Threshold> thresholds = new ArrayList<>();
        TreeSet<Integer> periods = new TreeSet<>();
        for (int j = 0; j < entry.thresholds().size(); j++) {
            String field = at + "thresholds[" + j + "]";
            PlatformPolicy.Threshold threshold = entry.thresholds().get(j);
            if (threshold == null) {
                thresholds.add(null);
                continue;
            }
            PlatformPolicy.Metric metric = threshold.metric() == null ? null : metrics.get(threshold.metric());
            if (threshold.metric() != null && metric == null) {
                errors.add(field + ": metric '" + threshold.metric() + "' is not among 'metrics'");
            }
            Aggregation aggregation = aggregation(metric, field, errors);
            Integer metricPeriods = periods(metric, at, interval, errors);
            if (metricPeriods != null) {
                periods.add(metricPeriods);
            }
            String comparison = ThresholdRule.GREATER_THAN.equals(threshold.comparison()) ? null
                    : threshold.comparison();
            // Absent, a metric weighs 1 in a weighted combination, as a targetTracking metric does.
            Double weight = weighted && metric != null && metric.weight() != null && validWeight(metric.weight())
                    ? metric.weight() : null;
            thresholds.add(new ThresholdsRule.Threshold(threshold.metric(),
                    aggregation == null || aggregation == Aggregation.AVG ? null : aggregation.wireName(), comparison,
                    threshold.scaleUp(), threshold.scaleDown(), weight));
        }
        int evaluationPeriods = periods.isEmpty() ? 1 : periods.last();
        if (periods.size() > 1) {
            notes.add("the metrics' windows give " + periods.stream().map(String::valueOf)
                    .collect(Collectors.joining(", ")) + " evaluation periods; the policy takes the longest, "
                    + evaluationPeriods);
        }
        MetricCombination combination = weighted ? MetricCombination.WEIGHTED : MetricCombination.MAX;
        if (weighted) {
            notes.add("weights combine the thresholds' proposals: ceil(Σ weight × proposal / Σ weight), a metric "
                    + "without a weight weighs 1");
        }
        PolicySpec spec = new PolicySpec(entry.name(), target, null, null,
                new ThresholdsRule(thresholds, entry.scaleUpBy(), entry.scaleDownBy(), combination.wireName()),
                entry.minReplicas(), entry.maxReplicas(), cooldown, entry.enabled(), null, null, evaluationPeriods,
                null);
        for (String error : validator.validate(spec)) {
            errors.add(at + error);
        }
        return new Mapped(index, spec, List.copyOf(notes));
    }

    /** The engine's aggregation of {@code metric}: avg when absent; null with an error when it has none. */
    private static Aggregation aggregation(PlatformPolicy.Metric metric, String field, List<String> errors) {
        if (metric == null || metric.aggregation() == null) {
            return metric == null ? null : Aggregation.AVG;
        }
        Aggregation known = AGGREGATIONS.get(metric.aggregation().toLowerCase(Locale.ROOT));
        if (known == null) {
            errors.add(field + ": aggregation '" + metric.aggregation() + "' of metric '" + metric.name()
                    + "' cannot be imported (expected one of avg, average, mean, min, max, sum, count)");
        }
        return known;
    }

    /** The metric's window over the evaluation interval, rounded up; null when either is absent or wrong. */
    private static Integer periods(PlatformPolicy.Metric metric, String at, Integer interval, List<String> errors) {
        if (metric == null) {
            return null;
        }
        Integer window = seconds(metric.window(), at + "'metrics." + metric.name() + ".window'", errors);
        if (window == null || interval == null) {
            return null;
        }
        return Math.max(1, (window + interval - 1) / interval);
    }

    private static boolean validWeight(double weight) {
        return Double.isFinite(weight) && weight > 0 && weight <= SpecChecks.MAX_WEIGHT;
    }

    /** Seconds from {@code 300}, {@code 300s}, {@code 5m} or {@code 1h}; null when absent or wrong. */
    static Integer seconds(String text, String field, List<String> errors) {
        if (text == null) {
            return null;
        }
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            errors.add(field + " must be seconds or a number with s, m or h, got '" + text + "'");
            return null;
        }
        long value = Long.parseLong(m.group(1)) * switch (m.group(2)) {
            case "m" -> 60;
            case "h" -> 3600;
            default -> 1;
        };
        if (value > Integer.MAX_VALUE) {
            errors.add(field + " is too long: '" + text + "'");
            return null;
        }
        return (int) value;
    }

    /**
     * @param index the entry of the file it came from
     * @param notes what of the entry the engine does not use, and the choices the mapping made
     */
    public record Mapped(int index, PolicySpec spec, List<String> notes) {
    }
}
