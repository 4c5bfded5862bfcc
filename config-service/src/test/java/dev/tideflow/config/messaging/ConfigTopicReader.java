package dev.tideflow.config.messaging;

import dev.tideflow.contracts.Topics;
import dev.tideflow.infra.testing.LocalInfraTestResource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/** Reads {@code tideflow.config} from its first offset, as a newly started config client would. */
public final class ConfigTopicReader implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

    public ConfigTopicReader() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalInfraTestResource.kafkaBootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "config-service-test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumer = new KafkaConsumer<>(props);
        // The topic has one partition by contract; assigning it skips the group rebalance.
        TopicPartition partition = new TopicPartition(Topics.CONFIG, 0);
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
    }

    /** Waits until {@code count} records whose key matches have been read; returns them in topic order. */
    public List<ConsumerRecord<String, String>> awaitRecords(Predicate<String> key, int count) {
        await().atMost(Duration.ofSeconds(30)).pollInSameThread().pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                    return matching(key).size() >= count;
                });
        return matching(key);
    }

    /** Waits until a record matching {@code last} has been read; returns every record read so far, in topic order. */
    public List<ConsumerRecord<String, String>> awaitThrough(Predicate<ConsumerRecord<String, String>> last) {
        await().atMost(Duration.ofSeconds(30)).pollInSameThread().pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                    return seen.stream().anyMatch(last);
                });
        return List.copyOf(seen);
    }

    private List<ConsumerRecord<String, String>> matching(Predicate<String> key) {
        return seen.stream().filter(r -> r.key() != null && key.test(r.key())).toList();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
