package dev.tideflow.config.rest;

import dev.tideflow.infra.testing.LocalInfraTestResource;
import dev.tideflow.infra.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.tideflow.config.ConfigApi.as;
import static dev.tideflow.config.ConfigApi.counter;
import static dev.tideflow.config.ConfigApi.put;
import static dev.tideflow.config.ConfigApi.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(LocalInfraTestResource.class)
class ConfigResourceTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void putThenGetReturnsTheValueWithItsRevision() {
        String service = unique("svc");
        long revision = put("service/" + service + "/pool.size", "8").statusCode(200)
                .body("scope", equalTo("service/" + service))
                .body("key", equalTo("pool.size"))
                .body("value", equalTo("8"))
                .extract().jsonPath().getLong("revision");
        assertTrue(revision >= 1, "revision " + revision);

        as("viewer").get("/api/config/service/{s}/pool.size", service).then().statusCode(200)
                .body("scope", equalTo("service/" + service))
                .body("value", equalTo("8"))
                .body("revision", equalTo((int) revision))
                .body("updatedBy", equalTo("test-admin"))
                .body("updatedAt", startsWith("20"));

        JsonPath scope = as("operator").get("/api/config/service/{s}", service).then().statusCode(200)
                .body("scope", equalTo("service/" + service))
                .extract().jsonPath();
        assertEquals("8", scope.getString("settings.'pool.size'.value"));
        assertEquals(revision, scope.getLong("settings.'pool.size'.revision"));
        assertTrue(scope.getLong("revision") >= revision, "scope revision covers the write");
        assertEquals(1, scope.getMap("settings").size());
    }

    @Test
    void globalSettingsHaveTheirOwnPaths() {
        String key = unique("global.key");
        put("global/" + key, "on").statusCode(200).body("scope", equalTo("global"));

        as("viewer").get("/api/config/global/{k}", key).then().statusCode(200)
                .body("scope", equalTo("global"))
                .body("value", equalTo("on"));
        as("viewer").get("/api/config/global").then().statusCode(200)
                .body("scope", equalTo("global"))
                .body("settings", hasKey(key));
    }

    @Test
    void everyWriteTakesAStrictlyHigherRevision() {
        String service = unique("svc");
        long first = put("service/" + service + "/limit", "1").statusCode(200)
                .extract().jsonPath().getLong("revision");
        long other = put("environment/" + unique("env") + "/limit", "x").statusCode(200)
                .extract().jsonPath().getLong("revision");
        long second = put("service/" + service + "/limit", "2").statusCode(200)
                .extract().jsonPath().getLong("revision");

        assertTrue(first < other && other < second, first + " < " + other + " < " + second);
        as("viewer").get("/api/config/service/{s}/limit", service).then().statusCode(200)
                .body("value", equalTo("2"))
                .body("revision", equalTo((int) second));
    }

    @Test
    void deleteRecordsARevisionAndTheSettingIsGone() {
        String service = unique("svc");
        long written = put("service/" + service + "/doomed", "x").statusCode(200)
                .extract().jsonPath().getLong("revision");

        long deleted = as("admin").delete("/api/config/service/{s}/doomed", service).then().statusCode(200)
                .body("scope", equalTo("service/" + service))
                .body("key", equalTo("doomed"))
                .body("deleted", equalTo(true))
                .body("$", not(hasKey("value")))
                .extract().jsonPath().getLong("revision");
        assertTrue(deleted > written, deleted + " > " + written);

        as("viewer").get("/api/config/service/{s}/doomed", service).then().statusCode(404)
                .contentType(PROBLEM)
                .body("status", equalTo(404))
                .body("detail", containsString("doomed"));
        as("viewer").get("/api/config/service/{s}", service).then().statusCode(200)
                .body("settings", equalTo(Map.of()));
        as("admin").delete("/api/config/service/{s}/doomed", service).then().statusCode(404)
                .contentType(PROBLEM);
        as("admin").get("/api/config/global/{k}", unique("never.set")).then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void effectiveSettingsMergeGlobalEnvironmentAndService() {
        String environment = unique("env");
        String service = unique("svc");
        String prefix = unique("eff") + ".";
        put("global/" + prefix + "a", "global-a").statusCode(200);
        put("global/" + prefix + "b", "global-b").statusCode(200);
        long globalC = put("global/" + prefix + "c", "global-c").statusCode(200)
                .extract().jsonPath().getLong("revision");
        long environmentA = put("environment/" + environment + "/" + prefix + "a", "env-a").statusCode(200)
                .extract().jsonPath().getLong("revision");
        put("environment/" + environment + "/" + prefix + "b", "env-b").statusCode(200);
        long serviceB = put("service/" + service + "/" + prefix + "b", "svc-b").statusCode(200)
                .extract().jsonPath().getLong("revision");
        // Another service and another environment must not leak in.
        put("service/" + unique("other") + "/" + prefix + "c", "other-c").statusCode(200);
        put("environment/" + unique("other") + "/" + prefix + "c", "other-env-c").statusCode(200);

        JsonPath effective = as("viewer").given()
                .queryParam("service", service).queryParam("environment", environment)
                .get("/api/config/effective").then().statusCode(200)
                .body("service", equalTo(service))
                .body("environment", equalTo(environment))
                .extract().jsonPath();
        assertEffective(effective, prefix + "a", "env-a", "environment/" + environment, environmentA);
        assertEffective(effective, prefix + "b", "svc-b", "service/" + service, serviceB);
        assertEffective(effective, prefix + "c", "global-c", "global", globalC);

        JsonPath environmentOnly = as("viewer").given().queryParam("environment", environment)
                .get("/api/config/effective").then().statusCode(200).extract().jsonPath();
        assertEquals("env-b", environmentOnly.getString("settings.'" + prefix + "b'.value"));
    }

    @Test
    void historyListsChangesInRevisionOrderAndPages() {
        String service = unique("svc");
        long first = put("service/" + service + "/k1", "v1").statusCode(200).extract().jsonPath().getLong("revision");
        put("service/" + service + "/k2", "v2").statusCode(200);
        as("admin").delete("/api/config/service/{s}/k1", service).then().statusCode(200);

        JsonPath all = as("viewer").given().queryParam("after", first - 1).queryParam("limit", 1000)
                .get("/api/config/changes").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> mine = all.<Map<String, Object>>getList("changes").stream()
                .filter(c -> ("service/" + service).equals(c.get("scope"))).toList();
        assertEquals(List.of("k1", "k2", "k1"), mine.stream().map(c -> c.get("key")).toList());
        assertEquals(List.of(false, false, true), mine.stream().map(c -> c.get("deleted")).toList());
        assertEquals("v1", mine.get(0).get("value"));
        assertTrue(!mine.get(2).containsKey("value"), "a deletion carries no value");
        assertEquals("test-admin", mine.get(2).get("changedBy"));
        List<Long> revisions = all.getList("changes.revision", Long.class);
        for (int i = 1; i < revisions.size(); i++) {
            assertTrue(revisions.get(i - 1) < revisions.get(i), "history in revision order: " + revisions);
        }
        assertEquals(first, revisions.get(0));

        as("viewer").given().queryParam("after", first - 1).queryParam("limit", 2)
                .get("/api/config/changes").then().statusCode(200)
                .body("changes.size()", equalTo(2))
                .body("changes[0].revision", equalTo((int) first))
                .body("next", equalTo(all.getInt("changes[1].revision")))
                .body("more", equalTo(true));
        long head = revisions.get(revisions.size() - 1);
        as("viewer").given().queryParam("after", head).get("/api/config/changes").then().statusCode(200)
                .body("changes.size()", equalTo(0))
                .body("next", equalTo((int) head))
                .body("more", equalTo(false));
    }

    @Test
    void invalidWritesAnswer400ListingEveryViolation() {
        put("service/" + unique("svc") + "/Upper Case", "x").statusCode(400)
                .contentType(PROBLEM)
                .body("status", equalTo(400))
                .body("errors", hasItem(startsWith("'key' must be lower case")));

        as("admin").contentType(ContentType.JSON).body("{}")
                .put("/api/config/service/{s}/fine.key", unique("svc")).then().statusCode(400)
                .contentType(PROBLEM)
                .body("errors", equalTo(List.of("'value' is required")));

        as("admin").contentType(ContentType.JSON).body("{\"value\": \"\"}")
                .put("/api/config/service/{s}/Bad!", "Bad_Name").then().statusCode(400)
                .contentType(PROBLEM)
                .body("errors.size()", equalTo(3))
                .body("errors", hasItems(containsString("DNS-1123"), startsWith("'key' must be lower case"),
                        equalTo("'value' must not be blank")));

        put("planet/earth/k", "x").statusCode(400).contentType(PROBLEM)
                .body("errors", hasItem(containsString("unknown scope 'planet'")));
        as("viewer").get("/api/config/planet/earth").then().statusCode(400).contentType(PROBLEM);
        put("global/named/k", "x").statusCode(400).contentType(PROBLEM)
                .body("errors", hasItem("'scope.name' must be absent for the global scope"));
        put("service/" + unique("svc") + "/big", "x".repeat(16 * 1024 + 1)).statusCode(400)
                .contentType(PROBLEM)
                .body("errors", hasItem(containsString("'value' is longer than")));
        as("admin").contentType(ContentType.JSON).body("{\"value\": ")
                .put("/api/config/global/k").then().statusCode(400).contentType(PROBLEM);

        as("viewer").queryParam("after", "-1").queryParam("limit", "lots")
                .get("/api/config/changes").then().statusCode(400).contentType(PROBLEM)
                .body("errors.size()", equalTo(2));
        as("viewer").queryParam("service", "Not Valid")
                .get("/api/config/effective").then().statusCode(400).contentType(PROBLEM)
                .body("errors", hasItem(startsWith("'service' must be a lower-case DNS-1123 label")));
    }

    @Test
    void nothingInvalidIsStored() {
        String service = unique("svc");
        as("admin").contentType(ContentType.JSON).body("{}")
                .put("/api/config/service/{s}/k", service).then().statusCode(400);
        as("viewer").get("/api/config/service/{s}", service).then().statusCode(200)
                .body("settings", equalTo(Map.of()));
    }

    @Test
    void readsNeedAValidTokenAndWritesNeedAdmin() {
        given().get("/api/config/global").then().statusCode(401).contentType(PROBLEM);
        given().header("Authorization", "Bearer " + TestTokens.forged("admin"))
                .get("/api/config/global").then().statusCode(401).contentType(PROBLEM);
        given().header("Authorization", "Bearer " + TestTokens.forged("admin"))
                .contentType(ContentType.JSON).body(Map.of("value", "x"))
                .put("/api/config/global/forged.write").then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("value", "x"))
                .put("/api/config/global/anonymous.write").then().statusCode(401);

        as("viewer").contentType(ContentType.JSON).body(Map.of("value", "x"))
                .put("/api/config/global/viewer.write").then().statusCode(403).contentType(PROBLEM);
        as("operator").contentType(ContentType.JSON).body(Map.of("value", "x"))
                .put("/api/config/global/operator.write").then().statusCode(403);
        as("operator").delete("/api/config/global/operator.write").then().statusCode(403);
        as("viewer").get("/api/config/changes").then().statusCode(200);
        as("admin").get("/api/config/global/viewer.write").then().statusCode(404);
        as("admin").get("/api/config/global/forged.write").then().statusCode(404);
    }

    @Test
    void healthMetricsAndOpenApiArePublic() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Kafka connection health check",
                        "Reactive PostgreSQL connections health check", "master key"));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("tideflow_config_changes_written_total"))
                .body(containsString("tideflow_config_changes_published_total"))
                .body(containsString("tideflow_config_publish_failures_total"));
        given().get("/q/openapi").then().statusCode(200)
                .body(containsString("/api/config/effective"));
    }

    @Test
    void writesAreCounted() {
        double before = counter("tideflow_config_changes_written_total");
        put("service/" + unique("svc") + "/counted", "1").statusCode(200);
        assertTrue(counter("tideflow_config_changes_written_total") >= before + 1);
    }

    private static void assertEffective(JsonPath effective, String key, String value, String scope, long revision) {
        String path = "settings.'" + key + "'";
        assertEquals(value, effective.getString(path + ".value"), key);
        assertEquals(scope, effective.getString(path + ".scope"), key);
        assertEquals(revision, effective.getLong(path + ".revision"), key);
        assertTrue(effective.getLong("revision") >= revision, "effective revision covers " + key);
    }
}
