package dev.tideflow.policy.messaging;

import dev.tideflow.contracts.ContractCodec;
import dev.tideflow.contracts.EventTypes;
import dev.tideflow.contracts.MetricWindow;
import dev.tideflow.contracts.ReplicaObservation;
import dev.tideflow.contracts.ScalingDecision;
import dev.tideflow.contracts.Topics;
import dev.tideflow.infra.testing.LocalInfraTestResource;
import dev.tideflow.infra.testing.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import static dev.tideflow.policy.messaging.FlowTestSupport.createPolicy;
import static dev.tideflow.policy.messaging.FlowTestSupport.decode;
import static dev.tideflow.policy.messaging.FlowTestSupport.header;
import static dev.tideflow.policy.messaging.FlowTestSupport.loggedDecisions;
import static dev.tideflow.policy.messaging.FlowTestSupport.skipped;
import static dev.tideflow.policy.messaging.FlowTestSupport.uniqueTarget;
import static dev.tideflow.policy.messaging.FlowTestSupport.window;
import static dev.tideflow.policy.messaging.FlowTestSupport.windowStart;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(LocalInfraTestResource.class)
class DecisionFlowTest extends FlowTest {

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "quarkus.datasource.username")
    String dbUser;

    @ConfigProperty(name = "quarkus.datasource.password")
    String dbPassword;

    @Test
    void aBreachingWindowScalesUpFromTheObservedCountThenCoolsDown() throws Exception {
        String target = uniqueTarget("flow");
        String policyId = createPolicy(target, 300, false);
        kafka.produce(Topics.REPLICAS, target, ReplicaObservation.of(target, "test", 2, Instant.now()));
        await().atMost(PATIENCE).until(() -> observedReplicas(target), equalTo(2));

        try (ConsumerTask<String, String> decisions = kafka.followDecisions(target)) {
            MetricWindow breach = window(target, windowStart(0), 91.2);
            kafka.produce(Topics.METRIC_WINDOWS, target, breach);

            ConsumerRecord<String, String> record = decisions.awaitRecords(1, PATIENCE).getFirstRecord();
            ScalingDecision decision = decode(record);
            assertEquals(target, record.key());
            assertEquals(2, decision.currentReplicas());
            assertEquals(3, decision.desiredReplicas());
            assertEquals(policyId, decision.policyId());
            assertEquals(false, decision.dryRun());
            assertTrue(decision.reason().startsWith("cpu avg 91.2 > scale-up threshold 80 over window "),
                    decision.reason());
            assertTrue(decision.reason().endsWith(": 2 → 3 replicas"), decision.reason());
            assertEquals(EventTypes.DECISION, header(record, "ce_type"));
            assertEquals(decision.decisionId(), header(record, "ce_id"));
            assertEquals("tideflow/policy-engine", header(record, "ce_source"));

            List<ScalingDecision> logged = loggedDecisions(target);
            assertEquals(List.of(decision.decisionId()), logged.stream().map(ScalingDecision::decisionId).toList());
            given().auth().oauth2(TestTokens.withRoles("viewer"))
                    .when().get("/api/decisions/" + decision.decisionId())
                    .then().statusCode(200)
                    .body("desiredReplicas", equalTo(3))
                    .body("reason", equalTo(decision.reason()));
            await("a structured record in the logging core's file").atMost(PATIENCE).ignoreExceptions()
                    .until(() -> java.nio.file.Files.readAllLines(
                                    java.nio.file.Path.of("target/tideflow-logs/policy-engine.log")).stream()
                            .anyMatch(line -> line.contains("decision published")
                                    && line.contains(decision.decisionId()) && line.contains("\"desiredReplicas\":3")));

            double cooldownSkips = skipped(registry, "cooldown");
            kafka.produce(Topics.METRIC_WINDOWS, target, window(target, windowStart(1), 95.0));
            await().atMost(PATIENCE).until(() -> skipped(registry, "cooldown") > cooldownSkips);

            assertEquals(1, loggedDecisions(target).size());
            assertEquals(1, decisions.count());
        }
    }

    @Test
    void theSameWindowTwiceIsDecidedOnceAndPublishedAgain() {
        String target = uniqueTarget("redelivery");
        createPolicy(target, 0, false);
        String window = ContractCodec.encode(window(target, windowStart(0), 99.0));

        try (ConsumerTask<String, String> decisions = kafka.followDecisions(target)) {
            kafka.produceRaw(Topics.METRIC_WINDOWS, target, window);
            kafka.produceRaw(Topics.METRIC_WINDOWS, target, window);

            List<ScalingDecision> published = decisions.awaitRecords(2, PATIENCE).stream()
                    .map(FlowTestSupport::decode).toList();
            assertEquals(published.get(0), published.get(1));
            ScalingDecision decision = published.get(0);
            assertEquals(1, decision.currentReplicas());
            assertEquals(2, decision.desiredReplicas());
            assertTrue(decision.reason().endsWith("(replica count not observed yet, assumed minReplicas 1)"),
                    decision.reason());
            assertEquals(List.of(decision), loggedDecisions(target));
        }
    }

    @Test
    void aDryRunPolicyPublishesDecisionsMarkedAsDryRun() {
        String target = uniqueTarget("dry");
        createPolicy(target, 60, true);

        try (ConsumerTask<String, String> decisions = kafka.followDecisions(target)) {
            kafka.produce(Topics.METRIC_WINDOWS, target, window(target, windowStart(0), 10.0));
            kafka.produce(Topics.METRIC_WINDOWS, target, window(target, windowStart(1), 90.0));

            ScalingDecision decision = decode(decisions.awaitRecords(1, PATIENCE).getFirstRecord());
            assertEquals(true, decision.dryRun());
            assertEquals(2, decision.desiredReplicas());
            assertEquals(true, loggedDecisions(target).get(0).dryRun());
        }
    }

    @Test
    void aMalformedWindowGoesToTheDeadLetterTopicWithTheReason() {
        String target = uniqueTarget("malformed");
        createPolicy(target, 0, false);

        try (ConsumerTask<String, String> deadLetters = kafka.follow(Topics.DEAD_LETTERS, target)) {
            kafka.produceRaw(Topics.METRIC_WINDOWS, target, "{\"v\": 1, \"target\": \"" + target + "\"}");

            ConsumerRecord<String, String> dead = deadLetters.awaitRecords(1, PATIENCE).getFirstRecord();
            String reason = header(dead, "dead-letter-reason");
            assertNotNull(reason);
            assertTrue(reason.contains("'metric' is required"), reason);
            assertEquals(Topics.METRIC_WINDOWS, header(dead, "dead-letter-topic"));
        }
        // The partition moves on: a good window for the same target is still evaluated.
        try (ConsumerTask<String, String> decisions = kafka.followDecisions(target)) {
            kafka.produce(Topics.METRIC_WINDOWS, target, window(target, windowStart(0), 85.0));
            assertEquals(2, decode(decisions.awaitRecords(1, PATIENCE).getFirstRecord()).desiredReplicas());
        }
    }

    private Integer observedReplicas(String target) throws SQLException {
        try (Connection db = DriverManager.getConnection(LocalInfraTestResource.jdbcUrl(), dbUser, dbPassword);
                PreparedStatement query = db.prepareStatement(
                        "select observed_replicas from policy.target_state where target = ?")) {
            query.setString(1, target);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? (Integer) row.getObject(1) : null;
            }
        }
    }
}
