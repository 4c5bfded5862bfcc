package dev.tideflow.collector.messaging;

import dev.tideflow.collector.service.WindowingService;
import dev.tideflow.contracts.Channels;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.concurrent.CompletionStage;

/**
 * Reads {@code tideflow.metrics}. Takes the whole message rather than the payload because a sample's
 * acknowledgement waits for its window, long after this method has returned.
 */
@ApplicationScoped
public class SampleConsumer {

    private final WindowingService windowing;

    SampleConsumer(WindowingService windowing) {
        this.windowing = windowing;
    }

    @Incoming(Channels.METRICS_IN)
    public CompletionStage<Void> consume(Message<String> message) {
        return windowing.admit(message);
    }
}
