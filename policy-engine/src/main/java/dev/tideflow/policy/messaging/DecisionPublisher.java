package dev.tideflow.policy.messaging;

import dev.tideflow.contracts.Channels;
import dev.tideflow.contracts.ContractCodec;
import dev.tideflow.contracts.EventTypes;
import dev.tideflow.contracts.ScalingDecision;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import java.time.ZoneOffset;

/**
 * Sends decisions to {@code tideflow.decisions}, keyed by target. The returned Uni completes once the
 * broker has the record, so the caller acknowledges its window only after the decision is out.
 */
@ApplicationScoped
public class DecisionPublisher {

    /** Sends are awaited by the window consumer, so the buffer only absorbs the windows in flight. */
    @Inject
    @Channel(Channels.DECISIONS_OUT)
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1024)
    MutinyEmitter<String> emitter;

    public Uni<Void> publish(ScalingDecision decision) {
        Message<String> message = Message.of(ContractCodec.encode(decision))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(decision.target()).build())
                .addMetadata(OutgoingCloudEventMetadata.builder()
                        // The decision id as event id lets a consumer recognise a republished decision.
                        .withId(decision.decisionId())
                        .withType(EventTypes.DECISION)
                        .withTimestamp(decision.createdAt().atZone(ZoneOffset.UTC))
                        .build());
        return emitter.sendMessage(message);
    }
}
