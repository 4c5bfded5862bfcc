package dev.tideflow.policy.messaging;

import dev.tideflow.contracts.Channels;
import dev.tideflow.contracts.ContractCodec;
import dev.tideflow.contracts.ReplicaObservation;
import dev.tideflow.policy.service.TargetStateService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Keeps the replica count the executor last observed per target, the starting point of the next decision. */
@ApplicationScoped
public class ReplicaObservationConsumer {

    private final TargetStateService states;

    public ReplicaObservationConsumer(TargetStateService states) {
        this.states = states;
    }

    @Incoming(Channels.REPLICAS_IN)
    public Uni<Void> consume(String json) {
        return Uni.createFrom().item(() -> ContractCodec.decode(json, ReplicaObservation.class))
                .chain(states::recordObservation);
    }
}
