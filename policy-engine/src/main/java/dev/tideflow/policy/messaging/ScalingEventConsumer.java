package dev.tideflow.policy.messaging;

import dev.tideflow.contracts.Channels;
import dev.tideflow.contracts.ContractCodec;
import dev.tideflow.contracts.ScalingEvent;
import dev.tideflow.policy.service.ScaleEventService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Records what the executor did with each decision; the rate policies count only the changes it made. Acknowledged
 * once stored; a malformed record goes to the dead-letter topic with the reason.
 */
@ApplicationScoped
public class ScalingEventConsumer {

    private final ScaleEventService events;

    public ScalingEventConsumer(ScaleEventService events) {
        this.events = events;
    }

    @Incoming(Channels.SCALING_EVENTS_IN)
    public Uni<Void> consume(String json) {
        return Uni.createFrom().item(() -> ContractCodec.decode(json, ScalingEvent.class)).chain(events::record);
    }
}
