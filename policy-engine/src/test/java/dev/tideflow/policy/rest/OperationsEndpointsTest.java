package dev.tideflow.policy.rest;

import dev.tideflow.infra.testing.LocalInfraTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

@QuarkusTest
@QuarkusTestResource(LocalInfraTestResource.class)
class OperationsEndpointsTest {

    @Test
    void readinessCoversTheBrokerAndTheDatabaseWithoutAToken() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Kafka connection health check",
                        "SmallRye Reactive Messaging - readiness check",
                        "Reactive PostgreSQL connections health check"));
    }

    @Test
    void metricsShowTheEvaluationCounters() {
        given().when().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("tideflow_policy_windows_evaluated_total"))
                .body(containsString("tideflow_policy_decisions_published_total"))
                .body(containsString("tideflow_policy_evaluations_skipped_total{reason=\"cooldown\"}"));
    }

    @Test
    void theOpenApiDocumentIsPublic() {
        given().when().get("/q/openapi")
                .then().statusCode(200)
                .body(containsString("/api/policies"));
    }
}
