package dev.tideflow.executor.rest;

import dev.tideflow.infra.testing.LocalInfraTestResource;
import dev.tideflow.infra.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@QuarkusTestResource(LocalInfraTestResource.class)
class TargetResourceTest {

    private static final String SLEEPER = """
            {"driver": "process", "command": ["sleep", "3600"]}""";

    private static String uniqueName() {
        return "svc-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void adminRegistersReplacesAndDeletesATarget() {
        String name = uniqueName();
        String path = "/api/targets/registry/" + name;

        given().header("Authorization", TestTokens.bearer("admin")).contentType(ContentType.JSON).body(SLEEPER)
                .put(path)
                .then().statusCode(201)
                .header("Location", startsWith("http"))
                .body("id", equalTo("registry/" + name))
                .body("driver", equalTo("process"))
                .body("command", contains("sleep", "3600"));

        given().header("Authorization", TestTokens.bearer("admin")).contentType(ContentType.JSON)
                .body("{\"driver\": \"dry-run\"}")
                .put(path)
                .then().statusCode(200)
                .body("driver", equalTo("dry-run"))
                .body("workingDirectory", nullValue());

        given().header("Authorization", TestTokens.bearer("viewer")).get(path)
                .then().statusCode(200).body("driver", equalTo("dry-run"));
        given().header("Authorization", TestTokens.bearer("operator")).get("/api/targets")
                .then().statusCode(200).body("id", hasItem("registry/" + name));

        given().header("Authorization", TestTokens.bearer("admin")).delete(path).then().statusCode(204);
        given().header("Authorization", TestTokens.bearer("viewer")).get(path)
                .then().statusCode(404).contentType("application/problem+json");
        given().header("Authorization", TestTokens.bearer("admin")).delete(path).then().statusCode(404);
    }

    @Test
    void anUnknownDriverIsRefusedNamingTheKnownOnes() {
        given().header("Authorization", TestTokens.bearer("admin")).contentType(ContentType.JSON)
                .body("{\"driver\": \"x\"}")
                .put("/api/targets/registry/" + uniqueName())
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("unknown driver 'x' (known: dry-run, process, replicas-only)"));
    }

    @Test
    void theProcessDriverRequiresACommand() {
        given().header("Authorization", TestTokens.bearer("admin")).contentType(ContentType.JSON)
                .body("{\"driver\": \"process\"}")
                .put("/api/targets/registry/" + uniqueName())
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors", contains("'command' is required for the process driver"));
    }

    @Test
    void aMissingDriverAndAnInvalidTargetIdAreRefused() {
        given().header("Authorization", TestTokens.bearer("admin")).contentType(ContentType.JSON)
                .body("{\"command\": [\"sleep\", \"1\"]}")
                .put("/api/targets/registry/" + uniqueName())
                .then().statusCode(400).contentType("application/problem+json");

        given().header("Authorization", TestTokens.bearer("admin")).contentType(ContentType.JSON).body(SLEEPER)
                .put("/api/targets/Not_Valid/web")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void writesNeedAnAdminAndReadsAValidToken() {
        String path = "/api/targets/registry/" + uniqueName();

        given().contentType(ContentType.JSON).body(SLEEPER).put(path)
                .then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", "Bearer " + TestTokens.forged("admin")).contentType(ContentType.JSON)
                .body(SLEEPER).put(path)
                .then().statusCode(401);
        given().header("Authorization", TestTokens.bearer("viewer")).contentType(ContentType.JSON).body(SLEEPER)
                .put(path)
                .then().statusCode(403).contentType("application/problem+json");
        given().header("Authorization", TestTokens.bearer("operator")).contentType(ContentType.JSON).body(SLEEPER)
                .put(path)
                .then().statusCode(403);
        given().header("Authorization", TestTokens.bearer("viewer")).delete(path).then().statusCode(403);

        given().get("/api/targets").then().statusCode(401);
        given().header("Authorization", "Bearer " + TestTokens.forged("viewer")).get("/api/events")
                .then().statusCode(401);
        given().header("Authorization", TestTokens.bearer()).get("/api/targets").then().statusCode(403);
    }

    @Test
    void readinessCoversTheBrokerAndTheDatabase() {
        given().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Kafka")))
                .body("checks.name", hasItem(containsString("Database")))
                .body("checks.name", hasItem(containsString("Reactive Messaging")));
    }

    @Test
    void theAuditRefusesAnUnreasonableLimit() {
        given().header("Authorization", TestTokens.bearer("viewer")).queryParam("limit", 0).get("/api/events")
                .then().statusCode(400).contentType("application/problem+json");
        given().header("Authorization", TestTokens.bearer("viewer")).queryParam("target", "NOT A TARGET")
                .get("/api/events")
                .then().statusCode(400).contentType("application/problem+json");
    }
}
