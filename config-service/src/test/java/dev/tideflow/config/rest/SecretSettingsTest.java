package dev.tideflow.config.rest;

import dev.tideflow.config.Database;
import dev.tideflow.config.MasterKeyTestResource;
import dev.tideflow.config.crypto.ValueDigest;
import dev.tideflow.config.messaging.ConfigTopicReader;
import dev.tideflow.contracts.ConfigChange;
import dev.tideflow.contracts.ContractCodec;
import dev.tideflow.infra.testing.LocalInfraTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.tideflow.config.ConfigApi.as;
import static dev.tideflow.config.ConfigApi.put;
import static dev.tideflow.config.ConfigApi.putSecret;
import static dev.tideflow.config.ConfigApi.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(LocalInfraTestResource.class)
@QuarkusTestResource(MasterKeyTestResource.class)
class SecretSettingsTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String MASK = "******";

    @Test
    void aSecretIsStoredOnlyAsCiphertext() {
        String service = unique("svc");
        String plaintext = unique("hunter2");
        putSecret("service/" + service + "/webhook.secret", plaintext).statusCode(200)
                .body("value", equalTo(MASK))
                .body("secret", equalTo(true));

        List<Map<String, Object>> stored = Database.query("select value, secret, kek_version from config.setting"
                + " where scope_type = 'service' and scope_name = ? and key = 'webhook.secret'", service);
        assertEquals(1, stored.size());
        String value = (String) stored.get(0).get("value");
        assertTrue(value.startsWith("tfenc:v1:" + stored.get(0).get("kek_version") + ":"), value);
        assertFalse(value.contains(plaintext));
        assertEquals(true, stored.get(0).get("secret"));
        List<Map<String, Object>> history = Database.query("select value from config.config_change"
                + " where scope_type = 'service' and scope_name = ?", service);
        assertTrue(((String) history.get(0).get("value")).startsWith("tfenc:v1:"), "history holds ciphertext");
    }

    @Test
    void secretsAreMaskedForEveryoneButAdmins() {
        String service = unique("svc");
        String environment = unique("env");
        String plaintext = unique("p@ss");
        putSecret("service/" + service + "/db.password", plaintext).statusCode(200);
        put("service/" + service + "/db.user", "tideflow").statusCode(200);

        for (String role : List.of("viewer", "operator")) {
            as(role).get("/api/config/service/{s}/db.password", service).then().statusCode(200)
                    .body("value", equalTo(MASK))
                    .body("secret", equalTo(true));
            as(role).get("/api/config/service/{s}", service).then().statusCode(200)
                    .body("settings.'db.password'.value", equalTo(MASK))
                    .body("settings.'db.user'.value", equalTo("tideflow"))
                    .body("settings.'db.user'.secret", equalTo(false))
                    .body(not(containsString(plaintext)));
            as(role).queryParam("service", service).queryParam("environment", environment)
                    .get("/api/config/effective").then().statusCode(200)
                    .body("settings.'db.password'.value", equalTo(MASK))
                    .body("settings.'db.password'.secret", equalTo(true));
        }

        as("admin").get("/api/config/service/{s}/db.password", service).then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("value", equalTo(plaintext))
                .body("secret", equalTo(true));
        as("admin").get("/api/config/service/{s}", service).then().statusCode(200)
                .body("settings.'db.password'.value", equalTo(plaintext));
        as("admin").queryParam("service", service).get("/api/config/effective").then().statusCode(200)
                .body("settings.'db.password'.value", equalTo(plaintext));

        // History is not a way to read secrets, whatever the role.
        as("admin").queryParam("after", 0).queryParam("limit", 1000).get("/api/config/changes").then()
                .statusCode(200).body(not(containsString(plaintext))).body(not(containsString("tfenc:")));
    }

    @Test
    void theTopicRecordSaysSecretAndCarriesOnlyTheMask() {
        String service = unique("svc");
        String plaintext = unique("topic-secret");
        String key = "service/" + service + "/api.token";
        putSecret(key, plaintext).statusCode(200);
        as("admin").delete("/api/config/" + key).then().statusCode(200).body("secret", equalTo(true));

        try (ConfigTopicReader topic = new ConfigTopicReader()) {
            List<ConsumerRecord<String, String>> records = topic.awaitRecords(key::equals, 2);
            for (ConsumerRecord<String, String> record : records) {
                assertFalse(record.value().contains(plaintext), record.value());
                assertFalse(record.value().contains("tfenc:"), record.value());
            }
            ConfigChange assigned = ContractCodec.decode(records.get(0).value(), ConfigChange.class);
            assertEquals(MASK, assigned.value());
            assertEquals(Boolean.TRUE, assigned.secret());
            ConfigChange deleted = ContractCodec.decode(records.get(1).value(), ConfigChange.class);
            assertTrue(deleted.isDeleted());
            assertEquals(Boolean.TRUE, deleted.secret());
        }
    }

    @Test
    void aSecretStaysSecretUntilTheCallerSaysOtherwise() {
        String service = unique("svc");
        String path = "/api/config/service/" + service + "/signing.key";
        putSecret("service/" + service + "/signing.key", "first").statusCode(200);

        put("service/" + service + "/signing.key", "second").statusCode(200).body("secret", equalTo(true))
                .body("value", equalTo(MASK));
        as("viewer").get(path).then().body("value", equalTo(MASK));
        as("admin").get(path).then().body("value", equalTo("second"));

        as("admin").contentType(ContentType.JSON).body(Map.of("value", "public now", "secret", false))
                .put(path).then().statusCode(200).body("secret", equalTo(false));
        as("viewer").get(path).then().body("value", equalTo("public now")).body("secret", equalTo(false));
        assertEquals(false, Database.query("select secret from config.setting where scope_name = ?", service)
                .get(0).get("secret"));
    }

    @Test
    void aCiphertextMovedToAnotherKeyDoesNotDecrypt() {
        String service = unique("svc");
        putSecret("service/" + service + "/a", "value-of-a").statusCode(200);
        putSecret("service/" + service + "/b", "value-of-b").statusCode(200);

        Object original = Database.query("select value from config.setting where scope_name = ? and key = 'b'",
                service).get(0).get("value");
        Database.update("update config.setting set value = (select value from config.setting where scope_name = ?"
                + " and key = 'a') where scope_name = ? and key = 'b'", service, service);
        try {
            as("admin").get("/api/config/service/{s}/b", service).then().statusCode(500)
                    .contentType(PROBLEM)
                    .body("detail", containsString("cannot be decrypted"))
                    .body(not(containsString("value-of-a")));
            as("admin").get("/api/config/service/{s}/a", service).then().statusCode(200)
                    .body("value", equalTo("value-of-a"));
        } finally {
            // Other tests rotate keys; a secret that cannot be opened would hold back their rewrap.
            Database.update("update config.setting set value = ? where scope_name = ? and key = 'b'", original,
                    service);
        }
        as("admin").get("/api/config/service/{s}/b", service).then().statusCode(200)
                .body("value", equalTo("value-of-b"));
    }

    @Test
    void everyChangeAndEverySecretReadIsAudited() {
        String service = unique("svc");
        String scope = "service/" + service;
        String plaintext = unique("audited");
        long plainRevision = put(scope + "/plain", "one").statusCode(200).extract().jsonPath().getLong("revision");
        long secretRevision = putSecret(scope + "/secret", plaintext).statusCode(200)
                .extract().jsonPath().getLong("revision");
        long changedRevision = putSecret(scope + "/secret", plaintext + "-changed").statusCode(200)
                .extract().jsonPath().getLong("revision");
        as("admin").header("X-Request-Id", "req-" + service).get("/api/config/" + scope + "/secret").then()
                .statusCode(200).header("X-Request-Id", "req-" + service);
        as("viewer").get("/api/config/" + scope + "/secret").then().statusCode(200);
        as("admin").delete("/api/config/" + scope + "/plain").then().statusCode(200);

        String body = as("admin").queryParam("scope", scope).get("/api/config/audit").then().statusCode(200)
                .extract().asString();
        assertFalse(body.contains(plaintext), "no plaintext in the audit log");
        assertFalse(body.contains("tfenc:"), "no ciphertext in the audit log");
        JsonPath audit = JsonPath.from(body);
        List<Map<String, Object>> entries = audit.getList("entries");
        assertEquals(List.of("setting.put", "setting.put", "setting.put", "secret.read", "setting.delete"),
                entries.stream().map(e -> e.get("action")).toList(), "the viewer's masked read decrypts nothing");

        Map<String, Object> plainPut = entries.get(0);
        assertEquals("test-admin", plainPut.get("actor"));
        assertEquals("plain", plainPut.get("key"));
        assertEquals(scope, plainPut.get("scope"));
        assertEquals(plainRevision, ((Number) plainPut.get("revision")).longValue());
        assertFalse(plainPut.containsKey("oldHash"), "created: no old value");
        assertEquals(ValueDigest.sha256("one"), plainPut.get("newHash"));
        assertTrue(((String) plainPut.get("requestId")).length() >= 8, "generated request id");

        Map<String, Object> secretPut = entries.get(1);
        assertEquals(secretRevision, ((Number) secretPut.get("revision")).longValue());
        assertEquals(true, secretPut.get("secret"));
        String firstDigest = (String) secretPut.get("newHash");
        assertTrue(firstDigest.matches("hmac-sha256:[0-9a-f]{64}"), firstDigest);
        assertFalse(firstDigest.endsWith(ValueDigest.sha256(plaintext).substring(7)), "keyed, not a plain hash");

        Map<String, Object> secretChange = entries.get(2);
        assertEquals(changedRevision, ((Number) secretChange.get("revision")).longValue());
        assertEquals(firstDigest, secretChange.get("oldHash"));
        String secondDigest = (String) secretChange.get("newHash");
        assertFalse(secondDigest.equals(firstDigest));

        Map<String, Object> read = entries.get(3);
        assertEquals("req-" + service, read.get("requestId"));
        assertEquals(secondDigest, read.get("newHash"));
        assertEquals(changedRevision, ((Number) read.get("revision")).longValue());

        Map<String, Object> deletion = entries.get(4);
        assertEquals(ValueDigest.sha256("one"), deletion.get("oldHash"));
        assertFalse(deletion.containsKey("newHash"));
    }

    @Test
    void theAuditLogFiltersAndPages() {
        String service = unique("svc");
        String scope = "service/" + service;
        for (int i = 0; i < 3; i++) {
            put(scope + "/k" + i, "v").statusCode(200);
        }
        put(scope + "/k0", "w").statusCode(200);

        as("admin").queryParam("scope", scope).queryParam("key", "k0").get("/api/config/audit").then()
                .statusCode(200).body("entries.size()", equalTo(2));
        as("admin").queryParam("scope", scope).queryParam("actor", "someone-else").get("/api/config/audit")
                .then().statusCode(200).body("entries.size()", equalTo(0));
        JsonPath first = as("admin").queryParam("scope", scope).queryParam("limit", 3).get("/api/config/audit")
                .then().statusCode(200).body("entries.size()", equalTo(3)).body("more", equalTo(true))
                .extract().jsonPath();
        as("admin").queryParam("scope", scope).queryParam("after", first.getLong("next"))
                .get("/api/config/audit").then().statusCode(200)
                .body("entries.size()", equalTo(1)).body("entries[0].key", equalTo("k0"))
                .body("more", equalTo(false));
        String at = first.getString("entries[0].at");
        as("admin").queryParam("scope", scope).queryParam("actor", "test-admin").queryParam("after", at)
                .get("/api/config/audit").then().statusCode(200).body("entries.size()", equalTo(3));

        as("admin").queryParam("scope", "planet/x").queryParam("after", "yesterday").queryParam("limit", 0)
                .get("/api/config/audit").then().statusCode(400).contentType(PROBLEM)
                .body("errors.size()", equalTo(3));
        as("viewer").get("/api/config/audit").then().statusCode(403).contentType(PROBLEM);
        as("operator").get("/api/config/audit").then().statusCode(403);
        given().get("/api/config/audit").then().statusCode(401);
    }
}
