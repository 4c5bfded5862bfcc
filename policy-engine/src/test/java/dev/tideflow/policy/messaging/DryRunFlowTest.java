package dev.tideflow.policy.messaging;

import dev.tideflow.configclient.LiveConfig;
import dev.tideflow.contracts.ScalingDecision;
import dev.tideflow.contracts.Topics;
import dev.tideflow.infra.testing.LocalInfraTestResource;
import dev.tideflow.infra.testing.TestTokens;
import dev.tideflow.policy.service.AutoscalingSwitch;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static dev.tideflow.policy.messaging.FlowTestSupport.createPolicy;
import static dev.tideflow.policy.messaging.FlowTestSupport.decode;
import static dev.tideflow.policy.messaging.FlowTestSupport.loggedDecisions;
import static dev.tideflow.policy.messaging.FlowTestSupport.uniqueTarget;
import static dev.tideflow.policy.messaging.FlowTestSupport.window;
import static dev.tideflow.policy.messaging.FlowTestSupport.windowStart;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The suite-wide dry run and dry-run policies, through Kafka and PostgreSQL. */
@QuarkusTest
@QuarkusTestResource(LocalInfraTestResource.class)
class DryRunFlowTest extends FlowTest {

    /** rps per replica against 10, at most +2 pods per 60 s: from 2 replicas at rps 40 the rate allows 4. */
    private static final String POLICY = """
            {"name": "%s", "target": "%s", "dryRun": %s,
             "rule": {"type": "targetTracking", "metrics": [
                 {"name": "rps", "target": {"type": "AverageValue", "averageValue": 10}}]},
             "behavior": {"scaleUp": {"stabilizationWindowSeconds": 0,
                                      "policies": [{"type": "Pods", "value": 2, "periodSeconds": 60}]}},
             "minReplicas": 1, "maxReplicas": 20}""";

    @Inject
    LiveConfig liveConfig;

    @AfterEach
    void clearDryRun() {
        if (liveConfig.get(AutoscalingSwitch.DRY_RUN_KEY).isPresent()) {
            kafka.setLive(liveConfig, AutoscalingSwitch.DRY_RUN_KEY, null);
        }
    }

    @Test
    void theLiveDryRunMarksEveryDecisionAndSwitchedOffDecisionsAreAppliedAgain() {
        String target = uniqueTarget("dry");
        Instant base = windowStart(0);
        createPolicy(POLICY.formatted(target.replace('/', '-'), target, false));
        kafka.observe(target, 2);

        try (ConsumerTask<String, String> decisions = kafka.followDecisions(target)) {
            kafka.setLive(liveConfig, AutoscalingSwitch.DRY_RUN_KEY, "true");
            given().auth().oauth2(TestTokens.withRoles("viewer"))
                    .when().get("/api/autoscaling/status")
                    .then().statusCode(200)
                    .body("enabled", equalTo(true))
                    .body("globalDryRun", equalTo(true));
            kafka.produce(Topics.METRIC_WINDOWS, target, window(target, "rps", base, 40, 400));
            ScalingDecision dry = decode(decisions.awaitRecords(1, PATIENCE).getFirstRecord());
            assertTrue(dry.isDryRun());
            assertEquals(2, dry.currentReplicas());
            assertEquals(4, dry.desiredReplicas());
            assertTrue(loggedDecisions(target).get(0).isDryRun());

            kafka.setLive(liveConfig, AutoscalingSwitch.DRY_RUN_KEY, "false");
            // The dry run moved neither the current count nor the rate budget: the same step again, for real.
            kafka.produce(Topics.METRIC_WINDOWS, target, window(target, "rps", base.plusSeconds(10), 40, 400));
            List<ScalingDecision> published = decisions.awaitRecords(2, PATIENCE).stream()
                    .map(FlowTestSupport::decode).toList();
            ScalingDecision real = published.get(1);
            assertFalse(real.isDryRun());
            assertEquals(2, real.currentReplicas());
            assertEquals(4, real.desiredReplicas());
        }
    }

    @Test
    void aDryRunTargetTrackingPolicyNeverSpendsTheScaleUpRate() {
        String target = uniqueTarget("dry-policy");
        Instant base = windowStart(0);
        createPolicy(POLICY.formatted(target.replace('/', '-'), target, true));
        kafka.observe(target, 2);

        try (ConsumerTask<String, String> decisions = kafka.followDecisions(target)) {
            kafka.produce(Topics.METRIC_WINDOWS, target, window(target, "rps", base, 40, 400));
            kafka.produce(Topics.METRIC_WINDOWS, target, window(target, "rps", base.plusSeconds(10), 40, 400));
            // Had the first dry run counted as a scale event, the +2 pods per 60 s would hold the second at 2.
            List<ScalingDecision> published = decisions.awaitRecords(2, PATIENCE).stream()
                    .map(FlowTestSupport::decode).toList();
            for (ScalingDecision decision : published) {
                assertTrue(decision.isDryRun());
                assertEquals(2, decision.currentReplicas());
                assertEquals(4, decision.desiredReplicas());
            }
        }
    }
}
