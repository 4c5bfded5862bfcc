package dev.tideflow.policy.rest;

import dev.tideflow.infra.testing.LocalInfraTestResource;
import dev.tideflow.infra.testing.TestTokens;
import dev.tideflow.policy.messaging.HistorySeeding;
import dev.tideflow.policy.service.ForecastService;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@QuarkusTestResource(LocalInfraTestResource.class)
class ForecastResourceTest {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    ForecastService forecasts;

    @Test
    void theForecastShowsPointsConfidenceAndPlannedReplicas() throws Throwable {
        String name = "app-" + UUID.randomUUID().toString().substring(0, 8);
        String target = "forecast/" + name;
        Instant now = Instant.now();
        HistorySeeding.seed(forecasts, target, "rps", now, 3, now.plus(Duration.ofHours(6)));
        createPolicy(target, name + "-a", """
                {"mode": "ForecastOnly", "metric": "rps", "horizon": "6h", "schedulingBuffer": "10m",
                 "targetValuePerReplica": 100}""");

        given().auth().oauth2(TestTokens.withRoles("viewer"))
                .when().get("/api/autoscaling/forecast/" + target)
                .then().statusCode(200)
                .body("target", equalTo(target))
                .body("policies", hasSize(1))
                .body("policies[0].policy", equalTo(name + "-a"))
                .body("policies[0].mode", equalTo("ForecastOnly"))
                .body("policies[0].available", equalTo(true))
                .body("policies[0].model", equalTo("HOLT_WINTERS"))
                .body("policies[0].confidence", greaterThan(0.9f))
                .body("policies[0].bucket", equalTo("PT15M"))
                .body("policies[0].schedulingBuffer", equalTo("PT10M"))
                .body("policies[0].historyBuckets", greaterThanOrEqualTo(287))
                .body("policies[0].points", hasSize(24))
                .body("policies[0].points.replicas", everyItem(greaterThanOrEqualTo(1)))
                .body("policies[0].points.replicas", everyItem(lessThanOrEqualTo(10)))
                .body("policies[0].plan.applied", equalTo(false))
                .body("policies[0].plan.explanation", startsWith("ForecastOnly, not applied: "));
        // The last point is six hours ahead, at the daily peak of 900: 9 replicas of 100, scheduled 10 min before.
        String last = given().auth().oauth2(TestTokens.withRoles("viewer"))
                .when().get("/api/autoscaling/forecast/" + target)
                .then().statusCode(200)
                .body("policies[0].points[23].replicas", greaterThanOrEqualTo(8))
                .extract().path("policies[0].points[23].time");
        String scaleAt = given().auth().oauth2(TestTokens.withRoles("operator"))
                .when().get("/api/autoscaling/forecast/" + target)
                .then().statusCode(200).extract().path("policies[0].points[23].scaleAt");
        org.junit.jupiter.api.Assertions.assertEquals(Instant.parse(last).minus(Duration.ofMinutes(10)),
                Instant.parse(scaleAt));
    }

    @Test
    void tooShortAHistoryIsAnsweredWithTheReason() {
        String name = "app-" + UUID.randomUUID().toString().substring(0, 8);
        String target = "forecast/" + name;
        createPolicy(target, name, """
                {"mode": "ForecastAndScale", "metric": "rps", "targetValuePerReplica": 100}""");

        given().auth().oauth2(TestTokens.withRoles("viewer"))
                .when().get("/api/autoscaling/forecast/" + target)
                .then().statusCode(200)
                .body("policies[0].available", equalTo(false))
                .body("policies[0].mode", equalTo("ForecastAndScale"))
                .body("policies[0].reason", startsWith("no history stored for the metric in the last 14 days"))
                .body("policies[0].points", nullValue())
                .body("policies[0].plan", nullValue());
    }

    @Test
    void aTargetWithoutPredictiveScalingIsNotFound() {
        given().auth().oauth2(TestTokens.withRoles("viewer"))
                .when().get("/api/autoscaling/forecast/forecast/nobody-here")
                .then().statusCode(404).contentType(PROBLEM)
                .body("detail", equalTo("no policy of target 'forecast/nobody-here' has predictive scaling"));
    }

    @Test
    void theForecastNeedsAValidTokenAndARole() {
        String path = "/api/autoscaling/forecast/forecast/any";
        given().when().get(path).then().statusCode(401).contentType(PROBLEM);
        given().header("Authorization", "Bearer " + TestTokens.forged("admin"))
                .when().get(path).then().statusCode(401).contentType(PROBLEM);
        given().auth().oauth2(TestTokens.withRoles()).when().get(path).then().statusCode(403).contentType(PROBLEM);
    }

    @Test
    void aBadPredictiveSpecIsRejectedFieldByField() {
        given().auth().oauth2(TestTokens.withRoles("admin"))
                .contentType(ContentType.JSON)
                .body("""
                        {"name": "bad-forecast", "target": "forecast/bad", "minReplicas": 1, "maxReplicas": 5,
                         "rule": {"type": "targetTracking", "metrics": [
                             {"name": "cpu", "target": {"type": "Utilization", "averageUtilization": 60}}]},
                         "predictive": {"mode": "Scale", "metric": "cpu", "historyWindow": "60d",
                                        "minConfidence": 2, "maxCapacityBuffer": 10}}""")
                .when().post("/api/policies")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors", containsInAnyOrder(
                        "unknown mode 'Scale' in 'predictive.mode' (expected one of [ForecastOnly, "
                                + "ForecastAndScale])",
                        "'predictive.historyWindow' must be between 1d and 28d, got '60d'",
                        "'predictive.minConfidence' must be between 0 and 1, got 2",
                        "'predictive.maxCapacityBuffer' applies only with 'maxCapacityBreachBehavior': 'increase' "
                                + "(the maximum is never raised otherwise)",
                        "'predictive.targetValuePerReplica' is required: the rule has no AverageValue target for "
                                + "'cpu' to size replicas by"));
    }

    @Test
    void thePolicyShowsItsPredictiveSettings() {
        String name = "app-" + UUID.randomUUID().toString().substring(0, 8);
        String id = createPolicy("forecast/" + name, name, """
                {"mode": "ForecastAndScale", "metric": "rps", "maxCapacityBreachBehavior": "increase",
                 "maxCapacityBuffer": 10, "targetValuePerReplica": 100}""");

        given().auth().oauth2(TestTokens.withRoles("viewer"))
                .when().get("/api/policies/" + id)
                .then().statusCode(200)
                .body("predictive.mode", equalTo("ForecastAndScale"))
                .body("predictive.maxCapacityBreachBehavior", equalTo("increase"))
                .body("predictive.maxCapacityBuffer", equalTo(10))
                .body("predictive.keySet()", contains("mode", "metric", "maxCapacityBreachBehavior",
                        "maxCapacityBuffer", "targetValuePerReplica"));
    }

    private static String createPolicy(String target, String name, String predictive) {
        return given().auth().oauth2(TestTokens.withRoles("admin"))
                .contentType(ContentType.JSON)
                .body("""
                        {"name": "%s", "target": "%s", "metric": "rps", "minReplicas": 1, "maxReplicas": 10,
                         "rule": {"type": "threshold", "scaleUpThreshold": 800, "scaleDownThreshold": 10},
                         "predictive": %s}""".formatted(name, target, predictive))
                .when().post("/api/policies")
                .then().statusCode(201)
                .extract().path("id");
    }
}
