package dev.tideflow.collector;

import dev.tideflow.infra.testing.LocalInfraTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

@QuarkusTest
@QuarkusTestResource(LocalInfraTestResource.class)
class HealthTests {

    @Test
    void readinessCoversKafkaAndTheDatabaseAndIsUp() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                .when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Kafka connection health check",
                        "Reactive PostgreSQL connections health check",
                        "SmallRye Reactive Messaging - readiness check")));
    }

    @Test
    void metricsAndTheApiDescriptionArePublic() {
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("tideflow_collector_windows_open"));
        given().when().get("/q/openapi").then().statusCode(200)
                .body(containsString("/api/metrics"))
                .body(containsString("/api/windows"));
    }
}
