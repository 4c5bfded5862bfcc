package dev.tideflow.policy.messaging;

import dev.tideflow.configclient.LiveConfig;
import dev.tideflow.contracts.ScalingDecision;
import dev.tideflow.contracts.Topics;
import dev.tideflow.infra.testing.LocalInfraTestResource;
import dev.tideflow.infra.testing.TestTokens;
import dev.tideflow.policy.service.GlobalReplicaCap;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static dev.tideflow.policy.messaging.FlowTestSupport.createPolicy;
import static dev.tideflow.policy.messaging.FlowTestSupport.decode;
import static dev.tideflow.policy.messaging.FlowTestSupport.loggedDecisions;
import static dev.tideflow.policy.messaging.FlowTestSupport.skipped;
import static dev.tideflow.policy.messaging.FlowTestSupport.uniqueTarget;
import static dev.tideflow.policy.messaging.FlowTestSupport.window;
import static dev.tideflow.policy.messaging.FlowTestSupport.windowStart;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** targetTracking policies and threshold evaluation periods, through Kafka and PostgreSQL. */
@QuarkusTest
@QuarkusTestResource(LocalInfraTestResource.class)
class TargetTrackingFlowTest extends FlowTest {

    @Inject
    MeterRegistry registry;

    @Inject
    LiveConfig liveConfig;

    @Test
    void windowsBecomeDecisionsWithHpaNumbersWithinTheScaleUpRate() {
        String target = uniqueTarget("tracking");
        Instant base = windowStart(0);
        createPolicy("""
                {"name": "%s", "target": "%s",
                 "rule": {"type": "targetTracking", "metrics": [
                     {"name": "rps", "target": {"type": "AverageValue", "averageValue": 10}},
                     {"name": "queue", "target": {"type": "Value", "value": 100}}]},
                 "behavior": {"scaleUp": {"stabilizationWindowSeconds": 0,
                                          "policies": [{"type": "Pods", "value": 2, "periodSeconds": 60}]}},
                 "minReplicas": 1, "maxReplicas": 20}""".formatted(target.replace('/', '-'), target));
        kafka.observe(target, 2);

        try (ConsumerTask<String, String> decisions = kafka.followDecisions(target)) {
            // rps avg 40 per replica on 2 replicas: ceil(80 / 10) = 8, but +2 pods per 60 s allows 4.
            kafka.produce(Topics.METRIC_WINDOWS, target, window(target, "rps", base, 40, 400));
            ScalingDecision first = decode(decisions.awaitRecords(1, PATIENCE).getFirstRecord());
            assertEquals(2, first.currentReplicas());
            assertEquals(4, first.desiredReplicas());
            assertEquals("rps", first.metric());
            assertTrue(first.reason().contains("rps avg 40 vs AverageValue 10, ratio 4 → 8"), first.reason());
            assertTrue(first.reason().contains("queue vs Value 100: no proposal (no window received yet)"),
                    first.reason());
            assertTrue(first.reason().contains("decided by ScaleUpLimit"), first.reason());

            given().auth().oauth2(TestTokens.withRoles("viewer"))
                    .when().get("/api/autoscaling/decisions/" + first.decisionId())
                    .then().statusCode(200)
                    .body("priority", equalTo("normal"))
                    .body("explanation.rule", equalTo("targetTracking"))
                    .body("explanation.recommendation", equalTo(8))
                    .body("explanation.limitedBy", equalTo("ScaleUpLimit"))
                    .body("explanation.decidedBy", equalTo("ScaleUpLimit"))
                    .body("explanation.metrics.name", contains("rps", "queue"))
                    .body("explanation.metrics[0].value", equalTo(40.0f))
                    .body("explanation.metrics[0].target", equalTo(10.0f))
                    .body("explanation.metrics[0].ratio", equalTo(4.0f))
                    .body("explanation.metrics[0].proposal", equalTo(8))
                    .body("explanation.metrics[1].proposal", nullValue());

            // 10 s later the 2 pods added within the 60 s period still count: the limit stays at 4.
            double noChange = skipped(registry, "no-change");
            kafka.produce(Topics.METRIC_WINDOWS, target, window(target, "rps", base.plusSeconds(10), 20, 200));
            await().atMost(PATIENCE).until(() -> skipped(registry, "no-change") > noChange);
            // 70 s after the first change the period has passed: from 4, +2 → 6 (the metric asks for 8).
            kafka.produce(Topics.METRIC_WINDOWS, target, window(target, "rps", base.plusSeconds(70), 20, 200));

            List<ScalingDecision> published = decisions.awaitRecords(2, PATIENCE).stream()
                    .map(FlowTestSupport::decode).toList();
            assertEquals(4, published.get(1).currentReplicas());
            assertEquals(6, published.get(1).desiredReplicas());
            assertEquals(2, loggedDecisions(target).size());
        }
    }

    @Test
    void theLargestValidProposalWinsAndAStaleMetricHoldsAScaleDown() {
        String target = uniqueTarget("multi");
        Instant base = windowStart(0);
        createPolicy("""
                {"name": "%s", "target": "%s",
                 "rule": {"type": "targetTracking", "metrics": [
                     {"name": "cpu", "target": {"type": "Utilization", "averageUtilization": 50}},
                     {"name": "queue", "target": {"type": "Value", "value": 100}}]},
                 "behavior": {"scaleDown": {"stabilizationWindowSeconds": 0}},
                 "minReplicas": 1, "maxReplicas": 30}""".formatted(target.replace('/', '-'), target));
        kafka.observe(target, 4);

        try (ConsumerTask<String, String> decisions = kafka.followDecisions(target)) {
            // queue 300 vs 100: ceil(3 × 4) = 12, HPA's default scale-up allows max(4 × 2, 4 + 4) = 8.
            kafka.produce(Topics.METRIC_WINDOWS, target, window(target, "queue", base, 30, 300));
            ScalingDecision first = decode(decisions.awaitRecords(1, PATIENCE).getFirstRecord());
            assertEquals(8, first.desiredReplicas());

            // 50 s on, cpu at 25 % asks for 4, but queue's window is stale: no scale-down on partial data.
            double noChange = skipped(registry, "no-change");
            kafka.produce(Topics.METRIC_WINDOWS, target, window(target, "cpu", base.plusSeconds(50), 25, 250));
            await().atMost(PATIENCE).until(() -> skipped(registry, "no-change") > noChange);
            given().auth().oauth2(TestTokens.withRoles("viewer"))
                    .queryParam("target", target)
                    .when().get("/api/autoscaling/recommendations")
                    .then().statusCode(200)
                    .body("service", contains(target))
                    .body("currentReplicas", contains(8))
                    .body("recommendedReplicas", contains(8))
                    .body("confidence", contains(0.5f))
                    .body("priority", contains("normal"))
                    .body("reason[0]", containsString("queue vs Value 100: no proposal (stale: its latest window "
                            + "ended 50 s before this one"))
                    .body("reason[0]", containsString("decided by unreadable metric"));

            // queue again, 200 vs 100 on 8 replicas: 16 beats cpu's 4.
            kafka.produce(Topics.METRIC_WINDOWS, target, window(target, "queue", base.plusSeconds(50), 20, 200));
            List<ScalingDecision> published = decisions.awaitRecords(2, PATIENCE).stream()
                    .map(FlowTestSupport::decode).toList();
            assertEquals(8, published.get(1).currentReplicas());
            assertEquals(16, published.get(1).desiredReplicas());
            assertEquals("queue", published.get(1).metric());
            assertEquals(200.0, published.get(1).metricValue());
        }
    }

    @Test
    void aThresholdPolicyActsAfterItsEvaluationPeriodsAndMarksABurstAsHighPriority() {
        String target = uniqueTarget("periods");
        Instant base = windowStart(0);
        createPolicy("""
                {"name": "%s", "target": "%s", "metric": "cpu",
                 "rule": {"type": "threshold", "scaleUpThreshold": 80, "scaleDownThreshold": 30},
                 "minReplicas": 1, "maxReplicas": 5, "cooldownSeconds": 0, "evaluationPeriods": 2}"""
                .formatted(target.replace('/', '-'), target));

        try (ConsumerTask<String, String> decisions = kafka.followDecisions(target)) {
            double[] usual = {50, 52, 48, 51, 49, 50, 53, 47};
            for (int i = 0; i < usual.length; i++) {
                kafka.produce(Topics.METRIC_WINDOWS, target, window(target, base.plusSeconds(10L * i), usual[i]));
            }
            double pending = skipped(registry, "evaluation-periods");
            kafka.produce(Topics.METRIC_WINDOWS, target, window(target, base.plusSeconds(80), 95));
            await().atMost(PATIENCE).until(() -> skipped(registry, "evaluation-periods") > pending);
            assertEquals(0, decisions.count());

            kafka.produce(Topics.METRIC_WINDOWS, target, window(target, base.plusSeconds(90), 96));
            ScalingDecision decision = decode(decisions.awaitRecords(1, PATIENCE).getFirstRecord());
            assertEquals(2, decision.desiredReplicas());
            assertTrue(decision.reason().contains("[priority high: cpu avg burst: 96 against a median of 50"),
                    decision.reason());
            given().auth().oauth2(TestTokens.withRoles("viewer"))
                    .when().get("/api/decisions/" + decision.decisionId())
                    .then().statusCode(200)
                    .body("priority", equalTo("high"))
                    .body("explanation.consecutiveBreaches", equalTo(2))
                    .body("explanation.evaluationPeriods", equalTo(2))
                    .body("explanation.decidedBy", equalTo("rule threshold"))
                    .body("explanation.burst[0]", startsWith("cpu avg burst: 96"));
            given().auth().oauth2(TestTokens.withRoles("viewer"))
                    .queryParam("target", target)
                    .when().get("/api/decisions")
                    .then().statusCode(200)
                    .body("priority", contains("high"));
        }
    }

    @Test
    void theLiveGlobalCapFromConfigServiceLimitsTheDecision() {
        String target = uniqueTarget("capped");
        Instant base = windowStart(0);
        createPolicy("""
                {"name": "%s", "target": "%s",
                 "rule": {"type": "targetTracking", "metrics": [
                     {"name": "rps", "target": {"type": "AverageValue", "averageValue": 10}}]},
                 "minReplicas": 1, "maxReplicas": 20}""".formatted(target.replace('/', '-'), target));
        kafka.observe(target, 2);
        kafka.setLive(liveConfig, GlobalReplicaCap.LIVE_KEY, "3");
        try (ConsumerTask<String, String> decisions = kafka.followDecisions(target)) {
            // ceil(40 × 2 / 10) = 8, the scale-up rate allows 6, the live cap 3.
            kafka.produce(Topics.METRIC_WINDOWS, target, window(target, "rps", base, 40, 400));
            ScalingDecision decision = decode(decisions.awaitRecords(1, PATIENCE).getFirstRecord());
            assertEquals(3, decision.desiredReplicas());
            assertTrue(decision.reason().contains("decided by GlobalCap: the desired replica count is more than the "
                    + "global cap of 3 replicas"), decision.reason());
        } finally {
            kafka.setLive(liveConfig, GlobalReplicaCap.LIVE_KEY, null);
        }
    }
}
