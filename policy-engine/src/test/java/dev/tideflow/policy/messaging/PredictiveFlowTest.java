package dev.tideflow.policy.messaging;

import dev.tideflow.contracts.Contract;
import dev.tideflow.contracts.InstanceAggregate;
import dev.tideflow.contracts.MetricWindow;
import dev.tideflow.contracts.ScalingDecision;
import dev.tideflow.contracts.Topics;
import dev.tideflow.infra.testing.LocalInfraTestResource;
import dev.tideflow.infra.testing.TestTokens;
import dev.tideflow.policy.service.ForecastService;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static dev.tideflow.policy.messaging.FlowTestSupport.createPolicy;
import static dev.tideflow.policy.messaging.FlowTestSupport.decode;
import static dev.tideflow.policy.messaging.FlowTestSupport.uniqueTarget;
import static dev.tideflow.policy.messaging.FlowTestSupport.window;
import static dev.tideflow.policy.messaging.FlowTestSupport.windowStart;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(LocalInfraTestResource.class)
class PredictiveFlowTest extends FlowTest {

    /** HPA's default scale-up rate would hold the jump back; these tests are about the floor. */
    private static final String FAST = """
            "behavior": {"scaleUp": {"policies": [{"type": "Pods", "value": 100, "periodSeconds": 15}]},
                         "scaleDown": {"stabilizationWindowSeconds": 0}}""";

    @Inject
    ForecastService forecasts;

    @Test
    void forecastAndScaleRaisesTheFloorAheadOfTheDailyPeak() throws Throwable {
        String target = uniqueTarget("predict");
        Instant windowEnd = windowStart(0).plusSeconds(10);
        // The daily peak (900 rps, 9 replicas at 100 each) is 30 minutes after the current bucket starts: inside
        // the 45-minute scheduling buffer, while the window itself reports a quiet moment.
        Instant peak = HistorySeeding.bucketOf(windowEnd).plus(Duration.ofMinutes(30));
        HistorySeeding.seed(forecasts, target, "rps", windowEnd, 3, peak);
        createPolicy("""
                {"name": "%s", "target": "%s", "minReplicas": 1, "maxReplicas": 20,
                 "rule": {"type": "targetTracking", "metrics": [
                     {"name": "rps", "target": {"type": "AverageValue", "averageValue": 100}}]},
                 %s,
                 "predictive": {"mode": "ForecastAndScale", "metric": "rps", "historyWindow": "7d",
                                "schedulingBuffer": "45m", "minConfidence": 0.6}}"""
                .formatted(target.replace('/', '-'), target, FAST));
        kafka.observe(target, 2);

        try (ConsumerTask<String, String> decisions = kafka.followDecisions(target)) {
            kafka.produce(Topics.METRIC_WINDOWS, target, window(target, "rps", windowStart(0), 50.0, 100.0));

            ScalingDecision decision = decode(decisions.awaitRecords(1, PATIENCE).getFirstRecord());
            assertEquals(2, decision.currentReplicas());
            assertTrue(decision.desiredReplicas() >= 8 && decision.desiredReplicas() <= 10, decision.reason());
            assertTrue(decision.reason().contains("[forecast ForecastAndScale on rps: range [1, 20] raised to ["
                    + decision.desiredReplicas() + ", 20]"), decision.reason());

            given().auth().oauth2(TestTokens.withRoles("viewer"))
                    .when().get("/api/autoscaling/decisions/" + decision.decisionId())
                    .then().statusCode(200)
                    .body("explanation.metrics[0].proposal", equalTo(1))
                    .body("explanation.decidedBy", equalTo("forecast"))
                    .body("explanation.limitedBy", equalTo("forecast"))
                    .body("explanation.forecast.mode", equalTo("ForecastAndScale"))
                    .body("explanation.forecast.applied", equalTo(true))
                    .body("explanation.forecast.minReplicas", equalTo(decision.desiredReplicas()))
                    .body("explanation.forecast.confidence", greaterThan(0.6f))
                    .body("explanation.forecast.detail", startsWith("forecast peak "));
        }
    }

    @Test
    void everyWindowAddsToItsBucketOnceEvenWhenRedelivered() {
        String target = uniqueTarget("history");
        Instant bucket = HistorySeeding.bucketOf(Instant.now()).minus(HistorySeeding.BUCKET);
        MetricWindow first = new MetricWindow(Contract.VERSION, target, "queue", bucket, bucket.plusSeconds(10), 4L,
                1.0, 9.0, 5.0, 20.0, List.of(new InstanceAggregate("a", 2L, 4.0, 4.0, null, true),
                        new InstanceAggregate("b", 2L, 6.0, 6.0, null, true)), null);
        MetricWindow second = window(target, "queue", bucket.plusSeconds(10), 3.0, 30.0);

        kafka.produce(Topics.METRIC_WINDOWS, target, first);
        kafka.produce(Topics.METRIC_WINDOWS, target, first);
        kafka.produce(Topics.METRIC_WINDOWS, target, second);

        // The first window lists every instance: its load is 4 + 6, not its sum over samples; the second's is its sum.
        await().atMost(PATIENCE).until(() -> Arrays.equals(bucketRow(target, "queue", bucket), new double[] {40, 2}));
    }

    @Test
    void forecastOnlyShowsTheFloorAndLeavesTheDecisionToTheMetrics() throws Throwable {
        String target = uniqueTarget("predict");
        Instant windowEnd = windowStart(0).plusSeconds(10);
        Instant peak = HistorySeeding.bucketOf(windowEnd).plus(Duration.ofMinutes(30));
        HistorySeeding.seed(forecasts, target, "rps", windowEnd, 3, peak);
        createPolicy("""
                {"name": "%s", "target": "%s", "minReplicas": 1, "maxReplicas": 20,
                 "rule": {"type": "targetTracking", "metrics": [
                     {"name": "rps", "target": {"type": "AverageValue", "averageValue": 100}}]},
                 %s,
                 "predictive": {"mode": "ForecastOnly", "metric": "rps", "schedulingBuffer": "45m"}}"""
                .formatted(target.replace('/', '-'), target, FAST));
        kafka.observe(target, 2);

        try (ConsumerTask<String, String> decisions = kafka.followDecisions(target)) {
            kafka.produce(Topics.METRIC_WINDOWS, target, window(target, "rps", windowStart(0), 50.0, 100.0));

            ScalingDecision decision = decode(decisions.awaitRecords(1, PATIENCE).getFirstRecord());
            assertEquals(1, decision.desiredReplicas(), decision.reason());
            assertTrue(decision.reason().contains("[forecast ForecastOnly on rps: not applied, peak "),
                    decision.reason());

            given().auth().oauth2(TestTokens.withRoles("viewer"))
                    .when().get("/api/autoscaling/decisions/" + decision.decisionId())
                    .then().statusCode(200)
                    .body("explanation.forecast.mode", equalTo("ForecastOnly"))
                    .body("explanation.forecast.applied", equalTo(false))
                    .body("explanation.forecast.minReplicas", greaterThan(7))
                    .body("explanation.forecast.detail", startsWith("ForecastOnly, not applied: "));
        }
    }

    /** The bucket's value sum and window count; null when there is no row. */
    private static double[] bucketRow(String target, String metric, Instant bucket) throws SQLException {
        Config config = ConfigProvider.getConfig();
        try (Connection db = DriverManager.getConnection(LocalInfraTestResource.jdbcUrl(),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
                PreparedStatement query = db.prepareStatement("select value_sum, windows from policy.metric_history"
                        + " where target = ? and metric = ? and bucket_start = ?")) {
            query.setString(1, target);
            query.setString(2, metric);
            query.setTimestamp(3, Timestamp.from(bucket));
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? new double[] {row.getDouble(1), row.getInt(2)} : null;
            }
        }
    }

    @Test
    void aThresholdPolicyIsRaisedToTheForecastFloorWithoutABreach() throws Throwable {
        String target = uniqueTarget("predict");
        Instant windowEnd = windowStart(0).plusSeconds(10);
        Instant peak = HistorySeeding.bucketOf(windowEnd).plus(Duration.ofMinutes(30));
        HistorySeeding.seed(forecasts, target, "rps", windowEnd, 3, peak);
        createPolicy("""
                {"name": "%s", "target": "%s", "metric": "rps", "evaluationPeriods": 3, "minReplicas": 1,
                 "maxReplicas": 6, "rule": {"type": "threshold", "scaleUpThreshold": 800, "scaleDownThreshold": 10},
                 "predictive": {"mode": "ForecastAndScale", "metric": "rps", "schedulingBuffer": "45m",
                                "targetValuePerReplica": 100}}"""
                .formatted(target.replace('/', '-'), target));
        kafka.observe(target, 2);

        try (ConsumerTask<String, String> decisions = kafka.followDecisions(target)) {
            kafka.produce(Topics.METRIC_WINDOWS, target, window(target, "rps", windowStart(0), 50.0, 100.0));

            ScalingDecision decision = decode(decisions.awaitRecords(1, PATIENCE).getFirstRecord());
            // honor: the 9 replicas the peak needs stop at the policy's maximum.
            assertEquals(6, decision.desiredReplicas(), decision.reason());
            given().auth().oauth2(TestTokens.withRoles("viewer"))
                    .when().get("/api/autoscaling/decisions/" + decision.decisionId())
                    .then().statusCode(200)
                    .body("explanation.decidedBy", equalTo("forecast"))
                    .body("explanation.forecast.maxReplicas", equalTo(6));
        }
    }
}
