package dev.tideflow.config.rest;

import dev.tideflow.config.MasterKeyTestResource;
import dev.tideflow.infra.testing.LocalInfraTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.tideflow.config.ConfigApi.as;
import static dev.tideflow.config.ConfigApi.put;
import static dev.tideflow.config.ConfigApi.putSecret;
import static dev.tideflow.config.ConfigApi.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@QuarkusTestResource(LocalInfraTestResource.class)
@QuarkusTestResource(MasterKeyTestResource.class)
class YamlImportExportTest {

    private static final String PRODUCTION = """
            scaling:
              max-replicas: 20
              min-replicas: 2
            caching:
              ttl: 30s
            monitoring:
              interval: 15s
            """;

    @Test
    void anImportIsOneChangeSetAndExportsBackAsNestedYaml() {
        String env = unique("env");
        List<Long> revisions = importYaml(env, PRODUCTION).statusCode(200).extract().jsonPath()
                .getList("changes.revision", Long.class);
        assertEquals(4, revisions.size());
        assertEquals(1, revisions.stream().distinct().count());
        as("viewer").get("/api/config/environment/" + env + "/scaling.max-replicas").then()
                .body("value", equalTo("20"));

        String exported = as("admin").accept("application/yaml").get("/api/config/environment/" + env + "/export")
                .then().statusCode(200).contentType(containsString("application/yaml")).extract().asString();
        assertEquals(true, exported.contains("scaling:\n  max-replicas: "), exported);
        // Importing the export again changes nothing.
        importYaml(env, exported).statusCode(200).body("changes", hasSize(0));
    }

    @Test
    void secretsAreMaskedUnlessAskedForAndAMaskedSecretImportsBackUnchanged() {
        String env = unique("env");
        putSecret("environment/" + env + "/db.password", "hunter2").statusCode(200);
        String masked = as("admin").get("/api/config/environment/" + env + "/export").then().statusCode(200)
                .extract().asString();
        assertEquals(true, masked.contains("password: ") && masked.contains("******")
                && !masked.contains("hunter2"), masked);
        String clear = as("admin").get("/api/config/environment/" + env + "/export?includeSecrets=true").then()
                .statusCode(200).extract().asString();
        assertEquals(true, clear.contains("hunter2"), clear);
        as("admin").get("/api/config/audit?scope=environment/" + env).then().statusCode(200)
                .body("entries.action", hasItem("config.export"));

        importYaml(env, masked).statusCode(200).body("changes", hasSize(0));
        as("admin").get("/api/config/environment/" + env + "/db.password").then().body("value", equalTo("hunter2"));
        as("viewer").get("/api/config/environment/" + env + "/export").then().statusCode(403);
    }

    @Test
    void aBadDocumentIsRefusedWithEveryProblemAndPruneDeletesWhatItDoesNotName() {
        String env = unique("env");
        importYaml(env, "Scaling:\n  max: 1\nempty:\nok: fine\n").statusCode(400)
                .body("errors", hasSize(2))
                .body("errors", hasItem(containsString("'empty' has no value")))
                .body("errors", hasItem(containsString("'Scaling.max'")));
        as("viewer").get("/api/config/environment/" + env + "/ok").then().statusCode(404);

        put("environment/" + env + "/stale", "x").statusCode(200);
        importYaml(env, PRODUCTION).statusCode(200);
        as("viewer").get("/api/config/environment/" + env + "/stale").then().statusCode(200);
        as("admin").contentType("application/yaml").body(PRODUCTION.getBytes(StandardCharsets.UTF_8))
                .post("/api/config/environment/" + env + "/import?prune=true").then().statusCode(200)
                .body("changes", hasSize(1)).body("changes[0].deleted", equalTo(true));
        as("viewer").get("/api/config/environment/" + env + "/stale").then().statusCode(404)
                .body("detail", not(containsString("hunter2")));
    }

    private static io.restassured.response.ValidatableResponse importYaml(String env, String yaml) {
        return as("admin").contentType("application/yaml").body(yaml.getBytes(StandardCharsets.UTF_8))
                .post("/api/config/environment/" + env + "/import").then();
    }
}
