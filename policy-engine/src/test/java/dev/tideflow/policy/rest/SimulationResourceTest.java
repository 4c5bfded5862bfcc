package dev.tideflow.policy.rest;

import dev.tideflow.infra.testing.LocalInfraTestResource;
import dev.tideflow.infra.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@QuarkusTestResource(LocalInfraTestResource.class)
class SimulationResourceTest {

    private static final String PATH = "/api/autoscaling/simulate";
    private static final String PROBLEM = "application/problem+json";

    /** HPA's "scale up" case: 3 pods at 30 %, 50 %, 70 % of their request against a 30 % target. */
    private static final String SCALE_UP = """
            {"currentReplicas": 3, "minReplicas": 1, "maxReplicas": 10,
             "metrics": [{"name": "cpu", "target": {"type": "Utilization", "averageUtilization": 30},
                          "instances": [{"id": "a", "value": 0.3, "request": 1, "ready": true},
                                        {"id": "b", "value": 0.5, "request": 1, "ready": true},
                                        {"id": "c", "value": 0.7, "request": 1, "ready": true}]}]}""";

    @Test
    void everyRoleMaySimulate() {
        for (String role : new String[] {"viewer", "operator", "admin"}) {
            given().auth().oauth2(TestTokens.withRoles(role))
                    .contentType(ContentType.JSON).body(SCALE_UP)
                    .when().post(PATH)
                    .then().statusCode(200)
                    .body("currentReplicas", equalTo(3))
                    .body("desiredReplicas", equalTo(5))
                    .body("recommendation", equalTo(5))
                    .body("$", not(hasKey("limitedBy")))
                    .body("metrics.name", contains("cpu"))
                    .body("metrics[0].proposal", equalTo(5))
                    .body("metrics[0].current", equalTo(50.0f))
                    .body("reason", startsWith("cpu asks for 5 replicas: utilization 50 % vs target 30 %"));
        }
    }

    @Test
    void withoutAValidTokenItIsUnauthorizedAndWithoutARoleForbidden() {
        given().contentType(ContentType.JSON).body(SCALE_UP)
                .when().post(PATH)
                .then().statusCode(401)
                .contentType(PROBLEM);
        given().header("Authorization", "Bearer " + TestTokens.forged("admin"))
                .contentType(ContentType.JSON).body(SCALE_UP)
                .when().post(PATH)
                .then().statusCode(401)
                .contentType(PROBLEM);
        given().auth().oauth2(TestTokens.withRoles())
                .contentType(ContentType.JSON).body(SCALE_UP)
                .when().post(PATH)
                .then().statusCode(403)
                .contentType(PROBLEM);
    }

    @Test
    void missingAndUnreadyInstancesAreFilledInAsHpaDoes() {
        // HPA's TestReplicaCalcMissingMetricsUnreadyScaleUp: one unready, one at 200 %, one missing; target 50 %.
        given().auth().oauth2(TestTokens.withRoles("viewer"))
                .contentType(ContentType.JSON)
                .body("""
                        {"currentReplicas": 3, "minReplicas": 1, "maxReplicas": 10,
                         "metrics": [{"name": "cpu", "target": {"type": "Utilization", "averageUtilization": 50},
                                      "instances": [{"id": "a", "value": 0.1, "request": 1, "ready": false},
                                                    {"id": "b", "value": 2.0, "request": 1},
                                                    {"id": "c", "value": null, "request": 1}]}]}""")
                .when().post(PATH)
                .then().statusCode(200)
                .body("desiredReplicas", equalTo(4))
                .body("metrics[0].proposal", equalTo(4))
                .body("metrics[0].ratio", equalTo(4.0f))
                .body("metrics[0].reason", equalTo("utilization 200 % vs target 50 % (1 missing counted as 0, "
                        + "1 unready counted as 0, ratio becomes 1.32): ceil(1.32 × 3) = 4"));
    }

    @Test
    void aWeightedCombinationAveragesTheProposals() {
        // qps ceil(30 × 4 / 10) = 12, queue ceil(40 / 20 × 4) = 8: (1 × 12 + 3 × 8) / 4 = 9.
        given().auth().oauth2(TestTokens.withRoles("viewer"))
                .contentType(ContentType.JSON)
                .body("""
                        {"currentReplicas": 4, "minReplicas": 1, "maxReplicas": 20, "combination": "weighted",
                         "behavior": {"scaleUp": {"policies": [{"type": "Pods", "value": 10, "periodSeconds": 15}]}},
                         "metrics": [{"name": "qps", "weight": 1,
                                      "target": {"type": "AverageValue", "averageValue": 10}, "value": 120},
                                     {"name": "queue", "weight": 3,
                                      "target": {"type": "Value", "value": 20}, "value": 40}]}""")
                .when().post(PATH)
                .then().statusCode(200)
                .body("metrics.proposal", contains(12, 8))
                .body("recommendation", equalTo(9))
                .body("desiredReplicas", equalTo(9))
                .body("reason", startsWith("the weighted mean (1 × 12 (qps) + 3 × 8 (queue)) / 4 = 9, rounded up to 9"
                        + " asks for 9 replicas"));
    }

    @Test
    void weightsNeedAWeightedCombinationAndAKnownOne() {
        given().auth().oauth2(TestTokens.withRoles("viewer"))
                .contentType(ContentType.JSON)
                .body("""
                        {"currentReplicas": 4, "minReplicas": 1, "maxReplicas": 20,
                         "metrics": [{"name": "queue", "weight": 3,
                                      "target": {"type": "Value", "value": 20}, "value": 40}]}""")
                .when().post(PATH)
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("errors", contains("'metrics[0].weight' applies only with 'combination': 'weighted' (the "
                        + "largest proposal wins otherwise)"));
        given().auth().oauth2(TestTokens.withRoles("viewer"))
                .contentType(ContentType.JSON)
                .body("""
                        {"currentReplicas": 4, "minReplicas": 1, "maxReplicas": 20, "combination": "average",
                         "metrics": [{"name": "queue", "weight": 0,
                                      "target": {"type": "Value", "value": 20}, "value": 40}]}""")
                .when().post(PATH)
                .then().statusCode(400)
                .body("errors", contains("unknown combination 'average' in 'combination' (expected one of max, "
                        + "weighted)"));
    }

    @Test
    void anUnreadableMetricStopsAScaleDown() {
        given().auth().oauth2(TestTokens.withRoles("operator"))
                .contentType(ContentType.JSON)
                .body("""
                        {"currentReplicas": 5, "minReplicas": 2, "maxReplicas": 6,
                         "metrics": [{"name": "qps", "target": {"type": "AverageValue", "averageValue": 20},
                                      "instances": [{"id": "a", "value": 12}, {"id": "b", "value": 12},
                                                    {"id": "c", "value": 12}, {"id": "d", "value": 12},
                                                    {"id": "e", "value": 12}]},
                                     {"name": "latency", "target": {"type": "AverageValue", "averageValue": 0.2},
                                      "instances": [{"id": "a", "value": 0.5, "ready": false}]}]}""")
                .when().post(PATH)
                .then().statusCode(200)
                .body("desiredReplicas", equalTo(5))
                .body("metrics.proposal", contains(3, null))
                .body("metrics[1].ratio", nullValue())
                .body("metrics[1].reason", equalTo("no ready instance reports a value (1 unready)"))
                .body("reason", startsWith("the valid metrics would scale down to 3 while 1 metric(s) cannot be "
                        + "read, so the count stays at 5"));
    }

    @Test
    void behaviorAndHistoryShapeTheAnswer() {
        // A queue asks for 16; 2 replicas were added 30 s ago and the policy allows 3 per minute.
        given().auth().oauth2(TestTokens.withRoles("viewer"))
                .contentType(ContentType.JSON)
                .body("""
                        {"currentReplicas": 4, "minReplicas": 1, "maxReplicas": 20,
                         "time": "2026-03-01T12:00:00Z",
                         "metrics": [{"name": "queue", "target": {"type": "Value", "value": 10}, "value": 40}],
                         "behavior": {"scaleUp": {"policies": [{"type": "Pods", "value": 3, "periodSeconds": 60}]}},
                         "history": {"scaleEvents": [{"time": "2026-03-01T11:59:30Z", "fromReplicas": 2,
                                                      "toReplicas": 4}]}}""")
                .when().post(PATH)
                .then().statusCode(200)
                .body("recommendation", equalTo(16))
                .body("stabilizedReplicas", equalTo(16))
                .body("desiredReplicas", equalTo(5))
                .body("limitedBy", equalTo("ScaleUpLimit"));

        // Scaling down: a higher recommendation 2 minutes ago holds the count within the 300 s default window.
        given().auth().oauth2(TestTokens.withRoles("viewer"))
                .contentType(ContentType.JSON)
                .body("""
                        {"currentReplicas": 8, "minReplicas": 1, "maxReplicas": 20, "globalCap": 6,
                         "time": "2026-03-01T12:00:00Z",
                         "metrics": [{"name": "queue", "target": {"type": "Value", "value": 10}, "value": 10}],
                         "history": {"recommendations": [{"time": "2026-03-01T11:58:00Z", "replicas": 7}]}}""")
                .when().post(PATH)
                .then().statusCode(200)
                .body("recommendation", equalTo(8))
                .body("stabilizedReplicas", equalTo(8))
                .body("desiredReplicas", equalTo(6))
                .body("limitedBy", equalTo("GlobalCap"));
    }

    @Test
    void everyInconsistentFieldIsAPreciseProblem() {
        given().auth().oauth2(TestTokens.withRoles("viewer"))
                .contentType(ContentType.JSON)
                .body("""
                        {"currentReplicas": 2, "minReplicas": 5, "maxReplicas": 3,
                         "metrics": [{"name": "cpu", "target": {"type": "Utilization", "averageUtilization": 0},
                                      "instances": [{"id": "a", "value": 0.5, "request": 1}]},
                                     {"name": "rps", "target": {"type": "Throughput", "value": 3}, "value": 1}],
                         "behavior": {"scaleDown": {"selectPolicy": "Sometimes",
                                                    "policies": [{"type": "Percent", "value": -5,
                                                                  "periodSeconds": 60}]}}}""")
                .when().post(PATH)
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("status", equalTo(400))
                .body("detail", equalTo("the simulation request is not valid"))
                .body("errors", containsInAnyOrder(
                        "'minReplicas' (5) must not exceed 'maxReplicas' (3)",
                        "'metrics[0].target.averageUtilization' must be a whole number of percent above 0, got 0",
                        "unknown target type 'Throughput' in 'metrics[1].target.type' (expected one of "
                                + "Utilization, AverageValue, Value)",
                        "unknown selectPolicy 'Sometimes' in 'behavior.scaleDown.selectPolicy' (expected one of "
                                + "Max, Min, Disabled)",
                        "'behavior.scaleDown.policies[0].value' must be above 0 for a Percent policy, got -5"));
    }

    @Test
    void aBodyThatIsNotJsonIsAProblem() {
        given().auth().oauth2(TestTokens.withRoles("viewer"))
                .contentType(ContentType.JSON)
                .when().post(PATH)
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("errors", contains("a simulation request is required in the request body"));
        given().auth().oauth2(TestTokens.withRoles("viewer"))
                .contentType(ContentType.JSON)
                .body("{\"currentReplicas\": ")
                .when().post(PATH)
                .then().statusCode(400)
                .contentType(PROBLEM);
        given().auth().oauth2(TestTokens.withRoles("viewer"))
                .contentType(ContentType.JSON)
                .body("{\"currentReplicas\": \"many\"}")
                .when().post(PATH)
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("detail", containsString("currentReplicas"));
    }
}
