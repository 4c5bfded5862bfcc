package dev.tideflow.collector.messaging;

import dev.tideflow.contracts.Channels;
import dev.tideflow.contracts.ContractCodec;
import dev.tideflow.contracts.MetricSample;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/** Hands REST samples to {@code tideflow.metrics}, where the partition owner aggregates them like any other. */
@ApplicationScoped
public class SampleProducer {

    private final MutinyEmitter<String> emitter;

    SampleProducer(@Channel(Channels.METRICS_OUT)
            @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096) MutinyEmitter<String> emitter) {
        this.emitter = emitter;
    }

    /** Completes when the broker has acknowledged the record; lazy, so each subscription sends once. */
    public Uni<Void> send(MetricSample sample) {
        Message<String> message = Message.of(ContractCodec.encode(sample))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(sample.target()).build());
        return emitter.sendMessage(message);
    }
}
