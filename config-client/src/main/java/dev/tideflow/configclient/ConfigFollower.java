package dev.tideflow.configclient;

import dev.tideflow.contracts.ConfigChange;
import dev.tideflow.contracts.ContractCodec;
import dev.tideflow.contracts.ContractViolationException;
import dev.tideflow.contracts.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Reads the compacted config topic from its beginning and then follows it. Every instance reads every
 * partition without a consumer group: configuration is broadcast, never shared out.
 */
final class ConfigFollower implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ConfigFollower.class);

    private final KafkaConsumer<String, String> consumer;
    private final ConfigState state;
    private final Consumer<ConfigChange> onChange;
    private final CountDownLatch loaded = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean running = true;

    ConfigFollower(String bootstrapServers, String clientId, ConfigState state, Consumer<ConfigChange> onChange) {
        this.state = state;
        this.onChange = onChange;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, clientId,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000),
                new StringDeserializer(), new StringDeserializer());
        this.thread = new Thread(this::run, "tideflow-config-follower");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Waits until everything published before start-up has been applied. */
    boolean awaitLoaded(Duration timeout) throws InterruptedException {
        return loaded.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void run() {
        try {
            List<TopicPartition> partitions = partitions();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> startupEnd = consumer.endOffsets(partitions);
            while (running) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    apply(record);
                }
                if (loaded.getCount() > 0 && caughtUp(startupEnd)) {
                    loaded.countDown();
                }
            }
        } catch (WakeupException e) {
            if (running) {
                LOG.error("config follower woken up unexpectedly", e);
            }
        } catch (RuntimeException e) {
            LOG.error("config follower stopped; settings stay as last applied", e);
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private List<TopicPartition> partitions() {
        while (running) {
            List<PartitionInfo> info = consumer.partitionsFor(Topics.CONFIG, Duration.ofSeconds(10));
            if (info != null && !info.isEmpty()) {
                return info.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            }
        }
        return List.of();
    }

    private boolean caughtUp(Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    private void apply(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            return;
        }
        ConfigChange change;
        try {
            change = ContractCodec.decode(record.value(), ConfigChange.class);
        } catch (ContractViolationException e) {
            // A bad push never takes the service down: the last good settings stay in force.
            LOG.warnf("ignored invalid config record at %s-%d@%d: %s", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return;
        }
        boolean changed;
        synchronized (state) {
            changed = state.apply(change);
        }
        if (changed) {
            try {
                onChange.accept(change);
            } catch (RuntimeException e) {
                LOG.error("config change listener failed for " + change.recordKey(), e);
            }
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
