package dev.tideflow.policy.messaging;

import dev.tideflow.contracts.ReplicaObservation;
import dev.tideflow.contracts.ScalingDecision;
import dev.tideflow.contracts.Topics;
import dev.tideflow.infra.testing.LocalInfraTestResource;
import dev.tideflow.infra.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static dev.tideflow.policy.messaging.FlowTestSupport.createPolicy;
import static dev.tideflow.policy.messaging.FlowTestSupport.decode;
import static dev.tideflow.policy.messaging.FlowTestSupport.observedReplicas;
import static dev.tideflow.policy.messaging.FlowTestSupport.uniqueTarget;
import static dev.tideflow.policy.messaging.FlowTestSupport.window;
import static dev.tideflow.policy.messaging.FlowTestSupport.windowStart;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The first half of the restart test: builds a scale-down stabilization history, then hands the target to
 * {@link StabilizationAfterRestartTest}, which runs in a second application (another test profile, so Quarkus
 * restarts) on the same database and broker. Quarkus orders test classes by profile, so this one runs first.
 */
@QuarkusTest
@QuarkusTestResource(LocalInfraTestResource.class)
class StabilizationBeforeRestartTest {

    static final String TARGET = "tideflow.test.restart.target";
    static final String BASE = "tideflow.test.restart.base";
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @Test
    void aScaleDownIsHeldByTheRecommendationOfAnEarlierWindow() {
        String target = uniqueTarget("restart");
        Instant base = windowStart(0);
        createPolicy("""
                {"name": "%s", "target": "%s",
                 "rule": {"type": "targetTracking", "metrics": [
                     {"name": "rps", "target": {"type": "AverageValue", "averageValue": 10}}]},
                 "behavior": {"scaleDown": {"stabilizationWindowSeconds": 60}},
                 "minReplicas": 1, "maxReplicas": 10}""".formatted(target.replace('/', '-'), target));

        try (FlowTestSupport kafka = new FlowTestSupport();
                ConsumerTask<String, String> decisions = kafka.followDecisions(target)) {
            kafka.produce(Topics.REPLICAS, target, ReplicaObservation.of(target, "test", 2, Instant.now()));
            await().atMost(PATIENCE).until(() -> observedReplicas(target), equalTo(2));
            // 25 per replica on 2: ceil(50 / 10) = 5, within the default scale-up rate (max(4, 6)).
            kafka.produce(Topics.METRIC_WINDOWS, target, window(target, "rps", base, 25, 250));
            ScalingDecision up = decode(decisions.awaitRecords(1, PATIENCE).getFirstRecord());
            assertEquals(5, up.desiredReplicas());

            // 6 per replica on 5 asks for 3, but the recommendation of 5 made 10 s ago is within the 60 s window.
            kafka.produce(Topics.METRIC_WINDOWS, target, window(target, "rps", base.plusSeconds(10), 6, 60));
            await().atMost(PATIENCE).until(() -> recommendationReason(target).contains("ScaleDownStabilized"));
            given().auth().oauth2(TestTokens.withRoles("viewer"))
                    .queryParam("target", target)
                    .when().get("/api/autoscaling/recommendations")
                    .then().statusCode(200)
                    .body("reason[0]", containsString("recommendation 3 (rps); decided by ScaleDownStabilized"));
            assertEquals(1, decisions.count());
        }
        System.setProperty(TARGET, target);
        System.setProperty(BASE, base.toString());
    }

    static String recommendationReason(String target) {
        String reason = given().auth().oauth2(TestTokens.withRoles("viewer"))
                .queryParam("target", target)
                .when().get("/api/autoscaling/recommendations")
                .then().statusCode(200)
                .extract().path("reason[0]");
        return reason == null ? "" : reason;
    }
}
