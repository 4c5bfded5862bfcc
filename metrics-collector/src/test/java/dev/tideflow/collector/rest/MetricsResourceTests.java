package dev.tideflow.collector.rest;

import dev.tideflow.collector.messaging.Samples;
import dev.tideflow.collector.messaging.TopicProbe;
import dev.tideflow.contracts.MetricWindow;
import dev.tideflow.contracts.Topics;
import dev.tideflow.infra.testing.LocalInfraTestResource;
import dev.tideflow.infra.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(LocalInfraTestResource.class)
class MetricsResourceTests {

    private static final String PROBLEM_JSON = "application/problem+json";

    @BeforeEach
    void pipelineLive() {
        Samples.awaitPipelineLive();
    }

    @Test
    void aValidBatchIsAcceptedAndBecomesAWindow() {
        String target = Samples.uniqueTarget("rest");
        try (TopicProbe windows = new TopicProbe(Topics.METRIC_WINDOWS, target)) {
            given().header("Authorization", TestTokens.bearer("operator"))
                    .contentType(ContentType.JSON)
                    .body("""
                            {"samples": [
                              {"target": "%1$s", "metric": "rps", "value": 10},
                              {"target": "%1$s", "metric": "rps", "value": 20, "instance": "web-1"}
                            ]}""".formatted(target))
                    .when().post("/api/metrics")
                    .then().statusCode(202)
                    .body("accepted", equalTo(2));

            MetricWindow window = Samples.window(windows.await(1).get(0));
            assertEquals("rps", window.metric());
            assertEquals(2L, window.count());
            assertEquals(30.0, window.sum());
            assertEquals(10.0, window.min());
            assertEquals(20.0, window.max());
        }
    }

    @Test
    void aBareArrayIsAcceptedToo() {
        String target = Samples.uniqueTarget("rest");
        try (TopicProbe samples = new TopicProbe(Topics.METRICS, target)) {
            given().header("Authorization", TestTokens.bearer("admin"))
                    .contentType(ContentType.JSON)
                    .body("[{\"target\": \"%s\", \"metric\": \"cpu\", \"value\": 0.25}]".formatted(target))
                    .when().post("/api/metrics")
                    .then().statusCode(202)
                    .body("accepted", equalTo(1));

            // The sample is on the topic, keyed by its target, as version 1 with the time of the request.
            String value = samples.await(1).get(0).value();
            assertTrue(value.contains("\"v\":1") && value.contains("\"timestamp\":"), value);
        }
    }

    @Test
    void anInvalidBatchIsRefusedWholeWithEveryBadSampleNamed() {
        String target = Samples.uniqueTarget("rest");
        Instant at = Samples.soon();
        try (TopicProbe samples = new TopicProbe(Topics.METRICS, target);
                TopicProbe windows = new TopicProbe(Topics.METRIC_WINDOWS, target)) {
            given().header("Authorization", TestTokens.bearer("operator"))
                    .contentType(ContentType.JSON)
                    .body("""
                            {"samples": [
                              {"target": "%1$s", "metric": "cpu", "value": 5, "timestamp": "%2$s"},
                              {"target": "%1$s", "metric": "cpu", "value": -1, "timestamp": "%2$s"},
                              {"target": "%1$s", "value": 1, "timestamp": "%2$s"},
                              {"target": "Not A Target", "metric": "cpu", "value": "NaN"}
                            ]}""".formatted(target, at))
                    .when().post("/api/metrics")
                    .then().statusCode(400)
                    .contentType(PROBLEM_JSON)
                    .body("status", equalTo(400))
                    .body("detail", startsWith("3 of 4 samples are invalid"))
                    .body("errors", hasItems(
                            "samples[1]: 'value' must not be negative, got -1.0",
                            "samples[2]: 'metric' is required",
                            "samples[3]: 'value' must be a finite number, got NaN"))
                    .body("errors.findAll { it.startsWith('samples[0]') }", hasSize(0));

            // A later valid sample of the same window makes a window of exactly one sample: nothing of the
            // refused batch reached the topic.
            given().header("Authorization", TestTokens.bearer("operator"))
                    .contentType(ContentType.JSON)
                    .body("[{\"target\": \"%s\", \"metric\": \"cpu\", \"value\": 1, \"timestamp\": \"%s\"}]"
                            .formatted(target, at))
                    .when().post("/api/metrics")
                    .then().statusCode(202);

            MetricWindow window = Samples.window(windows.await(1).get(0));
            assertEquals(1L, window.count());
            assertEquals(1.0, window.sum());
            assertEquals(1, samples.poll().size(), "records on tideflow.metrics for the target");
        }
    }

    @Test
    void aBatchAboveTheLimitIsRefusedWith413() {
        String target = Samples.uniqueTarget("rest");
        String body = IntStream.range(0, 101)
                .mapToObj(i -> "{\"target\": \"%s\", \"metric\": \"cpu\", \"value\": %d}".formatted(target, i))
                .collect(Collectors.joining(",", "[", "]"));

        given().header("Authorization", TestTokens.bearer("operator"))
                .contentType(ContentType.JSON)
                .body(body)
                .when().post("/api/metrics")
                .then().statusCode(413)
                .contentType(PROBLEM_JSON)
                .body("detail", containsString("101 samples exceeds the limit of 100"));
    }

    @Test
    void aBodyThatIsNotJsonIsAProblem() {
        given().header("Authorization", TestTokens.bearer("operator"))
                .contentType(ContentType.JSON)
                .body("{\"samples\": [")
                .when().post("/api/metrics")
                .then().statusCode(400)
                .contentType(PROBLEM_JSON);
    }

    @Test
    void postingNeedsAValidTokenWithAWriteRole() {
        String body = "[{\"target\": \"rest/auth\", \"metric\": \"cpu\", \"value\": 1}]";

        given().contentType(ContentType.JSON).body(body)
                .when().post("/api/metrics")
                .then().statusCode(401).contentType(PROBLEM_JSON);
        given().header("Authorization", "Bearer " + TestTokens.forged("admin"))
                .contentType(ContentType.JSON).body(body)
                .when().post("/api/metrics")
                .then().statusCode(401);
        given().header("Authorization", TestTokens.bearer("viewer"))
                .contentType(ContentType.JSON).body(body)
                .when().post("/api/metrics")
                .then().statusCode(403).contentType(PROBLEM_JSON);
    }

    @Test
    void readingWindowsNeedsAValidTokenAndAnyRole() {
        given().when().get("/api/windows").then().statusCode(401);
        given().header("Authorization", "Bearer " + TestTokens.forged("viewer"))
                .when().get("/api/windows").then().statusCode(401);
        given().header("Authorization", TestTokens.bearer())
                .when().get("/api/windows").then().statusCode(403);
        given().header("Authorization", TestTokens.bearer("viewer"))
                .queryParam("target", Samples.uniqueTarget("nobody"))
                .when().get("/api/windows")
                .then().statusCode(200).body("$", hasSize(0));
        given().header("Authorization", TestTokens.bearer("viewer"))
                .queryParam("limit", 0)
                .when().get("/api/windows")
                .then().statusCode(400).contentType(PROBLEM_JSON);
    }
}
