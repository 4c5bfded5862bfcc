package dev.tideflow.stack;

import com.sun.net.httpserver.HttpServer;
import dev.tideflow.contracts.ContractCodec;
import dev.tideflow.contracts.MetricSample;
import dev.tideflow.contracts.Topics;
import dev.tideflow.infra.DevKeys;
import dev.tideflow.infra.LocalInfra;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The four services from their packaged applications, a real broker and a real database: samples
 * produced to Kafka scale a process-driver workload up and back down, every decision is applied
 * exactly once, and a malformed sample lands in the dead-letter topic with its reason.
 */
class SuiteEndToEndIT {

    private static final String TARGET = "e2e/web";
    private static final Pattern DECISION_ID = Pattern.compile("\"decisionId\"\\s*:\\s*\"([^\"]+)\"");

    private static LocalInfra infra;
    private static Suite suite;
    private static SuiteClient client;
    private static KafkaProducer<String, String> producer;
    private static Set<ProcessHandle> startedProcesses;

    @BeforeAll
    static void startSuite() throws Exception {
        Path work = Files.createTempDirectory("tideflow-e2e-");
        infra = LocalInfra.builder().workDir(work.resolve("infra"), true).build();
        DevKeys keys = DevKeys.generate();
        client = new SuiteClient(keys.token("e2e", List.of("admin", "operator", "viewer"), Duration.ofHours(1)));
        suite = Suite.start(Suite.findRepoRoot(Path.of("")), work, infra, keys, Map.of(
                Suite.COLLECTOR, Map.of("TIDEFLOW_COLLECTOR_WINDOW", "2s", "TIDEFLOW_COLLECTOR_GRACE", "1s"),
                Suite.EXECUTOR, Map.of("TIDEFLOW_EXECUTOR_OBSERVE_INTERVAL", "1s")), false);
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
        DemoSetup.registerWorkload(client, suite, TARGET);
        DemoSetup.createPolicy(client, suite, TARGET, 80, 20, 1, 3, 3);
    }

    @AfterAll
    static void stopSuite() {
        if (producer != null) {
            producer.close();
        }
        startedProcesses = ProcessHandle.current().descendants().collect(Collectors.toSet());
        if (suite != null) {
            suite.close();
        }
        if (infra != null) {
            infra.close();
        }
        List<String> leftovers = startedProcesses.stream().filter(ProcessHandle::isAlive)
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList();
        assertTrue(leftovers.isEmpty(), "processes left behind: " + leftovers);
    }

    @Test
    void loadScalesTheWorkloadUpAndBackDownExactlyOnceAndBadInputIsDeadLettered() {
        ServiceProcess executor = suite.service(Suite.EXECUTOR);

        producer.send(new ProducerRecord<>(Topics.METRICS, TARGET,
                "{\"v\":1,\"target\":\"" + TARGET + "\",\"metric\":\"cpu\",\"value\":\"NaN\"}"));
        assertDeadLettered(TARGET, "finite");

        // Heavy load: the policy adds one replica per window until the maximum of 3.
        await("scale up to 3 replicas").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    send(95.0);
                    return DemoSetup.runningReplicas(executor) == 3;
                });
        // Idle: back to the minimum of 1.
        await("scale down to 1 replica").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    send(5.0);
                    return DemoSetup.runningReplicas(executor) == 1;
                });

        List<String> decided = ids(client.expectOk(client.get(suite.url(Suite.POLICY)
                + "/api/decisions?target=" + TARGET + "&limit=200"), "decision log"));
        await("every decision applied").atMost(Duration.ofSeconds(30)).until(() ->
                ids(client.expectOk(client.get(suite.url(Suite.EXECUTOR) + "/api/events?target=" + TARGET
                        + "&limit=200"), "events")).containsAll(decided));
        List<String> applied = ids(client.expectOk(client.get(suite.url(Suite.EXECUTOR)
                + "/api/events?target=" + TARGET + "&limit=200"), "events"));
        assertTrue(decided.size() >= 4, "at least two decisions up and two down: " + decided);
        Map<String, Integer> timesApplied = new HashMap<>();
        applied.forEach(id -> timesApplied.merge(id, 1, Integer::sum));
        timesApplied.forEach((id, times) -> assertEquals(1, times, "decision " + id + " applied " + times + " times"));

        // Redelivering a decision that was already applied must not scale again.
        String firstDecision = decided.get(decided.size() - 1);
        String decisionJson = findDecision(firstDecision);
        producer.send(new ProducerRecord<>(Topics.DECISIONS, TARGET, decisionJson));
        producer.flush();
        await("the workload stays at 1").during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(10))
                .until(() -> DemoSetup.runningReplicas(executor) == 1);
        List<String> afterRedelivery = ids(client.expectOk(client.get(suite.url(Suite.EXECUTOR)
                + "/api/events?target=" + TARGET + "&limit=200"), "events"));
        assertEquals(1, afterRedelivery.stream().filter(firstDecision::equals).count(),
                "a redelivered decision is recorded once");
    }

    @Test
    void theGlobalSwitchInConfigServicePausesAndResumesAutoscalingLive() {
        String target = "e2e/switch";
        DemoSetup.registerWorkload(client, suite, target);
        DemoSetup.createPolicy(client, suite, target, 80, 20, 1, 2, 1);
        String switchUrl = suite.url(Suite.CONFIG) + "/api/config/global/autoscaling.enabled";
        try {
            client.expectOk(client.put(switchUrl, "{\"value\":\"false\"}"), "disabling autoscaling");
            await("no decision while autoscaling is off").during(Duration.ofSeconds(8))
                    .atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        send(target, 95.0);
                        return ids(client.expectOk(client.get(suite.url(Suite.POLICY) + "/api/decisions?target="
                                + target), "decision log")).isEmpty();
                    });
        } finally {
            client.expectOk(client.put(switchUrl, "{\"value\":\"true\"}"), "enabling autoscaling");
        }
        await("decisions resume once it is back on").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    send(target, 95.0);
                    return !ids(client.expectOk(client.get(suite.url(Suite.POLICY) + "/api/decisions?target="
                            + target), "decision log")).isEmpty();
                });
    }

    @Test
    void outcomesArePostedToTheWebhookSignedWithTheSecretTheExecutorReadsWithItsServiceToken() throws Exception {
        String target = "e2e/webhook";
        String signingKey = "e2e-signing-key-" + System.nanoTime();
        BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            deliveries.add(new Delivery(exchange.getRequestHeaders().getFirst("X-Tideflow-Timestamp"),
                    exchange.getRequestHeaders().getFirst("X-Tideflow-Signature"),
                    exchange.getRequestHeaders().getFirst("X-Tideflow-Delivery"),
                    new String(body, StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        String config = suite.url(Suite.CONFIG) + "/api/config";
        try {
            // The key is a secret of the executor's own scope: the topic carries a mask, so the executor can only
            // sign if it read the value from config-service with its service token.
            client.expectOk(client.put(config + "/service/executor-service/executor.notifications.signing-secret",
                    "{\"value\":\"" + signingKey + "\",\"secret\":true}"), "storing the signing secret");
            client.expectOk(client.put(config + "/global/executor.notifications.webhook-url",
                    "{\"value\":\"http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook\"}"),
                    "setting the webhook URL");
            DemoSetup.registerWorkload(client, suite, target);
            DemoSetup.createPolicy(client, suite, target, 80, 20, 1, 2, 1);

            Delivery delivery = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (delivery == null && System.nanoTime() < deadline) {
                send(target, 95.0);
                Delivery d = deliveries.poll(500, TimeUnit.MILLISECONDS);
                if (d != null && d.body().contains("\"" + target + "\"")) {
                    delivery = d;
                }
            }
            assertNotNull(delivery, "no webhook delivery for " + target + " within 90 s");
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signingKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String expected = "sha256=" + HexFormat.of().formatHex(
                    mac.doFinal((delivery.timestamp() + "." + delivery.body()).getBytes(StandardCharsets.UTF_8)));
            assertEquals(expected, delivery.signature(), "signature over timestamp and body");
            assertTrue(delivery.body().contains(delivery.deliveryId()), "the delivery id is the decision id");
        } finally {
            client.expectOk(client.delete(config + "/global/executor.notifications.webhook-url"),
                    "turning the webhook off");
            receiver.stop(0);
        }
    }

    private record Delivery(String timestamp, String signature, String deliveryId, String body) {
    }

    @Test
    void aMixedPolicysRequestsReachTheWorkloadThroughTheExecutor() {
        String target = "e2e/vertical";
        DemoSetup.registerWorkload(client, suite, target);
        client.expectOk(client.post(suite.url(Suite.POLICY) + "/api/policies", """
                {"name": "e2e-vertical", "target": "e2e/vertical", "minReplicas": 1, "maxReplicas": 2,
                 "scalingMode": "mixed",
                 "rule": {"type": "targetTracking", "metrics": [
                     {"name": "cpu", "target": {"type": "Utilization", "averageUtilization": 60}}]},
                 "vertical": {"cpu": {"min": 250, "max": 1000, "step": 250}}}"""), "creating a mixed policy");
        String replicasUrl = suite.url(Suite.EXECUTOR) + "/api/targets/" + target + "/replicas";

        // 240m used of a 250m request is 96 % against a 60 % target: the request goes to 250 × 1.6 → 500m first.
        await("the executor runs the replicas with the recommended request").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    MetricSample sample = new MetricSample(1, target, "cpu", 240.0, Instant.now(), "replica-0",
                            250.0, true);
                    producer.send(new ProducerRecord<>(Topics.METRICS, target, ContractCodec.encode(sample)));
                    return client.expectOk(client.get(replicasUrl), "replicas").replace(" ", "")
                            .contains("\"requests\":{\"cpuMillis\":500}");
                });
        String decisions = client.expectOk(client.get(suite.url(Suite.POLICY) + "/api/decisions?target=" + target),
                "decision log");
        assertTrue(decisions.replace(" ", "").contains("\"resources\":{\"cpuMillis\":500}"), decisions);
    }

    private static void send(double cpu) {
        send(TARGET, cpu);
    }

    private static void send(String target, double cpu) {
        MetricSample sample = new MetricSample(1, target, "cpu", cpu, Instant.now(), "replica-0");
        producer.send(new ProducerRecord<>(Topics.METRICS, target, ContractCodec.encode(sample)));
    }

    private static List<String> ids(String json) {
        List<String> ids = new ArrayList<>();
        Matcher m = DECISION_ID.matcher(json);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    /** The decision as it was published, read back from tideflow.decisions. */
    private static String findDecision(String decisionId) {
        try (KafkaConsumer<String, String> consumer = consumer("e2e-decisions")) {
            consumer.subscribe(List.of(Topics.DECISIONS));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.value() != null && r.value().contains(decisionId)) {
                        return r.value();
                    }
                }
            }
        }
        throw new AssertionError("decision " + decisionId + " not found on " + Topics.DECISIONS);
    }

    private static void assertDeadLettered(String key, String reasonFragment) {
        try (KafkaConsumer<String, String> consumer = consumer("e2e-dead-letters")) {
            consumer.subscribe(List.of(Topics.DEAD_LETTERS));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    Header reason = r.headers().lastHeader("dead-letter-reason");
                    if (key.equals(r.key()) && reason != null) {
                        String text = new String(reason.value(), StandardCharsets.UTF_8);
                        assertTrue(text.contains(reasonFragment), "dead-letter reason: " + text);
                        assertFalse(r.value() == null || r.value().isBlank(), "the original value is kept");
                        return;
                    }
                }
            }
        }
        throw new AssertionError("no dead letter for " + key);
    }

    private static KafkaConsumer<String, String> consumer(String group) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer());
    }
}
