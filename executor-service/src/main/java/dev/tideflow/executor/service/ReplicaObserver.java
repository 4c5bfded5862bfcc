package dev.tideflow.executor.service;

import dev.tideflow.contracts.ReplicaObservation;
import dev.tideflow.executor.domain.Target;
import dev.tideflow.executor.domain.TargetRegistration;
import dev.tideflow.executor.driver.ScalingDriver;
import dev.tideflow.executor.messaging.ExecutionPublisher;
import dev.tideflow.executor.repository.TargetRepository;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Publishes how many replicas every registered target runs, so the policy engine learns the real count,
 * including replicas that died or were changed behind the executor's back.
 */
@ApplicationScoped
public class ReplicaObserver {

    private static final Logger LOG = Logger.getLogger(ReplicaObserver.class);

    private final TargetRepository targets;
    private final DriverRegistry drivers;
    private final ExecutionPublisher publisher;

    ReplicaObserver(TargetRepository targets, DriverRegistry drivers, ExecutionPublisher publisher) {
        this.targets = targets;
        this.drivers = drivers;
        this.publisher = publisher;
    }

    @Scheduled(identity = "replica-observer", every = "${tideflow.executor.observe-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> observeAll() {
        return targets.listById()
                .chain(registered -> Uni.createFrom().item(() -> observe(registered))
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()))
                .chain(this::publishAll);
    }

    private List<ReplicaObservation> observe(List<TargetRegistration> registered) {
        List<ReplicaObservation> observations = new ArrayList<>();
        for (TargetRegistration registration : registered) {
            Target target = registration.toTarget();
            Optional<ScalingDriver> driver = drivers.find(target.driver());
            if (driver.isEmpty()) {
                LOG.warnf("target %s names unknown driver '%s'; not observed", target.id(), target.driver());
                continue;
            }
            try {
                int replicas = driver.get().currentReplicas(target);
                observations.add(ReplicaObservation.of(target.id(), target.driver(), replicas, Instant.now()));
            } catch (RuntimeException e) {
                // One unreadable target must not hide the others from the policy engine.
                LOG.warnf(e, "cannot observe the replicas of %s", target.id());
            }
        }
        return observations;
    }

    private Uni<Void> publishAll(List<ReplicaObservation> observations) {
        if (observations.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.join().all(observations.stream().map(publisher::publish).toList())
                .andCollectFailures()
                .replaceWithVoid();
    }
}
