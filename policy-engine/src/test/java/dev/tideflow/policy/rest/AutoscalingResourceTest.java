package dev.tideflow.policy.rest;

import dev.tideflow.infra.testing.LocalInfraTestResource;
import dev.tideflow.infra.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.http.Method;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@QuarkusTestResource(LocalInfraTestResource.class)
class AutoscalingResourceTest {

    private static final String PROBLEM = "application/problem+json";

    @AfterEach
    void switchBackOn() {
        given().auth().oauth2(TestTokens.withRoles("admin"))
                .contentType(ContentType.JSON).body("{\"enabled\": true}")
                .when().post("/api/autoscaling/enable")
                .then().statusCode(200);
    }

    @Test
    void theNewEndpointsNeedAValidTokenAndTheRightRole() {
        String decision = "/api/autoscaling/decisions/" + UUID.randomUUID();
        for (String path : new String[] {"/api/autoscaling/status", "/api/autoscaling/recommendations", decision}) {
            given().when().get(path).then().statusCode(401).contentType(PROBLEM);
            given().header("Authorization", "Bearer " + TestTokens.forged("admin"))
                    .when().get(path).then().statusCode(401).contentType(PROBLEM);
            given().auth().oauth2(TestTokens.withRoles()).when().get(path).then().statusCode(403).contentType(PROBLEM);
        }
        send(null, Method.POST, "/api/autoscaling/enable", "{\"enabled\": false}").then().statusCode(401);
        send("viewer", Method.POST, "/api/autoscaling/enable", "{\"enabled\": false}").then().statusCode(403)
                .contentType(PROBLEM);
        send(null, Method.POST, "/api/policies/import", "[]").then().statusCode(401);
        send("operator", Method.POST, "/api/policies/import", "[]").then().statusCode(403).contentType(PROBLEM);
        given().auth().oauth2(TestTokens.withRoles("viewer"))
                .when().get(decision)
                .then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void anOperatorSwitchesTheEngineOffAndTheStatusShowsBothSwitches() {
        given().auth().oauth2(TestTokens.withRoles("viewer"))
                .when().get("/api/autoscaling/status")
                .then().statusCode(200)
                .body("enabled", equalTo(true))
                .body("globalEnabled", equalTo(true))
                .body("local.enabled", equalTo(true));

        send("operator", Method.POST, "/api/autoscaling/enable", "{\"enabled\": false}").then().statusCode(200)
                .body("enabled", equalTo(false))
                .body("globalEnabled", equalTo(true))
                .body("local.enabled", equalTo(false))
                .body("local.updatedBy", equalTo("test-operator"));
        given().auth().oauth2(TestTokens.withRoles("viewer"))
                .when().get("/api/autoscaling/status")
                .then().statusCode(200)
                .body("enabled", equalTo(false))
                .body("policies", greaterThanOrEqualTo(0));

        send("operator", Method.POST, "/api/autoscaling/enable", "{}").then().statusCode(400)
                .contentType(PROBLEM)
                .body("errors", contains("'enabled' is required (true or false)"));
    }

    @Test
    void theStatusCountsEnabledAndDryRunPolicies() {
        String name = "status-" + UUID.randomUUID().toString().substring(0, 8);
        send("admin", Method.POST, "/api/policies", """
                {"name": "%s", "target": "status/%s", "metric": "cpu", "dryRun": true,
                 "rule": {"type": "threshold", "scaleUpThreshold": 80, "scaleDownThreshold": 30},
                 "minReplicas": 1, "maxReplicas": 3}""".formatted(name, name)).then().statusCode(201);

        given().auth().oauth2(TestTokens.withRoles("viewer"))
                .when().get("/api/autoscaling/status")
                .then().statusCode(200)
                .body("enabledPolicies", greaterThanOrEqualTo(1))
                .body("dryRunPolicies", greaterThanOrEqualTo(1));
    }

    @Test
    void aTargetTrackingPolicyIsStoredWithItsBehaviorAndAnInconsistentOneIsRejected() {
        String name = "tt-" + UUID.randomUUID().toString().substring(0, 8);
        send("admin", Method.POST, "/api/policies", """
                {"name": "%s", "target": "tt/%s",
                 "rule": {"type": "targetTracking", "tolerance": 0.05, "metrics": [
                     {"name": "cpu", "target": {"type": "Utilization", "averageUtilization": 60}}]},
                 "behavior": {"scaleDown": {"stabilizationWindowSeconds": 120, "selectPolicy": "Min",
                              "policies": [{"type": "Percent", "value": 50, "periodSeconds": 60}]}},
                 "minReplicas": 1, "maxReplicas": 10}""".formatted(name, name))
                .then().statusCode(201)
                .body("rule.type", equalTo("targetTracking"))
                .body("rule.metrics[0].target.averageUtilization", equalTo(60.0f))
                .body("behavior.scaleDown.policies[0].type", equalTo("Percent"))
                .body("cooldownSeconds", equalTo(0))
                .body("$", not(hasKey("metric")))
                .body("$", not(hasKey("evaluationPeriods")));

        send("admin", Method.POST, "/api/policies", """
                {"name": "bad-tt", "target": "tt/bad", "metric": "cpu",
                 "rule": {"type": "targetTracking", "metrics": [
                     {"name": "cpu", "target": {"type": "AverageValue", "value": 3}}]},
                 "behavior": {"scaleUp": {"selectPolicy": "Fastest"}},
                 "minReplicas": 1, "maxReplicas": 10}""")
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("errors", contains(
                        "'metric' does not apply to a targetTracking rule; name the metrics in 'rule.metrics'",
                        "unknown selectPolicy 'Fastest' in 'behavior.scaleUp.selectPolicy' (expected one of Max, Min, "
                                + "Disabled)",
                        "'rule.metrics[0].target.averageValue' is required",
                        "'rule.metrics[0].target.value' does not apply to a AverageValue target (it takes "
                                + "'averageValue')"));
    }

    @Test
    void anImportIsAllOrNothingAndAnImportAgainReplaces() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String file = """
                [{"name": "web-%1$s", "service": "imp-%1$s/web", "minReplicas": 2, "maxReplicas": 8,
                  "metrics": [{"name": "cpu", "type": "resource", "source": "prometheus", "aggregation": "avg",
                               "window": "60s", "weight": 1}],
                  "thresholds": [{"metric": "cpu", "scaleUp": 75, "scaleDown": 25, "comparison": "greater_than"}],
                  "cooldownPeriod": "2m", "scaleUpBy": 2, "scaleDownBy": 1, "evaluationInterval": "30s",
                  "enabled": true}%2$s]""";
        String bad = """
                , {"name": "api-%s", "service": "imp/api", "minReplicas": 1, "maxReplicas": 3,
                   "metrics": [{"name": "free", "aggregation": "avg"}],
                   "thresholds": [{"metric": "free", "scaleUp": 10, "scaleDown": 50, "comparison": "above"}]}"""
                .formatted(suffix);

        send("admin", Method.POST, "/api/policies/import", file.formatted(suffix, bad))
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("errors", contains("[1] thresholds[0]: unknown comparison 'above' (expected one of "
                        + "greater_than, less_than, percentage_change)"));
        given().auth().oauth2(TestTokens.withRoles("viewer"))
                .queryParam("target", "imp-" + suffix + "/web")
                .when().get("/api/policies")
                .then().statusCode(200)
                .body("$", hasSize(0));

        send("admin", Method.POST, "/api/policies/import", file.formatted(suffix, ""))
                .then().statusCode(200)
                .body("action", contains("created"))
                .body("notes[0]", hasItem("metrics[0].source 'prometheus' is not used: windows come from "
                        + "metrics-collector"));
        send("admin", Method.POST, "/api/policies/import", file.formatted(suffix, ""))
                .then().statusCode(200)
                .body("action", contains("replaced"));
        given().auth().oauth2(TestTokens.withRoles("viewer"))
                .queryParam("target", "imp-" + suffix + "/web")
                .when().get("/api/policies")
                .then().statusCode(200)
                .body("name", contains("web-" + suffix))
                .body("cooldownSeconds", contains(120))
                .body("evaluationPeriods", contains(2))
                .body("rule.scaleUpBy", contains(2))
                .body("minReplicas", contains(2));
    }

    @Test
    void anEntryWithSeveralThresholdsImportsAsOnePolicy() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String file = """
                [{"name": "shop-%1$s", "service": "imp-%1$s/shop", "minReplicas": 2, "maxReplicas": 8,
                  "metrics": [{"name": "cpu", "aggregation": "average", "window": "60s", "weight": 2},
                              {"name": "latency", "aggregation": "max", "window": "90s"}],
                  "thresholds": [{"metric": "cpu", "scaleUp": 75, "scaleDown": 25},
                                 {"metric": "latency", "scaleUp": 500, "scaleDown": 100}],
                  "cooldownPeriod": "2m", "evaluationInterval": "30s"}]""".formatted(suffix);

        send("admin", Method.POST, "/api/policies/import", file)
                .then().statusCode(200)
                .body("name", contains("shop-" + suffix))
                .body("action", contains("created"))
                .body("notes[0]", hasItem("the metrics' windows give 2, 3 evaluation periods; the policy takes the "
                        + "longest, 3"));
        given().auth().oauth2(TestTokens.withRoles("viewer"))
                .queryParam("target", "imp-" + suffix + "/shop")
                .when().get("/api/policies")
                .then().statusCode(200)
                .body("name", contains("shop-" + suffix))
                .body("rule.type", contains("thresholds"))
                .body("rule.combination", contains("weighted"))
                .body("rule[0].thresholds.metric", contains("cpu", "latency"))
                .body("rule[0].thresholds.aggregation", contains(nullValue(), equalTo("max")))
                .body("rule[0].thresholds.weight", contains(equalTo(2.0f), nullValue()))
                .body("evaluationPeriods", contains(3))
                .body("cooldownSeconds", contains(120));
    }

    private static Response send(String role, Method method, String path, String body) {
        RequestSpecification request = given().contentType(ContentType.JSON).body(body);
        if (role != null) {
            request = request.auth().oauth2(TestTokens.withRoles(role));
        }
        return request.when().request(method, path);
    }
}
