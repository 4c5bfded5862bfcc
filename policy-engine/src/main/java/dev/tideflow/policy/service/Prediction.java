package dev.tideflow.policy.service;

import dev.tideflow.policy.domain.DecisionExplanation;
import dev.tideflow.policy.domain.PredictiveSpec;
import dev.tideflow.policy.domain.ReplicaRange;
import dev.tideflow.policy.forecast.ForecastOutlook;
import dev.tideflow.policy.forecast.PredictiveScalingPlan;

import java.util.Locale;

/**
 * A policy's forecast at one moment and what it asks of the replica range.
 *
 * @param plan null when the history allows no forecast ({@link ForecastOutlook#unavailable()} says why)
 */
public record Prediction(PredictiveSpec spec, ForecastOutlook outlook, PredictiveScalingPlan plan) {

    public boolean applies() {
        return plan != null && plan.apply();
    }

    /** The forecast as a decision's explanation shows it. */
    public DecisionExplanation.ForecastNote note() {
        if (plan == null) {
            return new DecisionExplanation.ForecastNote(spec.modeOrDefault(), spec.metric(), false, null, null, null,
                    null, null, "no forecast: " + outlook.unavailable());
        }
        boolean peak = !Double.isNaN(plan.peakLoad());
        return new DecisionExplanation.ForecastNote(spec.modeOrDefault(), spec.metric(), plan.apply(),
                round(plan.confidence()), peak ? round(plan.peakLoad()) : null,
                plan.peakTime() == null ? null : plan.peakTime().toString(), peak ? plan.minReplicas() : null,
                peak ? plan.maxReplicas() : null, plan.explanation());
    }

    /**
     * What the forecast did to the range, appended to a decision's reason: {@code [forecast ForecastAndScale:
     * range [2, 20] raised to [6, 20], peak … at …, confidence 0.93]}.
     */
    public String reasonNote(ReplicaRange before, ReplicaRange after) {
        String head = " [forecast " + spec.modeOrDefault() + " on " + spec.metric() + ": ";
        if (plan == null) {
            return head + "none, " + outlook.unavailable() + "]";
        }
        if (Double.isNaN(plan.peakLoad())) {
            return head + "no action, " + firstClause(plan.explanation()) + "]";
        }
        String peak = String.format(Locale.ROOT, "peak %.2f at %s needs %d replicas, confidence %.2f",
                plan.peakLoad(), plan.peakTime(), plan.minReplicas(), plan.confidence());
        if (!plan.apply()) {
            return head + "not applied, " + peak + "]";
        }
        String range = after.equals(before) ? "range " + before + " unchanged" : "range " + before + " raised to "
                + after;
        return head + range + ", " + peak + "]";
    }

    private static String firstClause(String text) {
        int cut = text.indexOf(" (");
        return cut < 0 ? text : text.substring(0, cut);
    }

    private static Double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
