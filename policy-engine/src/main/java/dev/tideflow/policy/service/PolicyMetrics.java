package dev.tideflow.policy.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.EnumMap;
import java.util.Map;

/**
 * The counters an operator watches to see whether windows turn into decisions, and if not, why. Created
 * at start-up so that every counter is exported from zero before the first window arrives.
 */
@Startup
@ApplicationScoped
public class PolicyMetrics {

    public static final String WINDOWS_EVALUATED = "tideflow.policy.windows.evaluated";
    public static final String DECISIONS_PUBLISHED = "tideflow.policy.decisions.published";
    public static final String EVALUATIONS_SKIPPED = "tideflow.policy.evaluations.skipped";

    private final Counter windowsEvaluated;
    private final Counter decisionsPublished;
    private final Map<SkipReason, Counter> skipped = new EnumMap<>(SkipReason.class);

    public PolicyMetrics(MeterRegistry registry) {
        windowsEvaluated = Counter.builder(WINDOWS_EVALUATED)
                .description("Windows evaluated against at least one policy")
                .register(registry);
        decisionsPublished = Counter.builder(DECISIONS_PUBLISHED)
                .description("Scaling decisions published to tideflow.decisions, republished ones included")
                .register(registry);
        for (SkipReason reason : SkipReason.values()) {
            skipped.put(reason, Counter.builder(EVALUATIONS_SKIPPED)
                    .description("Windows or policy evaluations that led to no decision, by reason")
                    .tag("reason", reason.tag())
                    .register(registry));
        }
    }

    public void windowEvaluated() {
        windowsEvaluated.increment();
    }

    public void decisionPublished() {
        decisionsPublished.increment();
    }

    public void skipped(SkipReason reason) {
        skipped.get(reason).increment();
    }
}
