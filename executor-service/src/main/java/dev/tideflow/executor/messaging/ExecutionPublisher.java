package dev.tideflow.executor.messaging;

import dev.tideflow.contracts.Channels;
import dev.tideflow.contracts.Contract;
import dev.tideflow.contracts.ContractCodec;
import dev.tideflow.contracts.EventTypes;
import dev.tideflow.contracts.ReplicaObservation;
import dev.tideflow.contracts.ScalingEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.UUID;

/** Publishes what the executor did and sees. Each send completes when the broker has acknowledged it. */
@ApplicationScoped
public class ExecutionPublisher {

    private final MutinyEmitter<String> scalingEvents;
    private final MutinyEmitter<String> replicas;

    ExecutionPublisher(
            @Channel(Channels.SCALING_EVENTS_OUT) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1024)
            MutinyEmitter<String> scalingEvents,
            @Channel(Channels.REPLICAS_OUT) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1024)
            MutinyEmitter<String> replicas) {
        this.scalingEvents = scalingEvents;
        this.replicas = replicas;
    }

    public Uni<Void> publish(ScalingEvent event) {
        // One id per decision: a consumer can drop the copy a republish after a crash may produce.
        return send(scalingEvents, event, event.target(), EventTypes.SCALING_EVENT,
                "scaling-event:" + event.decisionId(), event.finishedAt().atZone(ZoneOffset.UTC));
    }

    public Uni<Void> publish(ReplicaObservation observation) {
        return send(replicas, observation, observation.target(), EventTypes.REPLICA_OBSERVATION,
                UUID.randomUUID().toString(), observation.observedAt().atZone(ZoneOffset.UTC));
    }

    private static Uni<Void> send(MutinyEmitter<String> emitter, Contract value, String key, String type, String id,
            ZonedDateTime time) {
        return Uni.createFrom().deferred(() -> {
            Message<String> message = Message.of(ContractCodec.encode(value))
                    .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build())
                    .addMetadata(OutgoingCloudEventMetadata.builder()
                            .withId(id)
                            .withType(type)
                            .withSubject(key)
                            .withTimestamp(time)
                            .build());
            return emitter.sendMessage(message);
        });
    }
}
