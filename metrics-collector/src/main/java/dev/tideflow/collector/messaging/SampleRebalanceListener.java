package dev.tideflow.collector.messaging;

import dev.tideflow.collector.service.WindowingService;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

import java.util.Collection;

/**
 * Keeps open windows in step with partition ownership: records of a revoked partition are read again,
 * from the last commit, by its next owner (possibly this instance), so counting them here as well would
 * count them twice.
 */
@ApplicationScoped
@Identifier(SampleRebalanceListener.NAME)
public class SampleRebalanceListener implements KafkaConsumerRebalanceListener {

    /** Referenced by {@code mp.messaging.incoming.metrics-in.consumer-rebalance-listener.name}. */
    public static final String NAME = "metrics-in-rebalance";

    private final WindowingService windowing;

    SampleRebalanceListener(WindowingService windowing) {
        this.windowing = windowing;
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        windowing.partitionsRevoked(partitions);
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        windowing.partitionsRevoked(partitions);
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        windowing.partitionsAssigned(partitions);
    }
}
