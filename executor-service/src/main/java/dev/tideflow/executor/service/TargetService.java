package dev.tideflow.executor.service;

import dev.tideflow.contracts.ResourceRequests;
import dev.tideflow.executor.domain.Target;
import dev.tideflow.executor.domain.TargetId;
import dev.tideflow.executor.domain.TargetRegistration;
import dev.tideflow.executor.driver.ScalingDriver;
import dev.tideflow.executor.driver.UnknownDriverException;
import dev.tideflow.executor.repository.TargetRepository;
import dev.tideflow.kit.rest.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;

/** The registry of targets and which driver scales each. */
@ApplicationScoped
public class TargetService {

    private final TargetRepository targets;
    private final DriverRegistry drivers;

    TargetService(TargetRepository targets, DriverRegistry drivers) {
        this.targets = targets;
        this.drivers = drivers;
    }

    /** A registration after it was stored, and whether it is new. */
    public record Registered(TargetRegistration registration, boolean created) {
    }

    /**
     * How many replicas a target runs now, and with which requests, according to the driver that scales it.
     *
     * @param requests null when none were set or the driver does not set requests
     */
    public record ReplicaCount(Target target, boolean registered, int replicas, ResourceRequests requests,
            Instant observedAt) {
    }

    /** Creates or replaces the registration of {@code id}; refused if the driver cannot scale it as described. */
    public Uni<Registered> register(TargetId id, String driverName, List<String> command, String workingDirectory) {
        Target target = new Target(id.namespace(), id.name(), driverName, command, workingDirectory);
        ScalingDriver driver;
        try {
            driver = drivers.require(driverName);
        } catch (UnknownDriverException e) {
            return Uni.createFrom().failure(ProblemException.invalid(e.getMessage(), List.of(e.getMessage())));
        }
        List<String> problems = driver.validate(target);
        if (!problems.isEmpty()) {
            return Uni.createFrom().failure(ProblemException.invalid(
                    "driver '" + driverName + "' cannot scale " + id + " as described", problems));
        }
        return Panache.withTransaction(() -> targets.findById(id.toString()).chain(existing -> {
            Instant now = Instant.now();
            TargetRegistration registration = existing != null ? existing : new TargetRegistration();
            if (existing == null) {
                registration.id = id.toString();
                registration.namespace = id.namespace();
                registration.name = id.name();
                registration.createdAt = now;
            }
            registration.driver = driverName;
            registration.command = target.command().toArray(String[]::new);
            registration.workingDirectory = workingDirectory;
            registration.updatedAt = now;
            return targets.persist(registration).map(stored -> new Registered(stored, existing == null));
        }));
    }

    public Uni<List<TargetRegistration>> list() {
        return targets.listById();
    }

    public Uni<TargetRegistration> get(TargetId id) {
        return targets.findRegistration(id.toString())
                .onItem().ifNull().failWith(() -> notRegistered(id));
    }

    /** Forgets the registration; running replicas are left alone, as deleting an autoscaler leaves pods. */
    @WithTransaction
    public Uni<Void> delete(TargetId id) {
        return targets.deleteById(id.toString()).chain(deleted -> deleted
                ? Uni.createFrom().voidItem()
                : Uni.createFrom().failure(notRegistered(id)));
    }

    /** Asks the driver of {@code id}, or the default driver if nobody registered it, as a decision would. */
    public Uni<ReplicaCount> replicas(TargetId id) {
        return targets.findRegistration(id.toString()).chain(registration -> {
            Target target = registration != null
                    ? registration.toTarget()
                    : Target.unregistered(id.toString(), drivers.defaultDriver());
            return Uni.createFrom()
                    .item(() -> {
                        ScalingDriver driver = drivers.require(target.driver());
                        return new ReplicaCount(target, registration != null, driver.currentReplicas(target),
                                driver.currentRequests(target), Instant.now());
                    })
                    .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        });
    }

    private static ProblemException notRegistered(TargetId id) {
        return ProblemException.notFound("target " + id + " is not registered");
    }
}
