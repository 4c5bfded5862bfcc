package dev.tideflow.policy.messaging;

import dev.tideflow.contracts.ScalingDecision;
import dev.tideflow.contracts.Topics;
import dev.tideflow.infra.testing.LocalInfraTestResource;
import dev.tideflow.infra.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static dev.tideflow.policy.messaging.FlowTestSupport.createPolicy;
import static dev.tideflow.policy.messaging.FlowTestSupport.decode;
import static dev.tideflow.policy.messaging.FlowTestSupport.loggedDecisions;
import static dev.tideflow.policy.messaging.FlowTestSupport.uniqueTarget;
import static dev.tideflow.policy.messaging.FlowTestSupport.window;
import static dev.tideflow.policy.messaging.FlowTestSupport.windowStart;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A thresholds policy over cpu and memory, fed windows of both through the broker. */
@QuarkusTest
@QuarkusTestResource(LocalInfraTestResource.class)
class ThresholdsFlowTest extends FlowTest {
    @Test
    void theLargestProposalWinsAndAnUnreadableMetricHoldsAScaleDown() {
        String target = uniqueTarget("thresholds");
        createPolicy("""
                {"name": "%s", "target": "%s", "cooldownSeconds": 0, "minReplicas": 1, "maxReplicas": 10,
                 "rule": {"type": "thresholds", "thresholds": [
                     {"metric": "cpu", "scaleUpThreshold": 80, "scaleDownThreshold": 30},
                     {"metric": "memory", "aggregation": "max", "scaleUpThreshold": 85, "scaleDownThreshold": 40}]}}"""
                .formatted(target.replace('/', '-'), target));
        kafka.observe(target, 3);
        Instant base = windowStart(0);

        try (ConsumerTask<String, String> decisions = kafka.followDecisions(target)) {
            // memory says down, but cpu has sent no window yet: no scale-down on partial data.
            kafka.produce(Topics.METRIC_WINDOWS, target, window(target, "memory", base, 20, 200));
            awaitReason(target, base.plusSeconds(10), "cpu avg: no proposal (no window received yet); "
                    + "memory max 20 < scale-down threshold 40 → 2; max 2 would scale down while a metric cannot be "
                    + "read, the count is kept");

            // cpu says up, memory (still fresh) says down: the largest proposal wins.
            kafka.produce(Topics.METRIC_WINDOWS, target, window(target, "cpu", base, 90, 900));
            ScalingDecision up = decode(decisions.awaitRecords(1, PATIENCE).getFirstRecord());
            assertEquals(3, up.currentReplicas());
            assertEquals(4, up.desiredReplicas());
            assertEquals("cpu", up.metric());
            assertTrue(up.reason().startsWith("thresholds: cpu avg 90 > scale-up threshold 80 → 4; memory max 20 "
                    + "< scale-down threshold 40 → 2; max 4 (cpu) over window ending "), up.reason());
            given().auth().oauth2(TestTokens.withRoles("viewer"))
                    .when().get("/api/autoscaling/decisions/" + up.decisionId())
                    .then().statusCode(200)
                    .body("explanation.rule", equalTo("thresholds"))
                    .body("explanation.decidedBy", equalTo("max of thresholds: cpu"))
                    .body("explanation.recommendation", equalTo(4))
                    .body("explanation.metrics.name", contains("cpu", "memory"))
                    .body("explanation.metrics.aggregate", contains("avg", "max"))
                    .body("explanation.metrics.comparison", contains("greater_than", "greater_than"))
                    .body("explanation.metrics.condition", contains("> scale-up threshold 80",
                            "< scale-down threshold 40"))
                    .body("explanation.metrics.proposal", contains(4, 2))
                    .body("explanation.metrics.valid", contains(true, true));

            // Both say down: the count goes down.
            kafka.produce(Topics.METRIC_WINDOWS, target, window(target, "cpu", base.plusSeconds(10), 10, 100));
            ScalingDecision down = decode(decisions.awaitRecords(2, PATIENCE).getRecords().get(1));
            assertEquals(4, down.currentReplicas());
            assertEquals(3, down.desiredReplicas());

            // memory says down again 40 s on, but cpu's latest window is now stale (over 3 windows old): held.
            Instant late = base.plusSeconds(50);
            kafka.produce(Topics.METRIC_WINDOWS, target, window(target, "memory", late, 20, 200));
            awaitReason(target, late.plusSeconds(10), "cpu avg: no proposal (stale: its latest window ended 40 s "
                    + "before this one, more than 3 windows of 10 s)");
            assertEquals(2, loggedDecisions(target).size());
        }
    }

    /** Waits until the policy of {@code target} has evaluated the window ending {@code end} and says {@code text}. */
    private static void awaitReason(String target, Instant end, String text) {
        await().atMost(PATIENCE).untilAsserted(() -> {
            String reason = given().auth().oauth2(TestTokens.withRoles("viewer"))
                    .queryParam("target", target)
                    .when().get("/api/autoscaling/recommendations")
                    .then().statusCode(200)
                    .body("evaluatedAt[0]", equalTo(end.toString()))
                    .extract().path("reason[0]");
            assertTrue(reason.contains(text), reason);
        });
    }
}
