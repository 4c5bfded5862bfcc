package dev.tideflow.config.messaging;

import dev.tideflow.contracts.ConfigChange;
import dev.tideflow.contracts.ConfigScope;
import dev.tideflow.contracts.ContractCodec;
import dev.tideflow.contracts.EventTypes;
import dev.tideflow.infra.testing.LocalInfraTestResource;
import io.quarkus.arc.ClientProxy;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.tideflow.config.ConfigApi.as;
import static dev.tideflow.config.ConfigApi.counter;
import static dev.tideflow.config.ConfigApi.deleteRevision;
import static dev.tideflow.config.ConfigApi.putRevision;
import static dev.tideflow.config.ConfigApi.unique;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(LocalInfraTestResource.class)
class ConfigPublishingTest {

    @Inject
    ConfigChangeSender sender;

    @Test
    void changesReachTheTopicInRevisionOrderKeyedByScopeAndKey() {
        String service = unique("svc");
        String scope = "service/" + service;
        List<Long> revisions = List.of(
                putRevision(scope + "/alpha", "1"),
                putRevision(scope + "/beta", "2"),
                putRevision(scope + "/alpha", "3"),
                deleteRevision(scope + "/beta"));

        try (ConfigTopicReader topic = new ConfigTopicReader()) {
            List<ConsumerRecord<String, String>> records = topic.awaitRecords(k -> k.startsWith(scope + "/"), 4);

            assertEquals(List.of(scope + "/alpha", scope + "/beta", scope + "/alpha", scope + "/beta"),
                    records.stream().map(ConsumerRecord::key).toList());
            List<ConfigChange> changes = records.stream()
                    .map(r -> ContractCodec.decode(r.value(), ConfigChange.class)).toList();
            assertEquals(revisions, changes.stream().map(ConfigChange::revision).toList());
            assertEquals(new ConfigScope(ConfigScope.Type.SERVICE, service), changes.get(0).scope());
            assertEquals("3", changes.get(2).value());
            assertTrue(changes.get(3).isDeleted(), "the deletion is published as deleted");
            assertNull(changes.get(3).value());
            assertEquals("test-admin", changes.get(3).changedBy());
            for (ConsumerRecord<String, String> record : records) {
                assertEquals(EventTypes.CONFIG_CHANGE, header(record, "ce_type"));
                assertEquals("tideflow/config-service", header(record, "ce_source"));
            }
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertEquals(List.of(true, true, true, true),
                published(scope)));
        long lastRevision = revisions.get(3);
        await("a structured record in the logging core's file").atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .until(() -> java.nio.file.Files.readAllLines(
                                java.nio.file.Path.of("target/tideflow-logs/config-service.log")).stream()
                        .anyMatch(line -> line.contains("config change published")
                                && line.contains("\"revision\":" + lastRevision) && line.contains("\"deleted\":true")));
    }

    @Test
    void concurrentWritesArePublishedInRevisionOrder() throws Exception {
        String scope = "service/" + unique("svc");
        ExecutorService writers = Executors.newFixedThreadPool(6);
        List<Future<Long>> writes = new ArrayList<>();
        try {
            for (int i = 0; i < 30; i++) {
                String key = scope + "/k" + i;
                writes.add(writers.submit(() -> putRevision(key, "v")));
            }
            List<Long> revisions = new ArrayList<>();
            for (Future<Long> write : writes) {
                revisions.add(write.get(30, TimeUnit.SECONDS));
            }
            assertEquals(30, new HashSet<>(revisions).size(), "every write has its own revision");
        } finally {
            writers.shutdownNow();
        }

        try (ConfigTopicReader topic = new ConfigTopicReader()) {
            List<Long> published = topic.awaitRecords(k -> k.startsWith(scope + "/"), 30).stream()
                    .map(r -> ContractCodec.decode(r.value(), ConfigChange.class).revision()).toList();
            assertEquals(published.stream().sorted().toList(), published, "topic order is revision order");
        }
    }

    @Test
    void aChangeWhosePublishFailedHoldsBackLaterOnesUntilItIsOut() {
        String scope = "service/" + unique("svc");
        String failingKey = scope + "/first";
        AtomicBoolean secondCommitted = new AtomicBoolean();
        AtomicInteger refusedAfterSecond = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        ConfigChangeSender real = ClientProxy.unwrap(sender);
        // The broker "refuses" the first change until the second is committed, and once more after that, so
        // one pass holds both and meets the failure first: the second must wait for the first.
        QuarkusMock.installMockForType(new ConfigChangeSender(null) {
            @Override
            public Uni<Void> send(ConfigChange change) {
                if (change.recordKey().equals(failingKey)
                        && (!secondCommitted.get() || refusedAfterSecond.getAndIncrement() == 0)) {
                    refused.incrementAndGet();
                    return Uni.createFrom().failure(new IllegalStateException("broker unavailable"));
                }
                return real.send(change);
            }
        }, ConfigChangeSender.class);
        double failuresBefore = counter("tideflow_config_publish_failures_total");

        long first = putRevision(failingKey, "1");
        await().atMost(Duration.ofSeconds(10)).until(() -> refused.get() > 0);
        long second = putRevision(scope + "/second", "2");
        secondCommitted.set(true);

        try (ConfigTopicReader topic = new ConfigTopicReader()) {
            List<ConsumerRecord<String, String>> records = topic.awaitRecords(k -> k.startsWith(scope + "/"), 2);
            assertEquals(List.of(failingKey, scope + "/second"), records.stream().map(ConsumerRecord::key).toList());
            assertEquals(List.of(first, second), records.stream()
                    .map(r -> ContractCodec.decode(r.value(), ConfigChange.class).revision()).toList());
        }
        assertTrue(refused.get() >= 2, "refused " + refused.get() + " times");
        assertTrue(counter("tideflow_config_publish_failures_total") >= failuresBefore + 2, "failures are counted");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertEquals(List.of(true, true),
                published(scope)));
    }

    @Test
    void aRefusedChangeIsRetriedByTheSweepWithoutAnotherWrite() {
        String scope = "service/" + unique("svc");
        String key = scope + "/lonely";
        AtomicInteger attempts = new AtomicInteger();
        ConfigChangeSender real = ClientProxy.unwrap(sender);
        QuarkusMock.installMockForType(new ConfigChangeSender(null) {
            @Override
            public Uni<Void> send(ConfigChange change) {
                if (change.recordKey().equals(key) && attempts.getAndIncrement() == 0) {
                    return Uni.createFrom().failure(new IllegalStateException("broker unavailable"));
                }
                return real.send(change);
            }
        }, ConfigChangeSender.class);

        long revision = putRevision(key, "1");

        try (ConfigTopicReader topic = new ConfigTopicReader()) {
            List<ConsumerRecord<String, String>> records = topic.awaitRecords(k -> k.equals(key), 1);
            assertEquals(revision, ContractCodec.decode(records.get(0).value(), ConfigChange.class).revision());
        }
        assertTrue(attempts.get() >= 2, "sent again after the refusal, attempts: " + attempts.get());
    }

    private static List<Boolean> published(String scope) {
        List<Map<String, Object>> changes = as("viewer").queryParam("limit", 1000)
                .queryParam("after", 0).get("/api/config/changes").then().statusCode(200)
                .extract().jsonPath().getList("changes");
        return changes.stream().filter(c -> scope.equals(c.get("scope")))
                .map(c -> (Boolean) c.get("published")).toList();
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
