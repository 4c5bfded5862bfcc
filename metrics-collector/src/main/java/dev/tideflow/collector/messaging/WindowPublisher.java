package dev.tideflow.collector.messaging;

import dev.tideflow.contracts.Channels;
import dev.tideflow.contracts.ContractCodec;
import dev.tideflow.contracts.MetricWindow;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import java.time.ZoneOffset;

/** Publishes closed windows to {@code tideflow.metric-windows}, keyed by target. */
@ApplicationScoped
public class WindowPublisher {

    private final MutinyEmitter<String> emitter;

    WindowPublisher(@Channel(Channels.WINDOWS_OUT)
            @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 8192) MutinyEmitter<String> emitter) {
        this.emitter = emitter;
    }

    /**
     * Completes when the broker has acknowledged the record; lazy, so a retry sends again. The CloudEvents
     * id is the window id, so a consumer can recognise a window published twice.
     */
    public Uni<Void> publish(MetricWindow window) {
        Message<String> message = Message.of(ContractCodec.encode(window))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(window.target()).build())
                .addMetadata(OutgoingCloudEventMetadata.<String>builder()
                        .withId(window.windowId())
                        .withSubject(window.target())
                        .withTimestamp(window.windowEnd().atZone(ZoneOffset.UTC))
                        .build());
        return emitter.sendMessage(message);
    }
}
