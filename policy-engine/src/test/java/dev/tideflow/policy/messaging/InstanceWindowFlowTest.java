package dev.tideflow.policy.messaging;

import dev.tideflow.contracts.Contract;
import dev.tideflow.contracts.InstanceAggregate;
import dev.tideflow.contracts.MetricWindow;
import dev.tideflow.contracts.ScalingDecision;
import dev.tideflow.contracts.Topics;
import dev.tideflow.infra.testing.LocalInfraTestResource;
import dev.tideflow.infra.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static dev.tideflow.policy.messaging.FlowTestSupport.createPolicy;
import static dev.tideflow.policy.messaging.FlowTestSupport.decode;
import static dev.tideflow.policy.messaging.FlowTestSupport.uniqueTarget;
import static dev.tideflow.policy.messaging.FlowTestSupport.windowStart;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A window listing its instances, through Kafka and PostgreSQL: target tracking reads it instance by instance. */
@QuarkusTest
@QuarkusTestResource(LocalInfraTestResource.class)
class InstanceWindowFlowTest extends FlowTest {
    @Test
    void aReplicaThatReportedNothingHoldsBackTheScaleUp() {
        String target = uniqueTarget("instances");
        Instant start = windowStart(0);
        createPolicy("""
                {"name": "%s", "target": "%s",
                 "rule": {"type": "targetTracking", "metrics": [
                     {"name": "cpu", "target": {"type": "Utilization", "averageUtilization": 60}}]},
                 "minReplicas": 1, "maxReplicas": 20}""".formatted(target.replace('/', '-'), target));
        kafka.observe(target, 3);
        // Two of three replicas report 120 %: HPA counts the silent one as idle on a scale-up, (120 + 120 + 0) / 3
        // = 80 % against 60 %, ceil(4/3 × 3) = 4. The window's average alone (120 %) would ask for 6.
        MetricWindow window = new MetricWindow(Contract.VERSION, target, "cpu", start, start.plusSeconds(10), 4L,
                120.0, 120.0, 120.0, 480.0, List.of(new InstanceAggregate("web-0", 2L, 120.0, 120.0, null, true),
                        new InstanceAggregate("web-1", 2L, 120.0, 120.0, null, null)), null);

        try (ConsumerTask<String, String> decisions = kafka.followDecisions(target)) {
            kafka.produce(Topics.METRIC_WINDOWS, target, window);

            ScalingDecision decision = decode(decisions.awaitRecords(1, PATIENCE).getFirstRecord());
            assertEquals(3, decision.currentReplicas());
            assertEquals(4, decision.desiredReplicas());
            assertEquals(120.0, decision.metricValue());
            assertTrue(decision.reason().contains(
                    "cpu 120 over 2 reporting instances (1 missing) vs Utilization 60, ratio 2 → 4"),
                    decision.reason());

            given().auth().oauth2(TestTokens.withRoles("viewer"))
                    .when().get("/api/autoscaling/decisions/" + decision.decisionId())
                    .then().statusCode(200)
                    .body("explanation.metrics[0].aggregate", equalTo("instances"))
                    .body("explanation.metrics[0].value", equalTo(120.0f))
                    .body("explanation.metrics[0].ratio", equalTo(2.0f))
                    .body("explanation.metrics[0].proposal", equalTo(4))
                    .body("explanation.metrics[0].detail", containsString("1 missing counted as 0"));
        }
    }
}
