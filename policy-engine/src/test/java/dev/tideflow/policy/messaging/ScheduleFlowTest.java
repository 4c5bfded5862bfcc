package dev.tideflow.policy.messaging;

import dev.tideflow.contracts.ScalingDecision;
import dev.tideflow.contracts.Topics;
import dev.tideflow.infra.testing.LocalInfraTestResource;
import dev.tideflow.infra.testing.TestTokens;
import dev.tideflow.policy.service.ScheduleTrigger;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static dev.tideflow.policy.messaging.FlowTestSupport.createPolicy;
import static dev.tideflow.policy.messaging.FlowTestSupport.decode;
import static dev.tideflow.policy.messaging.FlowTestSupport.uniqueTarget;
import static dev.tideflow.policy.messaging.FlowTestSupport.window;
import static dev.tideflow.policy.messaging.FlowTestSupport.windowStart;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(LocalInfraTestResource.class)
class ScheduleFlowTest extends FlowTest {

    /** Fires every minute and stays open an hour: open for any window of a test. */
    private static final String ALWAYS_OPEN = """
            {"name": "launch", "cron": "* * * * *", "timeZone": "Europe/Berlin", "durationMinutes": 60,
             "desiredReplicas": 4}""";

    @Inject
    ScheduleTrigger trigger;

    @Test
    void anOpenScheduleRaisesAThresholdPolicyToItsFloorWithoutABreach() {
        String target = uniqueTarget("schedule");
        createPolicy("""
                {"name": "%s", "target": "%s", "metric": "cpu", "evaluationPeriods": 3,
                 "rule": {"type": "threshold", "scaleUpThreshold": 80, "scaleDownThreshold": 30},
                 "minReplicas": 1, "maxReplicas": 10, "schedules": [%s]}"""
                .formatted(target.replace('/', '-'), target, ALWAYS_OPEN));
        kafka.observe(target, 2);

        try (ConsumerTask<String, String> decisions = kafka.followDecisions(target)) {
            kafka.produce(Topics.METRIC_WINDOWS, target, window(target, windowStart(0), 50.0));

            ScalingDecision decision = decode(decisions.awaitRecords(1, PATIENCE).getFirstRecord());
            assertEquals(2, decision.currentReplicas());
            assertEquals(4, decision.desiredReplicas());
            assertTrue(decision.reason().contains("[schedule launch until "), decision.reason());
            assertTrue(decision.reason().endsWith("range [1, 10] narrowed to [4, 10]]"), decision.reason());

            given().auth().oauth2(TestTokens.withRoles("viewer"))
                    .when().get("/api/autoscaling/decisions/" + decision.decisionId())
                    .then().statusCode(200)
                    .body("explanation.decidedBy", equalTo("schedule launch"))
                    .body("explanation.limitedBy", equalTo("schedule launch"))
                    .body("explanation.schedules.name", contains("launch"))
                    .body("explanation.schedules[0].desiredReplicas", equalTo(4));
        }
    }

    @Test
    void aTargetTrackingPolicyScalesDownNoFurtherThanTheScheduleFloor() {
        String target = uniqueTarget("schedule");
        createPolicy("""
                {"name": "%s", "target": "%s",
                 "rule": {"type": "targetTracking", "metrics": [
                     {"name": "cpu", "target": {"type": "Utilization", "averageUtilization": 60}}]},
                 "behavior": {"scaleDown": {"stabilizationWindowSeconds": 0}},
                 "minReplicas": 1, "maxReplicas": 10, "schedules": [%s]}"""
                .formatted(target.replace('/', '-'), target, ALWAYS_OPEN));
        kafka.observe(target, 8);

        try (ConsumerTask<String, String> decisions = kafka.followDecisions(target)) {
            kafka.produce(Topics.METRIC_WINDOWS, target, window(target, windowStart(0), 6.0));

            ScalingDecision decision = decode(decisions.awaitRecords(1, PATIENCE).getFirstRecord());
            assertEquals(8, decision.currentReplicas());
            assertEquals(4, decision.desiredReplicas());
            given().auth().oauth2(TestTokens.withRoles("viewer"))
                    .when().get("/api/autoscaling/decisions/" + decision.decisionId())
                    .then().statusCode(200)
                    .body("explanation.decidedBy", equalTo("schedule launch"))
                    .body("explanation.recommendation", equalTo(1));
        }
    }

    @Test
    void anOpenWindowActsWithoutAMetricWindowOncePerOpening() {
        String target = uniqueTarget("schedule");
        createPolicy("""
                {"name": "%s", "target": "%s", "metric": "cpu",
                 "rule": {"type": "threshold", "scaleUpThreshold": 80, "scaleDownThreshold": 30},
                 "minReplicas": 1, "maxReplicas": 10, "schedules": [%s]}"""
                .formatted(target.replace('/', '-'), target, ALWAYS_OPEN));
        kafka.observe(target, 2);

        try (ConsumerTask<String, String> decisions = kafka.followDecisions(target)) {
            Instant now = Instant.now();
            List<ScalingDecision> first = ofTarget(target, check(now));

            assertEquals(1, first.size());
            ScalingDecision decision = first.get(0);
            assertEquals(2, decision.currentReplicas());
            assertEquals(4, decision.desiredReplicas());
            assertTrue(decision.reason().startsWith("schedule launch opened at "), decision.reason());
            assertEquals(decision, decode(decisions.awaitRecords(1, PATIENCE).getFirstRecord()));
            given().auth().oauth2(TestTokens.withRoles("viewer"))
                    .when().get("/api/autoscaling/decisions/" + decision.decisionId())
                    .then().statusCode(200)
                    .body("explanation.decidedBy", equalTo("schedule launch"))
                    .body("explanation.schedules.name", contains("launch"));

            assertEquals(List.of(), ofTarget(target, check(now.plusSeconds(30))), "the count is at the floor now");
        }
    }

    @Test
    void aDryRunOpeningDecidesOnceAndLeavesTheCountAlone() {
        String target = uniqueTarget("schedule");
        createPolicy("""
                {"name": "%s", "target": "%s", "metric": "cpu", "dryRun": true,
                 "rule": {"type": "threshold", "scaleUpThreshold": 80, "scaleDownThreshold": 30},
                 "minReplicas": 1, "maxReplicas": 10, "schedules": [%s]}"""
                .formatted(target.replace('/', '-'), target, ALWAYS_OPEN));
        kafka.observe(target, 2);
        Instant now = Instant.now();

        List<ScalingDecision> first = ofTarget(target, check(now));
        assertEquals(1, first.size());
        assertTrue(first.get(0).isDryRun());
        // The count is still 2 (a dry run changes nothing), but this opening has decided.
        assertEquals(List.of(), ofTarget(target, check(now)));
    }

    @Test
    void schedulesAreStoredAsWrittenAndEveryBadFieldIsA400() {
        String target = uniqueTarget("schedule");
        String id = createPolicy("""
                {"name": "%s", "target": "%s", "metric": "cpu",
                 "rule": {"type": "threshold", "scaleUpThreshold": 80, "scaleDownThreshold": 30},
                 "minReplicas": 1, "maxReplicas": 10, "schedules": [
                    {"name": "sale", "cron": "0 9 * * MON-FRI", "timeZone": "Europe/Berlin",
                     "start": "2026-11-27T00:00:00Z", "end": "2026-11-28T00:00:00Z", "durationMinutes": 480,
                     "minReplicas": 3, "maxReplicas": 8}]}"""
                .formatted(target.replace('/', '-'), target));

        given().auth().oauth2(TestTokens.withRoles("viewer"))
                .when().get("/api/policies/" + id)
                .then().statusCode(200)
                .body("schedules[0].name", equalTo("sale"))
                .body("schedules[0].cron", equalTo("0 9 * * MON-FRI"))
                .body("schedules[0].timeZone", equalTo("Europe/Berlin"))
                .body("schedules[0].start", equalTo("2026-11-27T00:00:00Z"))
                .body("schedules[0].durationMinutes", equalTo(480))
                .body("schedules[0].maxReplicas", equalTo(8));

        given().auth().oauth2(TestTokens.withRoles("admin"))
                .contentType(ContentType.JSON)
                .body("""
                        {"name": "bad-schedule", "target": "%s", "metric": "cpu",
                         "rule": {"type": "threshold", "scaleUpThreshold": 80, "scaleDownThreshold": 30},
                         "minReplicas": 1, "maxReplicas": 10, "schedules": [
                            {"name": "night", "cron": "0 22 * *", "timeZone": "Berlin", "durationMinutes": 60,
                             "maxReplicas": 12}]}""".formatted(target))
                .when().post("/api/policies")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors", hasItem("'schedules[0].cron' is not a 5-field cron expression (minute hour "
                        + "day-of-month month day-of-week): expected 5 fields (minute hour day-of-month month "
                        + "day-of-week), got 4, got '0 22 * *'"))
                .body("errors", hasItem("'schedules[0].timeZone' is not an IANA time zone (such as Europe/Berlin or"
                        + " UTC), got 'Berlin'"))
                .body("errors", hasItem("'schedules[0].maxReplicas' (12) must lie within the policy's 'minReplicas' "
                        + "and 'maxReplicas' [1, 10]: a schedule narrows the policy's range"));
    }

    private List<ScalingDecision> check(Instant now) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> trigger.check(now));
        } catch (Throwable e) {
            throw new AssertionError("the schedule check failed", e);
        }
    }

    private static List<ScalingDecision> ofTarget(String target, List<ScalingDecision> decisions) {
        return decisions.stream().filter(d -> d.target().equals(target)).toList();
    }
}
