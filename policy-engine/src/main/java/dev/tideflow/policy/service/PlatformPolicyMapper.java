package dev.tideflow.policy.service;

import dev.tideflow.policy.domain.Aggregation;
import dev.tideflow.policy.domain.PlatformPolicy;
import dev.tideflow.policy.domain.PolicySpec;
import dev.tideflow.policy.domain.ThresholdRule;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps the platform team's policies onto threshold policies, one per threshold:
 * <ul>
 * <li>{@code service} is the target; a bare name means namespace {@code default};</li>
 * <li>a threshold's metric is looked up in {@code metrics} for its aggregation ({@code average}/{@code mean} are
 *     {@code avg});</li>
 * <li>{@code comparison} carries over to the threshold rule ({@link ThresholdRule}): {@code greater_than}
 *     (default) scales up above {@code scaleUp} and down below {@code scaleDown}, {@code less_than} up below
 *     {@code scaleUp} and down above {@code scaleDown}, {@code percentage_change} compares the change in percent
 *     from the previous window;</li>
 * <li>{@code cooldownPeriod} is the cooldown; the metric's {@code window} over {@code evaluationInterval}
 *     (rounded up) is the number of consecutive breaching windows before acting;</li>
 * <li>{@code type}, {@code source} and {@code weight} do not change how the engine decides (a metric's windows
 *     come from metrics-collector, the highest proposal wins): they are reported as notes.</li>
 * </ul>
 * A policy with several thresholds becomes {@code <name>-<metric>} per threshold.
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
        List<Mapped> mapped = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Map<String, PlatformPolicy.Metric> metrics = new LinkedHashMap<>();
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
                    if (!Double.isFinite(metric.weight()) || metric.weight() < 0) {
                        errors.add(at + "'metrics[" + j + "].weight' must be a number of at least 0, got "
                                + metric.weight());
                    } else {
                        notes.add("metrics[" + j + "].weight " + metric.weight() + " is not used: each threshold "
                                + "decides on its own");
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
            return mapped;
        }
        for (String name : metrics.keySet()) {
            if (entry.thresholds().stream().noneMatch(t -> t != null && name.equals(t.metric()))) {
                notes.add("metric '" + name + "' has no threshold and is not evaluated");
            }
        }
        boolean several = entry.thresholds().size() > 1;
        for (int j = 0; j < entry.thresholds().size(); j++) {
            String field = at + "thresholds[" + j + "]";
            PlatformPolicy.Threshold threshold = entry.thresholds().get(j);
            if (threshold == null) {
                errors.add(field + " must not be null");
                continue;
            }
            String comparison = threshold.comparison() == null ? ThresholdRule.GREATER_THAN : threshold.comparison();
            if (!ThresholdRule.COMPARISONS.contains(comparison)) {
                errors.add(field + ": unknown comparison '" + comparison + "' (expected one of "
                        + String.join(", ", ThresholdRule.COMPARISONS) + ")");
                continue;
            }
            PlatformPolicy.Metric metric = threshold.metric() == null ? null : metrics.get(threshold.metric());
            if (threshold.metric() != null && metric == null) {
                errors.add(field + ": metric '" + threshold.metric() + "' is not among 'metrics'");
                continue;
            }
            String aggregation = null;
            int periods = 1;
            if (metric != null) {
                Optional<Aggregation> known = metric.aggregation() == null ? Optional.of(Aggregation.AVG)
                        : Optional.ofNullable(AGGREGATIONS.get(metric.aggregation().toLowerCase(Locale.ROOT)));
                if (known.isEmpty()) {
                    errors.add(field + ": aggregation '" + metric.aggregation() + "' of metric '" + metric.name()
                            + "' cannot be imported (expected one of avg, average, mean, min, max, sum, count)");
                    continue;
                }
                aggregation = known.get().wireName();
                Integer window = seconds(metric.window(), at + "'metrics." + metric.name() + ".window'", errors);
                if (window != null && interval != null) {
                    periods = Math.max(1, (window + interval - 1) / interval);
                }
            }
            String name = several && entry.name() != null ? entry.name() + "-" + slug(threshold.metric())
                    : entry.name();
            PolicySpec spec = new PolicySpec(name, target, threshold.metric(), aggregation,
                    new ThresholdRule(threshold.scaleUp(), threshold.scaleDown(), entry.scaleUpBy(),
                            entry.scaleDownBy(), comparison.equals(ThresholdRule.GREATER_THAN) ? null : comparison),
                    entry.minReplicas(), entry.maxReplicas(), cooldown, entry.enabled(), null, null, periods, null);
            for (String error : validator.validate(spec)) {
                errors.add(field + ": " + error);
            }
            mapped.add(new Mapped(index, spec, List.copyOf(notes)));
        }
        return mapped;
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

    private static String slug(String metric) {
        return metric == null ? "metric" : metric.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-");
    }

    /**
     * @param index the entry of the file it came from
     * @param notes what of the entry the engine does not use
     */
    public record Mapped(int index, PolicySpec spec, List<String> notes) {
    }
}
