package dev.tideflow.config.health;

import dev.tideflow.infra.testing.LocalInfraTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.tideflow.config.ConfigApi.as;
import static dev.tideflow.config.ConfigApi.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/** A configured master key file that cannot be read: the service starts, but is not ready, and says why. */
@QuarkusTest
@QuarkusTestResource(LocalInfraTestResource.class)
@TestProfile(MasterKeyReadinessTest.UnreadableKey.class)
class MasterKeyReadinessTest {

    static final String MISSING = "target/no-such-dir/master.key";

    public static class UnreadableKey implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tideflow.config-service.master-key.file", MISSING);
        }
    }

    @Test
    void readinessIsDownWithTheReason() {
        given().get("/q/health/ready").then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks.find { it.name == 'master key' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'master key' }.data.reason", containsString(MISSING))
                .body("checks.find { it.name == 'master key' }.data.reason", containsString("cannot be loaded"));
        given().get("/q/health/live").then().statusCode(200).body("checks.name", not(hasItem("master key")));
    }

    @Test
    void secretsAnswer503WhilePlainSettingsStillWork() {
        String service = unique("svc");
        as("admin").contentType("application/json").body(Map.of("value", "s3cret", "secret", true))
                .put("/api/config/service/{s}/api.key", service).then().statusCode(503)
                .body("detail", containsString(MISSING));
        as("admin").contentType("application/json").body(Map.of("value", "plain"))
                .put("/api/config/service/{s}/plain", service).then().statusCode(200);
    }
}
