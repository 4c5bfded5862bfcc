package dev.tideflow.collector.messaging;

import dev.tideflow.contracts.EventTypes;
import dev.tideflow.contracts.InstanceAggregate;
import dev.tideflow.contracts.MetricWindow;
import dev.tideflow.contracts.Topics;
import dev.tideflow.infra.testing.LocalInfraTestResource;
import dev.tideflow.infra.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(LocalInfraTestResource.class)
class WindowPipelineTests {

    private static final String COLLECTOR_GROUP = "tideflow-metrics-collector";

    private static long committedOffset(Admin admin, TopicPartition partition) throws Exception {
        OffsetAndMetadata committed = admin.listConsumerGroupOffsets(COLLECTOR_GROUP)
                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS).get(partition);
        return committed == null ? -1 : committed.offset();
    }

    @BeforeEach
    void pipelineLive() {
        Samples.awaitPipelineLive();
    }

    @Test
    void samplesOnTheTopicBecomeOnePublishedAndRecordedWindowWithItsInstances() {
        String target = Samples.uniqueTarget("pipeline");
        Instant at = Samples.soon();
        MetricWindow window;
        try (TopicProbe windows = new TopicProbe(Topics.METRIC_WINDOWS, target)) {
            TopicProbe.produce(Topics.METRICS, target,
                    Samples.json(target, "cpu", 2.0, at, "web-0", 4.0, true),
                    Samples.json(target, "cpu", 4.0, at.plusMillis(1), "web-0", 4.0, true),
                    Samples.json(target, "cpu", 9.0, at.plusMillis(2), "web-1", 8.0, false));

            ConsumerRecord<String, String> record = windows.await(1).get(0);
            window = Samples.window(record);
            assertEquals(EventTypes.METRIC_WINDOW, TopicProbe.header(record, "ce_type"));
            assertEquals("tideflow/metrics-collector", TopicProbe.header(record, "ce_source"));
            assertEquals(window.windowId(), TopicProbe.header(record, "ce_id"));
        }
        Instant windowStart = at.truncatedTo(ChronoUnit.SECONDS);
        assertEquals(target, window.target());
        assertEquals("cpu", window.metric());
        assertEquals(windowStart, window.windowStart());
        assertEquals(windowStart.plusSeconds(1), window.windowEnd());
        assertEquals(3L, window.count());
        assertEquals(2.0, window.min());
        assertEquals(9.0, window.max());
        assertEquals(15.0, window.sum());
        assertEquals(5.0, window.avg());
        assertEquals(List.of(new InstanceAggregate("web-0", 2L, 3.0, 4.0, 4.0, true),
                new InstanceAggregate("web-1", 1L, 9.0, 9.0, 8.0, false)), window.instances());

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given()
                .header("Authorization", TestTokens.bearer("viewer"))
                .queryParam("target", target)
                .when().get("/api/windows")
                .then().statusCode(200)
                .body("$", hasSize(1))
                .body("[0].target", equalTo(target))
                .body("[0].metric", equalTo("cpu"))
                .body("[0].windowStart", equalTo(windowStart.toString()))
                .body("[0].count", equalTo(3))
                .body("[0].min", equalTo(2.0f))
                .body("[0].max", equalTo(9.0f))
                .body("[0].sum", equalTo(15.0f))
                .body("[0].avg", equalTo(5.0f))
                .body("[0].instances.instance", contains("web-0", "web-1"))
                .body("[0].instances[0].count", equalTo(2))
                .body("[0].instances[0].avg", equalTo(3.0f))
                .body("[0].instances[0].last", equalTo(4.0f))
                .body("[0].instances[0].request", equalTo(4.0f))
                .body("[0].instances[1].ready", equalTo(false))
                .body("$", not(hasItem(hasKey("omittedInstanceSamples")))));

        await("a structured record in the logging core's file").atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() ->
                java.nio.file.Files.readAllLines(java.nio.file.Path.of("target/tideflow-logs/metrics-collector.log"))
                        .stream().anyMatch(line -> line.contains("window published") && line.contains(target)
                                && line.contains("\"count\":3") && line.contains("\"instances\":2")));

        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("tideflow_collector_windows_published_total"))
                .body(containsString("tideflow_collector_samples_accepted_total{source=\"kafka\"}"));
    }

    @Test
    void aSampleWithoutTimestampTakesTheRecordTimestamp() {
        String target = Samples.uniqueTarget("pipeline");
        try (TopicProbe windows = new TopicProbe(Topics.METRIC_WINDOWS, target)) {
            RecordMetadata sent = TopicProbe.produce(Topics.METRICS, target,
                    "{\"v\":1,\"target\":\"%s\",\"metric\":\"cpu\",\"value\":4}".formatted(target));

            MetricWindow window = Samples.window(windows.await(1).get(0));
            Instant recordTime = Instant.ofEpochMilli(sent.timestamp());
            assertEquals(recordTime.truncatedTo(ChronoUnit.SECONDS), window.windowStart());
            assertEquals(1L, window.count());
        }
    }

    @Test
    void aSampleIsCommittedOnlyAfterItsWindowIsPublished() throws Exception {
        String target = Samples.uniqueTarget("pipeline");
        // Its window closes seconds from now, long after the consumer would have committed an early ack
        // (the test profile commits every 500 ms).
        Instant at = Instant.now().plusSeconds(3);
        AtomicBoolean committedEarly = new AtomicBoolean();
        try (TopicProbe windows = new TopicProbe(Topics.METRIC_WINDOWS, target);
                Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                        LocalInfraTestResource.kafkaBootstrapServers()))) {
            RecordMetadata sent = TopicProbe.produce(Topics.METRICS, target, Samples.json(target, "mem", 3.0, at));
            TopicPartition partition = new TopicPartition(sent.topic(), sent.partition());

            await().atMost(Duration.ofSeconds(30)).until(() -> {
                // Read the commit first: if the window is not out yet, the commit must not be past the sample.
                long committed = committedOffset(admin, partition);
                boolean published = !windows.poll().isEmpty();
                if (!published && committed > sent.offset()) {
                    committedEarly.set(true);
                }
                return published;
            });
            assertFalse(committedEarly.get(), "the sample's offset was committed before its window was published");
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> committedOffset(admin, partition) > sent.offset());
        }
    }

    @Test
    void malformedRecordsAreDeadLetteredAndTheKeyKeepsFlowing() {
        String target = Samples.uniqueTarget("pipeline");
        String badSample = "{\"v\":1,\"target\":\"BAD TARGET\",\"metric\":\"cpu\",\"value\":\"NaN\"}";
        String notJson = "cpu=0.5 at noon";
        try (TopicProbe deadLetters = new TopicProbe(Topics.DEAD_LETTERS, target);
                TopicProbe windows = new TopicProbe(Topics.METRIC_WINDOWS, target)) {
            TopicProbe.produce(Topics.METRICS, target, badSample, notJson,
                    Samples.json(target, "cpu", 7.0, Samples.soon()));

            List<ConsumerRecord<String, String>> letters = deadLetters.await(2);
            assertEquals(2, letters.size());

            ConsumerRecord<String, String> first = letters.get(0);
            assertEquals(badSample, first.value());
            String reason = TopicProbe.header(first, "dead-letter-reason");
            assertNotNull(reason, "dead-letter-reason header");
            assertTrue(reason.contains("'target' must be namespace/name"), reason);
            assertTrue(reason.contains("'value' must be a finite number, got NaN"), reason);
            assertEquals(Topics.METRICS, TopicProbe.header(first, "dead-letter-topic"));
            assertNotNull(TopicProbe.header(first, "dead-letter-offset"));

            ConsumerRecord<String, String> second = letters.get(1);
            assertEquals(notJson, second.value());
            String notJsonReason = TopicProbe.header(second, "dead-letter-reason");
            assertTrue(notJsonReason != null && notJsonReason.contains("not valid JSON"), notJsonReason);

            MetricWindow window = Samples.window(windows.await(1).get(0));
            assertEquals(1L, window.count());
            assertEquals(7.0, window.sum());
        }
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("tideflow_collector_samples_rejected_total{reason=\"invalid\",source=\"kafka\"}"));
    }
}
