package dev.tideflow.policy.messaging;

import dev.tideflow.contracts.ScalingDecision;
import dev.tideflow.contracts.Topics;
import dev.tideflow.infra.testing.LocalInfraTestResource;
import dev.tideflow.infra.testing.TestTokens;
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
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two threshold policies of one target, on cpu and rps: a scale-down of one waits for the other. A third, dry-run
 * policy on queue takes no part.
 */
@QuarkusTest
@QuarkusTestResource(LocalInfraTestResource.class)
class PolicyArbitrationFlowTest extends FlowTest {

    @Inject
    MeterRegistry registry;

    @Test
    void aScaleDownWaitsWhileAnotherPolicyCurrentlyRecommendsMore() {
        String target = uniqueTarget("arbiter");
        String cpuPolicy = target.replace('/', '-') + "-cpu";
        String rpsPolicy = target.replace('/', '-') + "-rps";
        String cpuId = createPolicy(threshold(cpuPolicy, target, "cpu", 80, 30));
        String rpsId = createPolicy(threshold(rpsPolicy, target, "rps", 100, 10));
        String queueId = createPolicy("""
                {"name": "%s-queue", "target": "%s", "metric": "queue", "dryRun": true, "minReplicas": 1,
                 "maxReplicas": 10, "rule": {"type": "threshold", "scaleUpThreshold": 100, "scaleDownThreshold": 10}}"""
                .formatted(target.replace('/', '-'), target));
        kafka.observe(target, 4);
        Instant base = windowStart(0);

        try (ConsumerTask<String, String> decisions = kafka.followDecisions(target)) {
            // rps inside its band: its policy recommends the current 4.
            kafka.produce(Topics.METRIC_WINDOWS, target, window(target, "rps", base, 50, 500));
            await().atMost(PATIENCE).until(() -> reasonOf(target, rpsId) != null);

            // cpu wants 3, but the rps policy's fresh recommendation is 4: held, no decision.
            double held = skipped(registry, "held-by-policy");
            kafka.produce(Topics.METRIC_WINDOWS, target, window(target, "cpu", base, 10, 100));
            await().atMost(PATIENCE).until(() -> skipped(registry, "held-by-policy") > held);
            String reason = reasonOf(target, cpuId);
            assertTrue(reason.contains("; held by policy " + rpsPolicy + " recommends 4 replicas (evaluated over "
                    + "the window ending " + base.plusSeconds(10) + "), so the scale-down is held at 4 replicas"),
                    reason);
            assertEquals(List.of(), loggedDecisions(target));

            // 40 s on, the rps policy's recommendation is stale (over 3 of its 10 s windows): cpu scales down. The
            // dry-run policy on queue recommends the current 4 too, but a dry run holds nothing.
            kafka.produce(Topics.METRIC_WINDOWS, target, window(target, "queue", base.plusSeconds(40), 50, 500));
            await().atMost(PATIENCE).until(() -> reasonOf(target, queueId) != null);
            kafka.produce(Topics.METRIC_WINDOWS, target, window(target, "cpu", base.plusSeconds(40), 10, 100));
            ScalingDecision down = decode(decisions.awaitRecords(1, PATIENCE).getFirstRecord());
            assertEquals(cpuId, down.policyId());
            assertEquals(4, down.currentReplicas());
            assertEquals(3, down.desiredReplicas());

            // Now rps wants 2, but the cpu policy's fresh recommendation is 3, the current count: held the other way.
            double heldAgain = skipped(registry, "held-by-policy");
            kafka.produce(Topics.METRIC_WINDOWS, target, window(target, "rps", base.plusSeconds(50), 5, 50));
            await().atMost(PATIENCE).until(() -> skipped(registry, "held-by-policy") > heldAgain);

            // cpu asks for 2 as well: the rps policy's recommendation is no longer higher, so the count goes down.
            kafka.produce(Topics.METRIC_WINDOWS, target, window(target, "cpu", base.plusSeconds(50), 10, 100));
            ScalingDecision second = decode(decisions.awaitRecords(2, PATIENCE).getRecords().get(1));
            assertEquals(cpuId, second.policyId());
            assertEquals(3, second.currentReplicas());
            assertEquals(2, second.desiredReplicas());
        }
    }

    private static String threshold(String name, String target, String metric, double up, double down) {
        return """
                {"name": "%s", "target": "%s", "metric": "%s", "cooldownSeconds": 0, "minReplicas": 1,
                 "maxReplicas": 10, "rule": {"type": "threshold", "scaleUpThreshold": %s, "scaleDownThreshold": %s}}"""
                .formatted(name, target, metric, up, down);
    }

    /** The latest evaluation's reason of the policy {@code policyId}; null before it evaluated a window. */
    private static String reasonOf(String target, String policyId) {
        return given().auth().oauth2(TestTokens.withRoles("viewer"))
                .queryParam("target", target)
                .when().get("/api/autoscaling/recommendations")
                .then().statusCode(200)
                .extract().path("find { it.policyId == '%s' }.reason".formatted(policyId));
    }
}
