package dev.tideflow.config.rest;

import dev.tideflow.config.MasterKeyTestResource;
import dev.tideflow.infra.testing.LocalInfraTestResource;
import dev.tideflow.infra.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
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

/** A service token reads its own service's secrets (and the ones it inherits) in clear, nobody else's. */
@QuarkusTest
@QuarkusTestResource(LocalInfraTestResource.class)
@QuarkusTestResource(MasterKeyTestResource.class)
class ServiceTokenTest {

    private static final String MASK = "******";

    private static RequestSpecification asService(String service) {
        return given().header("Authorization", TestTokens.bearerFor("service:" + service, "service"));
    }

    @Test
    void aServiceReadsItsOwnSecretsInClearAndOthersMasked() {
        String own = unique("svc");
        String other = unique("svc");
        String environment = unique("env");
        String ownSecret = unique("own");
        String otherSecret = unique("other");
        String inherited = unique("env-secret");
        putSecret("service/" + own + "/webhook.secret", ownSecret).statusCode(200);
        putSecret("service/" + other + "/webhook.secret", otherSecret).statusCode(200);
        putSecret("environment/" + environment + "/db.password", inherited).statusCode(200);
        putSecret("instance/" + own + "-0/instance.secret", unique("instance")).statusCode(200);
        put("service/" + other + "/plain", "visible").statusCode(200);

        asService(own).get("/api/config/service/{s}/webhook.secret", own).then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("value", equalTo(ownSecret)).body("secret", equalTo(true));
        asService(own).queryParam("service", own).queryParam("environment", environment)
                .get("/api/config/effective").then().statusCode(200)
                .body("settings.'webhook.secret'.value", equalTo(ownSecret))
                .body("settings.'db.password'.value", equalTo(inherited));

        asService(own).get("/api/config/service/{s}/webhook.secret", other).then().statusCode(200)
                .body("value", equalTo(MASK));
        asService(own).get("/api/config/service/{s}", other).then().statusCode(200)
                .body("settings.'webhook.secret'.value", equalTo(MASK))
                .body("settings.'plain'.value", equalTo("visible"))
                .body(not(containsString(otherSecret)));
        asService(own).queryParam("service", other).get("/api/config/effective").then().statusCode(200)
                .body("settings.'webhook.secret'.value", equalTo(MASK));
        asService(own).get("/api/config/instance/{i}/instance.secret", own + "-0").then().statusCode(200)
                .body("value", equalTo(MASK));
    }

    @Test
    void everyReadInClearIsAuditedWithTheServiceAsActor() {
        String service = unique("svc");
        String other = unique("svc");
        putSecret("service/" + service + "/api.key", unique("k")).statusCode(200);
        putSecret("service/" + other + "/api.key", unique("k")).statusCode(200);

        asService(service).get("/api/config/service/{s}/api.key", service).then().statusCode(200);
        asService(service).get("/api/config/service/{s}/api.key", other).then().statusCode(200)
                .body("value", equalTo(MASK));

        List<Map<String, Object>> reads = secretReads("service/" + service);
        assertEquals(1, reads.size(), "one read in clear");
        assertEquals("service:" + service, reads.get(0).get("actor"));
        assertEquals("api.key", reads.get(0).get("key"));
        assertEquals(List.of(), secretReads("service/" + other), "a masked read decrypts nothing");
    }

    @Test
    void aServiceTokenNeedsBothTheRoleAndAServiceSubject() {
        String service = unique("svc");
        String secret = unique("s");
        putSecret("service/" + service + "/api.key", secret).statusCode(200);

        given().get("/api/config/service/{s}/api.key", service).then().statusCode(401);
        given().header("Authorization", TestTokens.forged("service"))
                .get("/api/config/service/{s}/api.key", service).then().statusCode(401);
        // The service role reads; it never writes.
        asService(service).contentType("application/json").body("{\"value\":\"x\"}")
                .put("/api/config/service/{s}/api.key", service).then().statusCode(403);
        asService(service).get("/api/config/audit").then().statusCode(403);
        // A service subject without the role, or the role without a service subject, reveals nothing.
        given().header("Authorization", TestTokens.bearerFor("service:" + service, "viewer"))
                .get("/api/config/service/{s}/api.key", service).then().statusCode(200).body("value", equalTo(MASK));
        given().header("Authorization", TestTokens.bearerFor("robot", "service"))
                .get("/api/config/service/{s}/api.key", service).then().statusCode(200).body("value", equalTo(MASK));
        given().header("Authorization", TestTokens.bearerFor("service:" + service))
                .get("/api/config/service/{s}/api.key", service).then().statusCode(403);
    }

    private static List<Map<String, Object>> secretReads(String scope) {
        String body = as("admin").queryParam("scope", scope).queryParam("limit", 1000)
                .get("/api/config/audit").then().statusCode(200).extract().asString();
        List<Map<String, Object>> entries = JsonPath.from(body).getList("entries");
        return entries.stream().filter(e -> "secret.read".equals(e.get("action"))).toList();
    }
}
