package dev.tideflow.policy.service;

import dev.tideflow.policy.domain.PolicyState;
import dev.tideflow.policy.repository.PolicyRepository;
import dev.tideflow.policy.repository.PolicyStateRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;

/** What the autoscaler is doing: its switches, its policies and each policy's latest recommendation. */
@ApplicationScoped
public class AutoscalingService {

    private final AutoscalingSwitch autoscaling;
    private final PolicyRepository policies;
    private final PolicyStateRepository states;

    public AutoscalingService(AutoscalingSwitch autoscaling, PolicyRepository policies,
            PolicyStateRepository states) {
        this.autoscaling = autoscaling;
        this.policies = policies;
        this.states = states;
    }

    public Uni<Status> status() {
        return autoscaling.local().chain(local -> policies.count().chain(total -> policies.countEnabled(false)
                .chain(live -> policies.countEnabled(true)
                        .chain(dryRun -> states.lastEvaluatedAt().map(last -> {
                            boolean global = autoscaling.globallyEnabled();
                            return new Status(global && local.enabled(), global, autoscaling.globalDryRun(), local,
                                    total, live + dryRun, dryRun, last);
                        })))));
    }

    public Uni<List<PolicyState>> recommendations(String target) {
        return states.listEvaluated(target);
    }

    /**
     * @param enabled          whether windows are evaluated now: both switches on
     * @param globalEnabled    config-service's {@code autoscaling.enabled}
     * @param globalDryRun     config-service's {@code autoscaling.dry-run}: every decision is a dry run
     * @param local            this service's override
     * @param enabledPolicies  enabled policies, dry-run ones included
     * @param dryRunPolicies   enabled policies in dry-run mode
     * @param lastEvaluationAt the end of the last window any policy evaluated
     */
    public record Status(boolean enabled, boolean globalEnabled, boolean globalDryRun, AutoscalingSwitch.Local local,
            long policies, long enabledPolicies, long dryRunPolicies, Instant lastEvaluationAt) {
    }
}
