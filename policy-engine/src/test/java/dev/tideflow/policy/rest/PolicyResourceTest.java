package dev.tideflow.policy.rest;

import dev.tideflow.infra.testing.LocalInfraTestResource;
import dev.tideflow.infra.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

@QuarkusTest
@QuarkusTestResource(LocalInfraTestResource.class)
class PolicyResourceTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void anAdminCreatesReadsReplacesAndDeletesAPolicy() {
        String name = unique("crud");
        String target = "crud/" + name;
        String location = given().auth().oauth2(TestTokens.withRoles("admin"))
                .contentType(ContentType.JSON)
                .body(policyJson(name, target, 1, 5))
                .when().post("/api/policies")
                .then().statusCode(201)
                .header("Location", endsWith("/api/policies/" + idFrom(name)))
                .body("name", equalTo(name))
                .body("aggregation", equalTo("avg"))
                .body("cooldownSeconds", equalTo(60))
                .body("enabled", equalTo(true))
                .body("dryRun", equalTo(false))
                .body("rule.type", equalTo("threshold"))
                .body("rule.scaleUpBy", equalTo(1))
                .body("rule.scaleDownBy", equalTo(1))
                .extract().header("Location");

        given().auth().oauth2(TestTokens.withRoles("viewer"))
                .when().get(location)
                .then().statusCode(200)
                .body("target", equalTo(target))
                .body("rule.scaleUpThreshold", equalTo(80.0f))
                .body("minReplicas", equalTo(1))
                .body("maxReplicas", equalTo(5));

        given().auth().oauth2(TestTokens.withRoles("admin"))
                .contentType(ContentType.JSON)
                .body(policyJson(name, target, 2, 8).replace("\"avg\"", "\"max\""))
                .when().put(location)
                .then().statusCode(200)
                .body("minReplicas", equalTo(2))
                .body("maxReplicas", equalTo(8))
                .body("aggregation", equalTo("max"))
                .body("version", equalTo(1));

        given().auth().oauth2(TestTokens.withRoles("viewer"))
                .queryParam("target", target)
                .when().get("/api/policies")
                .then().statusCode(200)
                .body("name", contains(name))
                .body("maxReplicas", contains(8));

        given().auth().oauth2(TestTokens.withRoles("admin"))
                .when().delete(location)
                .then().statusCode(204);

        given().auth().oauth2(TestTokens.withRoles("admin"))
                .when().get(location)
                .then().statusCode(404)
                .contentType(PROBLEM)
                .body("status", equalTo(404));
        given().auth().oauth2(TestTokens.withRoles("viewer"))
                .when().get("/api/policies")
                .then().statusCode(200)
                .body("name", not(hasItem(name)));
    }

    @Test
    void anInvalidPolicyIsRejectedWithEveryViolation() {
        given().auth().oauth2(TestTokens.withRoles("admin"))
                .contentType(ContentType.JSON)
                .body("""
                        {"name": "bad", "target": "NotATarget", "metric": "cpu", "aggregation": "median",
                         "rule": {"type": "threshold", "scaleUpThreshold": 30, "scaleDownThreshold": 80,
                                  "scaleUpBy": 0, "scaleDownBy": 0},
                         "minReplicas": -1, "maxReplicas": 0, "cooldownSeconds": -1}""")
                .when().post("/api/policies")
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("status", equalTo(400))
                .body("errors", containsInAnyOrder(
                        "'target' must be namespace/name in lower case (DNS-1123), got 'NotATarget'",
                        "unknown aggregation 'median' (expected one of avg, min, max, sum, count)",
                        "'rule.scaleDownThreshold' (80) must be below 'rule.scaleUpThreshold' (30)",
                        "'rule.scaleUpBy' must be at least 1, got 0",
                        "'rule.scaleDownBy' must be at least 1, got 0",
                        "'minReplicas' must be at least 0, got -1",
                        "'maxReplicas' must be at least 1, got 0",
                        "'cooldownSeconds' must be at least 0, got -1"));
    }

    @Test
    void minReplicasAboveMaxReplicasIsRejected() {
        String name = unique("range");
        given().auth().oauth2(TestTokens.withRoles("admin"))
                .contentType(ContentType.JSON)
                .body(policyJson(name, "range/" + name, 5, 3))
                .when().post("/api/policies")
                .then().statusCode(400)
                .body("errors", contains("'minReplicas' (5) must not exceed 'maxReplicas' (3)"));
    }

    @Test
    void anUnknownRuleTypeIsRejected() {
        given().auth().oauth2(TestTokens.withRoles("admin"))
                .contentType(ContentType.JSON)
                .body("""
                        {"name": "magic", "target": "shop/web", "metric": "cpu",
                         "rule": {"type": "magic", "scaleUpThreshold": 80},
                         "minReplicas": 1, "maxReplicas": 3}""")
                .when().post("/api/policies")
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("errors", contains("unknown rule type 'magic' (known types: threshold, thresholds, "
                        + "targetTracking)"));
    }

    @Test
    void aBodyThatIsNotJsonIsRejected() {
        given().auth().oauth2(TestTokens.withRoles("admin"))
                .contentType(ContentType.JSON)
                .body("{\"name\": ")
                .when().post("/api/policies")
                .then().statusCode(400)
                .contentType(PROBLEM);
    }

    @Test
    void aSecondPolicyWithTheSameNameConflicts() {
        String name = unique("dup");
        create(name, "dup/" + name);

        given().auth().oauth2(TestTokens.withRoles("admin"))
                .contentType(ContentType.JSON)
                .body(policyJson(name, "dup/other", 1, 2))
                .when().post("/api/policies")
                .then().statusCode(409)
                .contentType(PROBLEM)
                .body("detail", equalTo("a policy named '" + name + "' already exists"));

        String other = unique("dup");
        String otherId = create(other, "dup/" + other);
        given().auth().oauth2(TestTokens.withRoles("admin"))
                .contentType(ContentType.JSON)
                .body(policyJson(name, "dup/" + other, 1, 2))
                .when().put("/api/policies/" + otherId)
                .then().statusCode(409);
    }

    @Test
    void anUnknownIdIsNotFound() {
        String id = UUID.randomUUID().toString();
        notFound(given().auth().oauth2(TestTokens.withRoles("viewer")).when().get("/api/policies/" + id).then());
        notFound(given().auth().oauth2(TestTokens.withRoles("viewer")).when().get("/api/policies/not-a-uuid").then());
        notFound(given().auth().oauth2(TestTokens.withRoles("admin")).contentType(ContentType.JSON)
                .body(policyJson(unique("ghost"), "ghost/x", 1, 2))
                .when().put("/api/policies/" + id).then());
        notFound(given().auth().oauth2(TestTokens.withRoles("admin")).when().delete("/api/policies/" + id).then());
        notFound(given().auth().oauth2(TestTokens.withRoles("operator"))
                .when().post("/api/policies/" + id + "/enable").then());
    }

    @Test
    void anOperatorEnablesAndDisablesButCannotEdit() {
        String name = unique("ops");
        String id = create(name, "ops/" + name);

        given().auth().oauth2(TestTokens.withRoles("operator"))
                .when().post("/api/policies/" + id + "/disable")
                .then().statusCode(200)
                .body("enabled", equalTo(false));
        given().auth().oauth2(TestTokens.withRoles("viewer"))
                .when().get("/api/policies/" + id)
                .then().body("enabled", equalTo(false));
        given().auth().oauth2(TestTokens.withRoles("operator"))
                .when().post("/api/policies/" + id + "/enable")
                .then().statusCode(200)
                .body("enabled", equalTo(true));

        given().auth().oauth2(TestTokens.withRoles("operator"))
                .contentType(ContentType.JSON)
                .body(policyJson(name, "ops/" + name, 1, 9))
                .when().put("/api/policies/" + id)
                .then().statusCode(403)
                .contentType(PROBLEM);
        given().auth().oauth2(TestTokens.withRoles("operator"))
                .when().delete("/api/policies/" + id)
                .then().statusCode(403);
        given().auth().oauth2(TestTokens.withRoles("viewer"))
                .when().post("/api/policies/" + id + "/disable")
                .then().statusCode(403);
    }

    @Test
    void readsNeedAValidTokenAndWritesTheAdminRole() {
        given().when().get("/api/policies")
                .then().statusCode(401)
                .contentType(PROBLEM);
        given().header("Authorization", "Bearer " + TestTokens.forged("admin"))
                .when().get("/api/policies")
                .then().statusCode(401)
                .contentType(PROBLEM);
        given().header("Authorization", "Bearer " + TestTokens.forged("admin"))
                .contentType(ContentType.JSON)
                .body(policyJson(unique("forged"), "forged/x", 1, 2))
                .when().post("/api/policies")
                .then().statusCode(401);
        given().auth().oauth2(TestTokens.withRoles("viewer"))
                .contentType(ContentType.JSON)
                .body(policyJson(unique("viewer"), "viewer/x", 1, 2))
                .when().post("/api/policies")
                .then().statusCode(403)
                .contentType(PROBLEM);
        given().auth().oauth2(TestTokens.withRoles())
                .when().get("/api/policies")
                .then().statusCode(403);
        given().when().get("/api/decisions")
                .then().statusCode(401);
    }

    @Test
    void theDecisionLogAnswersProblemsForBadQueries() {
        given().auth().oauth2(TestTokens.withRoles("viewer"))
                .when().get("/api/decisions/" + UUID.randomUUID())
                .then().statusCode(404)
                .contentType(PROBLEM);
        given().auth().oauth2(TestTokens.withRoles("viewer"))
                .queryParam("limit", 0)
                .when().get("/api/decisions")
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("errors", hasItems("'limit' must be between 1 and 500, got 0"));
        given().auth().oauth2(TestTokens.withRoles("viewer"))
                .queryParam("target", "nobody/" + unique("none"))
                .when().get("/api/decisions")
                .then().statusCode(200)
                .body("$", hasSize(0));
    }

    static String create(String name, String target) {
        return given().auth().oauth2(TestTokens.withRoles("admin"))
                .contentType(ContentType.JSON)
                .body(policyJson(name, target, 1, 5))
                .when().post("/api/policies")
                .then().statusCode(201)
                .extract().path("id");
    }

    static String policyJson(String name, String target, int min, int max) {
        return """
                {"name": "%s", "target": "%s", "metric": "cpu", "aggregation": "avg",
                 "rule": {"type": "threshold", "scaleUpThreshold": 80, "scaleDownThreshold": 30},
                 "minReplicas": %d, "maxReplicas": %d}""".formatted(name, target, min, max);
    }

    private static void notFound(ValidatableResponse response) {
        response.statusCode(404).contentType(PROBLEM).body("status", equalTo(404));
    }

    private static String idFrom(String name) {
        return given().auth().oauth2(TestTokens.withRoles("viewer"))
                .when().get("/api/policies")
                .then().extract().jsonPath().getString("find { it.name == '" + name + "' }.id");
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
