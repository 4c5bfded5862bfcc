package dev.tideflow.config.rest;

import dev.tideflow.config.Database;
import dev.tideflow.config.MasterKeyTestResource;
import dev.tideflow.infra.testing.LocalInfraTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.tideflow.config.ConfigApi.as;
import static dev.tideflow.config.ConfigApi.putSecret;
import static dev.tideflow.config.ConfigApi.unique;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(LocalInfraTestResource.class)
@QuarkusTestResource(MasterKeyTestResource.class)
class KeyRotationTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void rotationRewrapsEverySecretWithoutReEncryptingValuesAndTheOldVersionRetires() {
        String service = unique("svc");
        String scope = "service/" + service;
        putSecret(scope + "/a", "alpha").statusCode(200);
        putSecret(scope + "/b", "beta").statusCode(200);
        putSecret(scope + "/b", "beta-2").statusCode(200);
        Map<String, String> settingsBefore = stored("setting", service);
        Map<String, String> historyBefore = stored("config_change", service);
        assertEquals(2, settingsBefore.size());
        assertEquals(3, historyBefore.size());

        int old = keys().getInt("active");
        JsonPath rotated = JsonPath.from(as("admin").post("/api/config/keys/rotate").then().statusCode(200)
                .extract().asString());
        int active = rotated.getInt("active");
        assertEquals(old + 1, active);
        assertEquals("previous", version(rotated, old).get("state"));

        putSecret(scope + "/c", "gamma").statusCode(200);
        assertTrue(stored("setting", service).get("c").startsWith("tfenc:v1:" + active + ":"),
                "new secrets use the new version at once");

        await().atMost(Duration.ofSeconds(30)).until(() -> keys().getLong("pendingRewrap") == 0);
        Map<String, String> settingsAfter = stored("setting", service);
        Map<String, String> historyAfter = stored("config_change", service);
        for (String key : List.of("a", "b")) {
            assertRewrapped(settingsBefore.get(key), settingsAfter.get(key), active);
        }
        historyBefore.forEach((revision, before) -> assertRewrapped(before, historyAfter.get(revision), active));
        assertEquals(List.of(active), Database.query("select distinct kek_version from config.setting"
                + " where scope_name = ?", service).stream().map(r -> r.get("kek_version")).toList());
        as("admin").get("/api/config/" + scope + "/a").then().statusCode(200).body("value", equalTo("alpha"));
        as("admin").get("/api/config/" + scope + "/b").then().statusCode(200).body("value", equalTo("beta-2"));
        Map<String, Object> previous = version(keys(), old);
        assertEquals(0, ((Number) previous.get("settings")).intValue());
        assertEquals(0, ((Number) previous.get("history")).intValue());

        as("admin").post("/api/config/keys/{v}/retire", active).then().statusCode(409).contentType(PROBLEM)
                .body("detail", containsString("active"));
        JsonPath retired = JsonPath.from(as("admin").post("/api/config/keys/{v}/retire", old).then()
                .statusCode(200).extract().asString());
        assertEquals("retired", version(retired, old).get("state"));
        assertEquals("test-admin", version(retired, old).get("retiredBy"));
        assertNull(Database.query("select sealed_key from config.key_version where version = ?", old).get(0)
                .get("sealed_key"), "retiring destroys the key material");
        as("admin").post("/api/config/keys/{v}/retire", old).then().statusCode(409).contentType(PROBLEM);
        as("admin").post("/api/config/keys/{v}/retire", 9999).then().statusCode(404).contentType(PROBLEM);
        as("admin").get("/api/config/" + scope + "/a").then().statusCode(200).body("value", equalTo("alpha"));

        as("admin").queryParam("after", 0).queryParam("limit", 1000).get("/api/config/audit").then()
                .statusCode(200)
                .body("entries.detail", hasItem(containsString("activated key version " + active)))
                .body("entries.detail", hasItem(containsString("to key version " + active)))
                .body("entries.detail", hasItem(containsString("retired key version " + old)));
    }

    @Test
    void aVersionStillProtectingASecretCannotBeRetired() {
        String service = unique("svc");
        String scope = "service/" + service;
        putSecret(scope + "/x", "x-value").statusCode(200);
        Map<String, Object> before = Database.query("select value, kek_version from config.setting"
                + " where scope_name = ? and key = 'x'", service).get(0);
        int old = ((Number) before.get("kek_version")).intValue();
        as("admin").post("/api/config/keys/rotate").then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> keys().getLong("pendingRewrap") == 0);

        // As if the rewrap job had not reached this secret yet.
        Database.update("update config.setting set value = ?, kek_version = ? where scope_name = ? and key = 'x'",
                before.get("value"), old, service);
        as("admin").post("/api/config/keys/{v}/retire", old).then().statusCode(409).contentType(PROBLEM)
                .body("detail", containsString("still protects 1 setting"));
        assertEquals(1, ((Number) version(keys(), old).get("settings")).intValue());
        as("admin").get("/api/config/" + scope + "/x").then().statusCode(200).body("value", equalTo("x-value"));

        int newest = JsonPath.from(as("admin").post("/api/config/keys/rotate").then().statusCode(200)
                .extract().asString()).getInt("active");
        await().atMost(Duration.ofSeconds(30)).until(() -> keys().getLong("pendingRewrap") == 0);
        as("admin").post("/api/config/keys/{v}/retire", old).then().statusCode(200);
        as("admin").post("/api/config/keys/{v}/retire", newest - 1).then().statusCode(200);
        assertTrue(((String) Database.query("select value from config.setting where scope_name = ?", service)
                .get(0).get("value")).startsWith("tfenc:v1:" + newest + ":"));
        as("admin").get("/api/config/" + scope + "/x").then().statusCode(200).body("value", equalTo("x-value"));
    }

    @Test
    void aSecretThatCannotBeOpenedDoesNotHoldBackTheOthers() {
        String service = unique("svc");
        String scope = "service/" + service;
        putSecret(scope + "/good", "good-value").statusCode(200);
        putSecret(scope + "/bad", "bad-value").statusCode(200);
        Database.update("update config.setting set value = (select value from config.setting where scope_name = ?"
                + " and key = 'good') where scope_name = ? and key = 'bad'", service, service);

        int old = keys().getInt("active");
        int active = JsonPath.from(as("admin").post("/api/config/keys/rotate").then().statusCode(200)
                .extract().asString()).getInt("active");
        await().atMost(Duration.ofSeconds(30)).until(() -> stored("setting", service).get("good")
                .startsWith("tfenc:v1:" + active + ":"));
        await().atMost(Duration.ofSeconds(30)).until(() -> keys().getLong("pendingRewrap") == 1);
        assertEquals(1, ((Number) version(keys(), old).get("settings")).intValue());
        as("admin").post("/api/config/keys/{v}/retire", old).then().statusCode(409);
        as("admin").get("/api/config/" + scope + "/good").then().statusCode(200).body("value", equalTo("good-value"));

        // Deleting needs no decryption; then nothing holds the old version any more.
        as("admin").delete("/api/config/" + scope + "/bad").then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> keys().getLong("pendingRewrap") == 0);
    }

    @Test
    void keysAreForAdminsAndNeverShowKeyMaterial() {
        putSecret("service/" + unique("svc") + "/k", "v").statusCode(200);
        String body = as("admin").get("/api/config/keys").then().statusCode(200).extract().asString();
        assertTrue(!body.contains("sealed"), body);
        for (Map<String, Object> version : JsonPath.from(body).<Map<String, Object>>getList("versions")) {
            assertEquals(List.of("version", "state", "createdAt", "createdBy", "settings", "history"),
                    version.keySet().stream().filter(k -> !k.startsWith("retired")).toList());
        }

        as("viewer").get("/api/config/keys").then().statusCode(403).contentType(PROBLEM);
        as("operator").post("/api/config/keys/rotate").then().statusCode(403);
        as("viewer").post("/api/config/keys/1/retire").then().statusCode(403);
        given().post("/api/config/keys/rotate").then().statusCode(401);
    }

    private static JsonPath keys() {
        return JsonPath.from(as("admin").get("/api/config/keys").then().statusCode(200).extract().asString());
    }

    private static Map<String, Object> version(JsonPath keys, int version) {
        return keys.<Map<String, Object>>getList("versions").stream()
                .filter(v -> ((Number) v.get("version")).intValue() == version).findFirst().orElseThrow();
    }

    /** The stored text of every secret of a service scope, by key (settings) or revision (history). */
    private static Map<String, String> stored(String table, String service) {
        String id = table.equals("setting") ? "key" : "revision::text";
        Map<String, String> found = new TreeMap<>();
        Database.query("select " + id + " as id, value from config." + table + " where scope_name = ? and secret"
                + " and value is not null", service).forEach(row -> found.put((String) row.get("id"),
                (String) row.get("value")));
        return found;
    }

    private static void assertRewrapped(String before, String after, int active) {
        String[] old = before.split(":");
        String[] now = after.split(":");
        assertEquals(String.valueOf(active), now[2], after);
        assertTrue(!old[3].equals(now[3]), "the data key is sealed anew");
        assertEquals(old[4], now[4], "the value's nonce is kept");
        assertEquals(old[5], now[5], "the value's ciphertext is kept: no plaintext was produced");
    }
}
