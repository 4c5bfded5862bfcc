package dev.tideflow.policy.service;

import dev.tideflow.configclient.LiveConfig;
import dev.tideflow.policy.repository.AutoscalingOverrideRepository;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Whether windows are evaluated: the suite-wide {@code autoscaling.enabled} from config-service (live, through
 * {@link LiveConfig}) and the policy engine's own override in its database. Either one off stops evaluation.
 * The override is cached and re-read every few seconds, so that every instance of the engine follows a change
 * made through any of them.
 */
@ApplicationScoped
public class AutoscalingSwitch {

    /** The suite-wide switch, owned by config-service. */
    public static final String GLOBAL_KEY = "autoscaling.enabled";

    /** The suite-wide dry run, owned by config-service: every decision is published marked dryRun. */
    public static final String DRY_RUN_KEY = "autoscaling.dry-run";

    private final LiveConfig liveConfig;
    private final AutoscalingOverrideRepository overrides;
    private volatile Local local;

    public AutoscalingSwitch(LiveConfig liveConfig, AutoscalingOverrideRepository overrides) {
        this.liveConfig = liveConfig;
        this.overrides = overrides;
    }

    public boolean globallyEnabled() {
        return liveConfig.getBoolean(GLOBAL_KEY, true);
    }

    /** Whether every decision is a dry run now, whatever its policy says; off unless config-service sets it. */
    public boolean globalDryRun() {
        return liveConfig.getBoolean(DRY_RUN_KEY, false);
    }

    /** The local override as last read; loads it first if it was never read. */
    public Uni<Local> local() {
        Local known = local;
        return known != null ? Uni.createFrom().item(known) : refresh();
    }

    /** Whether windows are evaluated now: both switches on. */
    public Uni<Boolean> enabled() {
        if (!globallyEnabled()) {
            return Uni.createFrom().item(false);
        }
        return local().map(Local::enabled);
    }

    @WithTransaction
    public Uni<Local> set(boolean enabled, String by) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return overrides.store(enabled, now, by).map(done -> {
            local = new Local(enabled, now, by);
            return local;
        });
    }

    @Scheduled(every = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refreshPeriodically() {
        return refresh().replaceWithVoid();
    }

    private Uni<Local> refresh() {
        return overrides.findOverride().map(found -> {
            local = found == null ? Local.DEFAULT : new Local(found.enabled, found.updatedAt, found.updatedBy);
            return local;
        });
    }

    /** The local override; enabled, never set, until an operator switches it. */
    public record Local(boolean enabled, Instant updatedAt, String updatedBy) {

        static final Local DEFAULT = new Local(true, null, null);
    }
}
