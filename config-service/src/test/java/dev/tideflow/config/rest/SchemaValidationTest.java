package dev.tideflow.config.rest;

import dev.tideflow.config.MasterKeyTestResource;
import dev.tideflow.infra.testing.LocalInfraTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.tideflow.config.ConfigApi.as;
import static dev.tideflow.config.ConfigApi.put;
import static dev.tideflow.config.ConfigApi.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

@QuarkusTest
@QuarkusTestResource(LocalInfraTestResource.class)
@QuarkusTestResource(MasterKeyTestResource.class)
class SchemaValidationTest {

    private static final String REPLICAS = """
            {"$schema": "https://json-schema.org/draft/2020-12/schema",
             "type": "integer", "minimum": 1, "maximum": 100}""";

    @Test
    void aChangeSetThatBreaksSchemasIsRefusedWithEveryViolation() {
        String prefix = unique("scaling") + ".";
        String svc = unique("svc");
        putSchema(prefix, REPLICAS).statusCode(200).body("prefix", equalTo(prefix))
                .body("schema.maximum", equalTo(100));

        as("admin").contentType(ContentType.JSON).body(Map.of("changes", List.of(
                        Map.of("scope", "service/" + svc, "key", prefix + "max", "value", "500"),
                        Map.of("scope", "service/" + svc, "key", prefix + "min", "value", "many"),
                        Map.of("scope", "service/" + svc, "key", "other", "value", "anything"))))
                .post("/api/config/changesets").then().statusCode(400)
                .body("errors", hasSize(2))
                .body("errors[0]", containsString("changes[0] (service/" + svc + "/" + prefix + "max)"))
                .body("errors[1]", containsString("changes[1]"));
        as("viewer").get("/api/config/service/" + svc + "/other").then().statusCode(404);

        put("service/" + svc + "/" + prefix + "max", "0").statusCode(400);
        put("service/" + svc + "/" + prefix + "max", "20").statusCode(200);
    }

    @Test
    void aSchemaThatExistingValuesBreakIsRefusedListingThem() {
        String prefix = unique("caching") + ".";
        put("environment/" + unique("env") + "/" + prefix + "ttl", "-5").statusCode(200);
        put("global/" + prefix + "size", "7").statusCode(200);
        putSchema(prefix, """
                {"$schema": "http://json-schema.org/draft-07/schema#", "type": "integer", "minimum": 0}""")
                .statusCode(409).body("errors", hasSize(1))
                .body("errors[0]", containsString(prefix + "ttl"));
        as("viewer").get("/api/config/schemas/" + prefix).then().statusCode(404);
    }

    @Test
    void anInvalidSchemaIsRefused() {
        String prefix = unique("bad") + ".";
        putSchema(prefix, "{\"type\": \"integr\"}").statusCode(400)
                .body("errors", hasItem(containsString("invalid schema")));
        putSchema(prefix, "not json").statusCode(400);
        putSchema(prefix, "{\"$schema\": \"https://json-schema.org/draft/2019-09/schema\"}").statusCode(400);
        putSchema("Bad Prefix", "{}").statusCode(400);
    }

    @Test
    void schemasAreListedReadAndDeleted() {
        String prefix = unique("mon") + ".";
        String svc = unique("svc");
        putSchema(prefix, "{\"type\": \"string\", \"enum\": [\"on\", \"off\"]}").statusCode(200);
        put("service/" + svc + "/" + prefix + "mode", "on").statusCode(200);
        put("service/" + svc + "/" + prefix + "mode", "maybe").statusCode(400);
        as("viewer").get("/api/config/schemas").then().statusCode(200).body("prefix", hasItem(prefix));
        as("viewer").get("/api/config/schemas/" + prefix).then().statusCode(200)
                .body("schema.enum", hasSize(2));
        as("operator").delete("/api/config/schemas/" + prefix).then().statusCode(403);
        as("admin").delete("/api/config/schemas/" + prefix).then().statusCode(204);
        as("admin").delete("/api/config/schemas/" + prefix).then().statusCode(404);
        put("service/" + svc + "/" + prefix + "mode", "maybe").statusCode(200);
    }

    private static io.restassured.response.ValidatableResponse putSchema(String prefix, String schema) {
        return as("admin").contentType(ContentType.JSON).body(schema).put("/api/config/schemas/" + prefix).then();
    }
}
