package dev.tideflow.configclient;

import dev.tideflow.contracts.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
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

/**
 * Reads the compacted config topic from its beginning and then follows it, handing every record to a
 * {@link ConfigApplier}. Every instance reads every partition without a consumer group: configuration is
 * broadcast, never shared out. When the applier reports a missed record, the follower reads the topic again
 * from the beginning (to the end as it is then) into a fresh state.
 */
final class ConfigFollower implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ConfigFollower.class);

    private final KafkaConsumer<String, String> consumer;
    private final ConfigApplier applier;
    private final CountDownLatch loaded = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean running = true;

    ConfigFollower(String bootstrapServers, String clientId, ConfigApplier applier) {
        this.applier = applier;
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
            Map<TopicPartition, Long> loadEnd = consumer.endOffsets(partitions);
            Map<TopicPartition, Long> resyncEnd = null;
            // An empty topic is loaded at once, not after a first poll has waited out its timeout.
            markLoadedIfCaughtUp(loadEnd);
            while (running) {
                ConsumerRecords<String, String> batch = consumer.poll(Duration.ofMillis(500));
                for (ConsumerRecord<String, String> record : batch) {
                    if (record.value() != null && applier.offer(record.value()) == ConfigApplier.Result.GAP) {
                        // The rest of this batch is read again with everything else.
                        applier.beginResync();
                        consumer.seekToBeginning(partitions);
                        resyncEnd = consumer.endOffsets(partitions);
                        break;
                    }
                }
                markLoadedIfCaughtUp(loadEnd);
                if (resyncEnd != null && caughtUp(resyncEnd)) {
                    applier.endResync();
                    resyncEnd = null;
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

    private void markLoadedIfCaughtUp(Map<TopicPartition, Long> loadEnd) {
        if (!applier.isLoaded() && caughtUp(loadEnd)) {
            applier.loaded();
            loaded.countDown();
        }
    }

    private boolean caughtUp(Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
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
