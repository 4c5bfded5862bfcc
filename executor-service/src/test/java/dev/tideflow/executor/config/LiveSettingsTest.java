package dev.tideflow.executor.config;

import dev.tideflow.configclient.LiveConfig;
import dev.tideflow.contracts.ConfigChange;
import dev.tideflow.contracts.ConfigScope;
import dev.tideflow.contracts.Contract;
import dev.tideflow.contracts.ContractCodec;
import dev.tideflow.contracts.ScalingEvent;
import dev.tideflow.contracts.Topics;
import dev.tideflow.executor.notify.WebhookNotifier;
import dev.tideflow.executor.notify.WebhookSignature;
import dev.tideflow.executor.service.DriverRegistry;
import dev.tideflow.executor.service.ExecutorMetrics;
import dev.tideflow.executor.testing.Decisions;
import dev.tideflow.infra.testing.LocalInfraTestResource;
import dev.tideflow.log.Level;
import dev.tideflow.log.ScalingLogger;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The executor's live settings, pushed on {@code tideflow.config} as config-service would: the webhook (URL and a
 * secret signing key read with the service token), per-driver settings and the logging core's level.
 */
@QuarkusTest
@QuarkusTestResource(LocalInfraTestResource.class)
@QuarkusTestResource(value = FakeConfigServiceAndWebhook.class, restrictToAnnotatedClass = true)
class LiveSettingsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ConfigScope EXECUTOR = new ConfigScope(ConfigScope.Type.SERVICE, "executor-service");

    private static KafkaCompanion kafka;
    private static FakeConfigServiceAndWebhook fake;

    @Inject
    LiveConfig liveConfig;

    @Inject
    ExecutorSettings settings;

    @Inject
    DriverRegistry drivers;

    @Inject
    ScalingLogger logger;

    @Inject
    ExecutorMetrics metrics;

    private final Set<String> touched = new LinkedHashSet<>();

    @BeforeAll
    static void open() {
        kafka = new KafkaCompanion(LocalInfraTestResource.kafkaBootstrapServers());
        fake = FakeConfigServiceAndWebhook.open();
    }

    @AfterAll
    static void close() {
        fake.close();
        kafka.close();
    }

    /** Later test classes read the topic from its beginning: leave nothing set. */
    @AfterEach
    void unset() {
        touched.forEach(key -> publish(key, null, false));
        touched.clear();
    }

    @Test
    void outcomesArePostedSignedAndAUrlChangeTakesEffectWithoutRestart() {
        String signingKey = "whsec-" + UUID.randomUUID();
        fake.secrets.put(ExecutorSettings.SIGNING_SECRET, signingKey);
        publish(ExecutorSettings.SIGNING_SECRET, "******", true);
        publish(ExecutorSettings.WEBHOOK_URL, fake.hook("first"), false);
        await().atMost(WAIT).until(() -> signingKey.equals(settings.signingSecret()));
        assertTrue(fake.secretReads.contains("/api/config/service/executor-service/"
                + ExecutorSettings.SIGNING_SECRET), "read from config-service with the service token");

        String target = "live/unregistered-" + UUID.randomUUID().toString().substring(0, 8);
        String first = decide(target, 3);
        FakeConfigServiceAndWebhook.Received delivery = awaitDelivery("/hooks/first", first);
        assertTrue(WebhookSignature.verify(signingKey, delivery.header(WebhookSignature.TIMESTAMP_HEADER),
                delivery.header(WebhookSignature.SIGNATURE_HEADER), delivery.body(), Instant.now(),
                Duration.ofMinutes(5)), "signature " + delivery.header(WebhookSignature.SIGNATURE_HEADER));
        assertFalse(WebhookSignature.verify("another-key", delivery.header(WebhookSignature.TIMESTAMP_HEADER),
                delivery.header(WebhookSignature.SIGNATURE_HEADER), delivery.body(), Instant.now(),
                Duration.ofMinutes(5)));
        assertEquals(first, delivery.header(WebhookSignature.DELIVERY_HEADER));
        ScalingEvent event = ContractCodec.decode(delivery.body(), ScalingEvent.class);
        assertEquals(ScalingEvent.Status.SUCCEEDED, event.status());
        assertEquals(3, event.replicasAfter());

        publish(ExecutorSettings.WEBHOOK_URL, fake.hook("second"), false);
        String second = decide(target, 5);
        awaitDelivery("/hooks/second", second);
        assertTrue(fake.received.stream().noneMatch(r -> r.path().equals("/hooks/first")
                && second.equals(r.header(WebhookSignature.DELIVERY_HEADER))), "the old URL got nothing");
        assertTrue(metrics.notifications(WebhookNotifier.Outcome.DELIVERED) >= 2);
    }

    @Test
    void driverSettingsChangeLiveAndAnInvalidOneIsRefused() {
        assertEquals("dry-run", drivers.defaultDriver());
        publish(ExecutorSettings.DEFAULT_DRIVER, "process", false);
        assertEquals("process", drivers.defaultDriver());

        publish(ExecutorSettings.DEFAULT_DRIVER, "warp-drive", false);
        assertEquals("process", drivers.defaultDriver(), "an unknown driver is refused; the last good one stays");

        publish(ExecutorSettings.PROCESS_MAX_REPLICAS, "2", false);
        publish(ExecutorSettings.PROCESS_STOP_GRACE, "750ms", false);
        assertEquals(2, settings.processMaxReplicas());
        assertEquals(Duration.ofMillis(750), settings.processStopGrace());

        publish(ExecutorSettings.DEFAULT_DRIVER, null, false);
        assertEquals("dry-run", drivers.defaultDriver(), "deleted: back to tideflow.executor.default-driver");
    }

    @Test
    void theLoggingCoreLevelFollowsTheConfiguration() {
        Level start = logger.level();
        publish("logging.level", "WARN", false);
        assertEquals(Level.WARN, logger.level());
        assertFalse(logger.isEnabled(Level.INFO));

        publish("logging.scale.stable-windows", "9", false);
        await().atMost(WAIT).until(() -> logger.thresholds().stableWindows() == 9);

        publish("logging.level", null, false);
        assertEquals(start, logger.level(), "deleted: back to the level the service started with");
    }

    /** Publishes the next revision of a service-scoped setting (null deletes it) and waits until it is applied. */
    private void publish(String key, String value, boolean secret) {
        touched.add(key);
        long revision = liveConfig.revision() + 1;
        ConfigChange change = new ConfigChange(Contract.VERSION, revision, EXECUTOR, key, value, value == null,
                secret, Instant.now(), "test");
        kafka.produceStrings().fromRecords(new ProducerRecord<>(Topics.CONFIG, change.recordKey(),
                ContractCodec.encode(change))).awaitCompletion();
        await().atMost(WAIT).until(() -> liveConfig.revision() >= revision);
    }

    private String decide(String target, int desired) {
        String decisionId = Decisions.newId();
        kafka.produceStrings().fromRecords(new ProducerRecord<>(Topics.DECISIONS, target,
                Decisions.json(decisionId, target, 0, desired, false))).awaitCompletion();
        return decisionId;
    }

    private static FakeConfigServiceAndWebhook.Received awaitDelivery(String path, String decisionId) {
        return await().atMost(WAIT).until(() -> fake.received.stream()
                .filter(r -> r.path().equals(path) && decisionId.equals(r.header(WebhookSignature.DELIVERY_HEADER)))
                .findFirst().orElse(null), Objects::nonNull);
    }
}
