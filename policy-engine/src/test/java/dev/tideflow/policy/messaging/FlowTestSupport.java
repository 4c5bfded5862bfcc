package dev.tideflow.policy.messaging;

import dev.tideflow.configclient.LiveConfig;
import dev.tideflow.contracts.ConfigChange;
import dev.tideflow.contracts.ConfigScope;
import dev.tideflow.contracts.Contract;
import dev.tideflow.contracts.ContractCodec;
import dev.tideflow.contracts.MetricWindow;
import dev.tideflow.contracts.ReplicaObservation;
import dev.tideflow.contracts.ScalingDecision;
import dev.tideflow.contracts.Topics;
import dev.tideflow.infra.testing.LocalInfraTestResource;
import dev.tideflow.infra.testing.TestTokens;
import dev.tideflow.policy.rest.DecisionView;
import dev.tideflow.policy.service.PolicyMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** Producing to and reading from the shared broker, filtered to one test's target. */
final class FlowTestSupport implements AutoCloseable {

    private final KafkaCompanion kafka = new KafkaCompanion(LocalInfraTestResource.kafkaBootstrapServers());

    static String uniqueTarget(String namespace) {
        return namespace + "/app-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Windows of a test start here and follow each other every 10 s. */
    static Instant windowStart(int index) {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(600).plusSeconds(10L * index);
    }

    static MetricWindow window(String target, Instant start, double avg) {
        return new MetricWindow(Contract.VERSION, target, "cpu", start, start.plusSeconds(10), 10L, avg, avg, avg,
                avg * 10);
    }

    /** A window of {@code metric} whose avg, min and max are {@code avg} and whose sum is {@code sum}. */
    static MetricWindow window(String target, String metric, Instant start, double avg, double sum) {
        return new MetricWindow(Contract.VERSION, target, metric, start, start.plusSeconds(10), 10L, avg, avg, avg,
                sum);
    }

    /** Creates a policy from its JSON and returns its id. */
    static String createPolicy(String json) {
        return given().auth().oauth2(TestTokens.withRoles("admin"))
                .contentType(ContentType.JSON)
                .body(json)
                .when().post("/api/policies")
                .then().statusCode(201)
                .extract().path("id");
    }

    static String createPolicy(String target, int cooldownSeconds, boolean dryRun) {
        return given().auth().oauth2(TestTokens.withRoles("admin"))
                .contentType(ContentType.JSON)
                .body("""
                        {"name": "%s", "target": "%s", "metric": "cpu",
                         "rule": {"type": "threshold", "scaleUpThreshold": 80, "scaleDownThreshold": 30},
                         "minReplicas": 1, "maxReplicas": 5, "cooldownSeconds": %d, "dryRun": %s}"""
                        .formatted(target.replace('/', '-'), target, cooldownSeconds, dryRun))
                .when().post("/api/policies")
                .then().statusCode(201)
                .extract().path("id");
    }

    static List<ScalingDecision> loggedDecisions(String target) {
        return Arrays.stream(given().auth().oauth2(TestTokens.withRoles("viewer"))
                .queryParam("target", target)
                .when().get("/api/decisions")
                .then().statusCode(200)
                .extract().as(DecisionView[].class)).map(DecisionView::toDecision).toList();
    }

    static double count(MeterRegistry registry, String name, String reason) {
        Counter counter = reason == null ? registry.find(name).counter()
                : registry.find(name).tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    static double skipped(MeterRegistry registry, String reason) {
        return count(registry, PolicyMetrics.EVALUATIONS_SKIPPED, reason);
    }

    /** The replica count the engine has stored for {@code target} from tideflow.replicas; null if none. */
    static Integer observedReplicas(String target) throws SQLException {
        Config config = ConfigProvider.getConfig();
        try (Connection db = DriverManager.getConnection(LocalInfraTestResource.jdbcUrl(),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
                PreparedStatement query = db.prepareStatement(
                        "select observed_replicas from policy.target_state where target = ?")) {
            query.setString(1, target);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? (Integer) row.getObject(1) : null;
            }
        }
    }

    /** How many times the engine has stored the executor's event for {@code decisionId}. */
    static int recordedScaleEvents(String decisionId) throws SQLException {
        Config config = ConfigProvider.getConfig();
        try (Connection db = DriverManager.getConnection(LocalInfraTestResource.jdbcUrl(),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
                PreparedStatement query = db.prepareStatement(
                        "select count(*) from policy.scale_event where decision_id = ?")) {
            query.setString(1, decisionId);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    /** Publishes a global setting (null deletes it) as config-service would and waits until it is applied. */
    void setLive(LiveConfig liveConfig, String key, String value) {
        // The next revision, as config-service would assign it: a skipped one would make the client resync.
        long revision = liveConfig.revision() + 1;
        ConfigChange change = new ConfigChange(Contract.VERSION, revision, ConfigScope.GLOBAL, key, value,
                value == null, false, Instant.now(), "test");
        produce(Topics.CONFIG, change.recordKey(), change);
        await().atMost(Duration.ofSeconds(20)).until(() -> Objects.equals(liveConfig.get(key).orElse(null), value));
    }

    /** Reports {@code replicas} for {@code target} as the executor would and waits until the engine stored it. */
    void observe(String target, int replicas) {
        produce(Topics.REPLICAS, target, ReplicaObservation.of(target, "test", replicas, Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() -> Objects.equals(observedReplicas(target), replicas));
    }

    void produce(String topic, String key, Contract message) {
        produceRaw(topic, key, ContractCodec.encode(message));
    }

    void produceRaw(String topic, String key, String value) {
        kafka.produceStrings().fromRecords(new ProducerRecord<>(topic, key, value)).awaitCompletion();
    }

    /** Every record with {@code key} on {@code topic}, from the beginning, as it arrives. */
    ConsumerTask<String, String> follow(String topic, String key) {
        return kafka.consumeStrings()
                .withGroupId("test-" + UUID.randomUUID())
                .withOffsetReset(OffsetResetStrategy.EARLIEST)
                .fromTopics(topic, records -> records.filter(r -> key.equals(r.key())));
    }

    ConsumerTask<String, String> followDecisions(String target) {
        return follow(Topics.DECISIONS, target);
    }

    static ScalingDecision decode(ConsumerRecord<String, String> record) {
        return ContractCodec.decode(record.value(), ScalingDecision.class);
    }

    static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        kafka.close();
    }
}
