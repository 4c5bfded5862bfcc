package dev.tideflow.config.rest;

import dev.tideflow.config.MasterKeyTestResource;
import dev.tideflow.config.messaging.ConfigTopicReader;
import dev.tideflow.contracts.ConfigChange;
import dev.tideflow.contracts.ContractCodec;
import dev.tideflow.infra.testing.LocalInfraTestResource;
import dev.tideflow.infra.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.tideflow.config.ConfigApi.as;
import static dev.tideflow.config.ConfigApi.put;
import static dev.tideflow.config.ConfigApi.putRevision;
import static dev.tideflow.config.ConfigApi.putSecret;
import static dev.tideflow.config.ConfigApi.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(LocalInfraTestResource.class)
@QuarkusTestResource(MasterKeyTestResource.class)
class ChangeSetTest {

    @Test
    void aChangeSetWritesEverySettingUnderOneRevisionAndPublishesItAsOneBurst() {
        String env = unique("env");
        String svc = unique("svc");
        put("service/" + svc + "/old", "x").statusCode(200);
        JsonPath result = changeSet(Map.of("changes", List.of(
                Map.of("scope", "environment/" + env, "key", "scaling.max-replicas", "value", "20"),
                Map.of("scope", "service/" + svc, "key", "caching.ttl", "value", "30s"),
                Map.of("scope", "service/" + svc, "key", "old", "delete", true))))
                .statusCode(200).extract().jsonPath();
        long revision = result.getLong("revision");
        assertEquals(List.of(revision, revision, revision), result.getList("changes.revision", Long.class));

        as("viewer").get("/api/config/environment/" + env + "/scaling.max-replicas").then().statusCode(200)
                .body("value", equalTo("20")).body("revision", equalTo((int) revision));
        as("viewer").get("/api/config/service/" + svc + "/old").then().statusCode(404);

        try (ConfigTopicReader topic = new ConfigTopicReader()) {
            List<ConsumerRecord<String, String>> records = topic.awaitRecords(
                    k -> k.startsWith("environment/" + env + "/") || k.startsWith("service/" + svc + "/"), 4);
            List<ConfigChange> burst = records.subList(1, 4).stream()
                    .map(r -> ContractCodec.decode(r.value(), ConfigChange.class)).toList();
            for (ConfigChange change : burst) {
                assertEquals(revision, change.revision());
                assertEquals(3, change.changeSetSize());
            }
            assertTrue(burst.stream().anyMatch(ConfigChange::isDeleted));
        }
    }

    @Test
    void anInvalidChangeSetListsEveryProblemByIndexAndChangesNothing() {
        String svc = unique("svc");
        changeSet(Map.of("changes", List.of(
                Map.of("scope", "service/" + svc, "key", "fine", "value", "1"),
                Map.of("scope", "galaxy/far", "key", "Bad Key", "value", "1"),
                Map.of("scope", "service/" + svc, "key", "no-value"),
                Map.of("scope", "service/" + svc, "key", "fine", "value", "2"))))
                .statusCode(400)
                .body("errors", hasSize(4))
                .body("errors[0]", containsString("changes[1]"))
                .body("errors", hasItem(containsString("changes[2]: 'value' is required")))
                .body("errors", hasItem(containsString("changes[3]: 'service/" + svc + "/fine' is already")));
        // Valid shape, but deleting what does not exist and a template cycle: found inside the transaction.
        changeSet(Map.of("changes", List.of(
                Map.of("scope", "service/" + svc, "key", "fine", "value", "1"),
                Map.of("scope", "service/" + svc, "key", "ghost", "delete", true))))
                .statusCode(400)
                .body("errors", hasSize(1))
                .body("errors[0]", containsString("changes[1] (service/" + svc + "/ghost): no such setting"));
        as("viewer").get("/api/config/service/" + svc + "/fine").then().statusCode(404);
    }

    @Test
    void expectedRevisionMakesTheWholeSetConditional() {
        String svc = unique("svc");
        long head = putRevision("service/" + svc + "/a", "1");
        changeSet(Map.of("expectedRevision", head - 1, "changes", List.of(
                Map.of("scope", "service/" + svc, "key", "a", "value", "2"))))
                .statusCode(412);
        changeSet(Map.of("expectedRevision", head, "changes", List.of(
                Map.of("scope", "service/" + svc, "key", "a", "value", "2"))))
                .statusCode(200).body("revision", equalTo((int) head + 1));
    }

    @Test
    void onlyAdminsApplyChangeSets() {
        Map<String, Object> body = Map.of("changes", List.of(Map.of("scope", "global", "key", unique("k"),
                "value", "1")));
        given().contentType(ContentType.JSON).body(body).post("/api/config/changesets").then().statusCode(401);
        given().header("Authorization", TestTokens.forged("admin")).contentType(ContentType.JSON).body(body)
                .post("/api/config/changesets").then().statusCode(401);
        as("operator").contentType(ContentType.JSON).body(body).post("/api/config/changesets").then()
                .statusCode(403);
        as("operator").contentType(ContentType.JSON).body(Map.of("revision", 1)).post("/api/config/rollback")
                .then().statusCode(403);
    }

    @Test
    void aDeletedSettingCanBeUndeletedWithItsLastValueAsANewRevision() {
        String svc = unique("svc");
        put("service/" + svc + "/plain", "kept").statusCode(200);
        putSecret("service/" + svc + "/token", "s3cret").statusCode(200);
        long deleted = as("admin").delete("/api/config/service/" + svc + "/token").then().statusCode(200)
                .extract().jsonPath().getLong("revision");
        as("admin").delete("/api/config/service/" + svc + "/plain").then().statusCode(200);

        long restored = as("admin").post("/api/config/service/" + svc + "/token/undelete").then().statusCode(200)
                .body("changes[0].value", equalTo("******"))
                .extract().jsonPath().getLong("revision");
        assertTrue(restored > deleted);
        as("admin").get("/api/config/service/" + svc + "/token").then().statusCode(200)
                .body("value", equalTo("s3cret")).body("secret", equalTo(true));
        as("admin").post("/api/config/service/" + svc + "/plain/undelete").then().statusCode(200);
        as("viewer").get("/api/config/service/" + svc + "/plain").then().body("value", equalTo("kept"));

        as("admin").post("/api/config/service/" + svc + "/plain/undelete").then().statusCode(409);
        as("admin").post("/api/config/service/" + svc + "/never/undelete").then().statusCode(404);
    }

    @Test
    void rollbackMakesANewRevisionWithEverySettingAsItWasThen() {
        String svc = unique("svc");
        String scope = "service/" + svc;
        put(scope + "/a", "1").statusCode(200);
        putSecret(scope + "/pw", "old-secret").statusCode(200);
        long target = putRevision(scope + "/b", "1");
        put(scope + "/a", "2").statusCode(200);
        putSecret(scope + "/pw", "new-secret").statusCode(200);
        as("admin").delete("/api/config/" + scope + "/b").then().statusCode(200);
        long head = putRevision(scope + "/c", "new");

        String before = Instant.now().minusSeconds(1).toString();
        JsonPath rollback = as("admin").contentType(ContentType.JSON).body(Map.of("revision", target))
                .post("/api/config/rollback").then().statusCode(200).extract().jsonPath();
        assertEquals(head + 1, rollback.getLong("revision"));
        assertEquals(4, rollback.getList("changes").size());

        as("admin").get("/api/config/" + scope + "/a").then().body("value", equalTo("1"));
        as("admin").get("/api/config/" + scope + "/b").then().statusCode(200).body("value", equalTo("1"));
        as("admin").get("/api/config/" + scope + "/c").then().statusCode(404);
        as("admin").get("/api/config/" + scope + "/pw").then().body("value", equalTo("old-secret"));
        as("admin").get("/api/config/audit?limit=1000&after=" + before).then().statusCode(200)
                .body("entries.findAll { it.action == 'config.rollback' }.revision",
                        hasItem((int) rollback.getLong("revision")))
                .body("entries.findAll { it.revision == " + rollback.getLong("revision") + " }.action",
                        hasItem("setting.put"));

        // Nothing left to change: the current revision, no changes.
        as("admin").contentType(ContentType.JSON).body(Map.of("revision", rollback.getLong("revision")))
                .post("/api/config/rollback").then().statusCode(200).body("changes", hasSize(0));
        as("admin").contentType(ContentType.JSON).body(Map.of("revision", head + 100))
                .post("/api/config/rollback").then().statusCode(400);
        as("admin").contentType(ContentType.JSON).body(Map.of("revision", 0))
                .post("/api/config/rollback").then().statusCode(400)
                .body("errors[0]", containsString("at least 1"));
    }

    private static io.restassured.response.ValidatableResponse changeSet(Map<String, ?> body) {
        return as("admin").contentType(ContentType.JSON).body(body).post("/api/config/changesets").then();
    }
}
