package dev.tideflow.policy.service;

import dev.tideflow.contracts.ReplicaObservation;
import dev.tideflow.policy.repository.TargetStateRepository;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class TargetStateService {

    private final TargetStateRepository states;

    public TargetStateService(TargetStateRepository states) {
        this.states = states;
    }

    @WithTransaction
    public Uni<Void> recordObservation(ReplicaObservation observation) {
        return states.recordObservation(observation.target(), observation.replicas(), observation.observedAt())
                .replaceWithVoid();
    }
}
