package dev.tideflow.policy.messaging;

import dev.tideflow.contracts.ResourceRequests;
import dev.tideflow.contracts.ScalingDecision;
import dev.tideflow.contracts.Topics;
import dev.tideflow.infra.testing.LocalInfraTestResource;
import dev.tideflow.infra.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.tideflow.policy.messaging.FlowTestSupport.createPolicy;
import static dev.tideflow.policy.messaging.FlowTestSupport.decode;
import static dev.tideflow.policy.messaging.FlowTestSupport.uniqueTarget;
import static dev.tideflow.policy.messaging.FlowTestSupport.window;
import static dev.tideflow.policy.messaging.FlowTestSupport.windowStart;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(LocalInfraTestResource.class)
class VerticalFlowTest extends FlowTest {
    @Test
    void mixedModePublishesALargerRequestAndKeepsTheReplicas() {
        String target = uniqueTarget("vertical");
        String policyId = createPolicy(policy(target, 250, 1000));
        kafka.observe(target, 2);

        try (ConsumerTask<String, String> decisions = kafka.followDecisions(target)) {
            // cpu at 96 % against a 60 % target: HPA alone would go to 4 replicas.
            kafka.produce(Topics.METRIC_WINDOWS, target, window(target, windowStart(0), 96.0));

            ScalingDecision decision = decode(decisions.awaitRecords(1, PATIENCE).getFirstRecord());
            assertEquals(2, decision.currentReplicas(), decision.reason());
            assertEquals(2, decision.desiredReplicas(), decision.reason());
            assertEquals(new ResourceRequests(500, null), decision.resources(), decision.reason());
            assertTrue(decision.reason().contains("cpu 250m (no request read, assumed the minimum) → 500m"),
                    decision.reason());
            assertEquals(policyId, decision.policyId());
            // The logged decision reads back with the same requests, so a republished one sends them again.
            given().auth().oauth2(TestTokens.withRoles("viewer"))
                    .when().get("/api/autoscaling/decisions/" + decision.decisionId())
                    .then().statusCode(200)
                    .body("resources.cpuMillis", equalTo(500))
                    .body("resources.memoryMiB", nullValue())
                    .body("explanation.vertical.holdReplicas", equalTo(true));
        }
    }

    @Test
    void aLoadAtTheTargetPublishesNothing() {
        String target = uniqueTarget("vertical");
        String policyId = createPolicy(policy(target, 250, 1000));
        kafka.observe(target, 2);

        // cpu exactly at its 60 % target: neither the count nor the request has a reason to move.
        kafka.produce(Topics.METRIC_WINDOWS, target, window(target, windowStart(0), 60.0));

        await().atMost(PATIENCE).until(() -> !reasonOf(policyId).isEmpty());
        assertTrue(FlowTestSupport.loggedDecisions(target).isEmpty(), reasonOf(policyId));
    }

    @Test
    void mixedModeScalesOutOnceTheRequestIsAtItsMaximum() {
        String target = uniqueTarget("vertical");
        createPolicy(policy(target, 1000, 1000));
        kafka.observe(target, 2);

        try (ConsumerTask<String, String> decisions = kafka.followDecisions(target)) {
            kafka.produce(Topics.METRIC_WINDOWS, target, window(target, windowStart(0), 96.0));

            ScalingDecision decision = decode(decisions.awaitRecords(1, PATIENCE).getFirstRecord());
            assertEquals(4, decision.desiredReplicas(), decision.reason());
            given().auth().oauth2(TestTokens.withRoles("viewer"))
                    .when().get("/api/autoscaling/decisions/" + decision.decisionId())
                    .then().statusCode(200)
                    .body("explanation.vertical.mode", equalTo("mixed"))
                    .body("explanation.vertical.holdReplicas", equalTo(false))
                    .body("explanation.vertical.resources[0].resource", equalTo("cpu"))
                    .body("explanation.vertical.resources[0].recommended", equalTo(1000))
                    .body("explanation.vertical.resources[0].atBound", equalTo(true));
        }
    }

    private static String policy(String target, int min, int max) {
        return """
                {"name": "%s", "target": "%s", "minReplicas": 1, "maxReplicas": 10, "scalingMode": "mixed",
                 "rule": {"type": "targetTracking", "metrics": [
                     {"name": "cpu", "target": {"type": "Utilization", "averageUtilization": 60}}]},
                 "behavior": {"scaleUp": {"policies": [{"type": "Pods", "value": 100, "periodSeconds": 15}]}},
                 "vertical": {"cpu": {"min": %d, "max": %d, "step": 250}}}"""
                .formatted(target.replace('/', '-'), target, min, max);
    }

    private static String reasonOf(String policyId) {
        List<String> reasons = given().auth().oauth2(TestTokens.withRoles("viewer"))
                .when().get("/api/autoscaling/recommendations")
                .then().statusCode(200)
                .extract().jsonPath().getList("findAll { it.policyId == '" + policyId + "' }.reason", String.class);
        return reasons.isEmpty() || reasons.get(0) == null ? "" : reasons.get(0);
    }
}
