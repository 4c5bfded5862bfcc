package dev.tideflow.config.messaging;

import dev.tideflow.contracts.Channels;
import dev.tideflow.contracts.ConfigChange;
import dev.tideflow.contracts.ContractCodec;
import dev.tideflow.contracts.EventTypes;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import java.time.ZoneOffset;

/** Puts config changes on {@code tideflow.config}, keyed by scope path and key so compaction keeps the latest. */
@ApplicationScoped
public class ConfigChangeSender {

    private final MutinyEmitter<String> emitter;

    // The relay sends one record at a time and waits for its acknowledgement, so a small buffer is plenty.
    public ConfigChangeSender(@Channel(Channels.CONFIG_OUT) @OnOverflow(value = OnOverflow.Strategy.BUFFER,
            bufferSize = 64) MutinyEmitter<String> emitter) {
        this.emitter = emitter;
    }

    /** Completes when the broker has acknowledged the record (acks=all), fails if it refused or the send failed. */
    public Uni<Void> send(ConfigChange change) {
        return Uni.createFrom().deferred(() -> emitter.sendMessage(Message.of(ContractCodec.encode(change))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(change.recordKey()).build())
                .addMetadata(OutgoingCloudEventMetadata.builder()
                        // One id per revision and setting, so a consumer can drop a record the relay published
                        // twice. The type is set here, from the contract constant, rather than in the properties.
                        .withId("config-" + change.revision() + "-" + change.recordKey())
                        .withType(EventTypes.CONFIG_CHANGE)
                        .withTimestamp(change.changedAt().atZone(ZoneOffset.UTC))
                        .build())));
    }
}
