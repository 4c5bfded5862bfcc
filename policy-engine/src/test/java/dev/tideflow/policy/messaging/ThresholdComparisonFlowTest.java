package dev.tideflow.policy.messaging;

import dev.tideflow.contracts.ScalingDecision;
import dev.tideflow.contracts.Topics;
import dev.tideflow.infra.testing.LocalInfraTestResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;


import static dev.tideflow.policy.messaging.FlowTestSupport.createPolicy;
import static dev.tideflow.policy.messaging.FlowTestSupport.decode;
import static dev.tideflow.policy.messaging.FlowTestSupport.skipped;
import static dev.tideflow.policy.messaging.FlowTestSupport.uniqueTarget;
import static dev.tideflow.policy.messaging.FlowTestSupport.window;
import static dev.tideflow.policy.messaging.FlowTestSupport.windowStart;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(LocalInfraTestResource.class)
class ThresholdComparisonFlowTest extends FlowTest {

    @Inject
    MeterRegistry registry;

    @Test
    void aPercentageChangeIsMeasuredAgainstThePreviousWindowKeptInTheDatabase() {
        String target = uniqueTarget("change");
        createPolicy("""
                {"name": "%s", "target": "%s", "metric": "cpu", "cooldownSeconds": 0,
                 "rule": {"type": "threshold", "comparison": "percentage_change",
                          "scaleUpThreshold": 50, "scaleDownThreshold": -30},
                 "minReplicas": 1, "maxReplicas": 10}""".formatted(target.replace('/', '-'), target));
        kafka.observe(target, 2);

        try (ConsumerTask<String, String> decisions = kafka.followDecisions(target)) {
            double noChange = skipped(registry, "no-change");
            kafka.produce(Topics.METRIC_WINDOWS, target, window(target, windowStart(0), 100.0));
            await().atMost(PATIENCE).until(() -> skipped(registry, "no-change") > noChange);

            kafka.produce(Topics.METRIC_WINDOWS, target, window(target, windowStart(1), 200.0));
            ScalingDecision up = decode(decisions.awaitRecords(1, PATIENCE).getFirstRecord());
            assertEquals(2, up.currentReplicas());
            assertEquals(3, up.desiredReplicas());
            assertTrue(up.reason().startsWith("cpu avg 200 (+100 % on the previous window's 100) > scale-up "
                    + "threshold 50 %"), up.reason());

            kafka.produce(Topics.METRIC_WINDOWS, target, window(target, windowStart(2), 120.0));
            ScalingDecision down = decode(decisions.awaitRecords(2, PATIENCE).getRecords().get(1));
            assertEquals(3, down.currentReplicas());
            assertEquals(2, down.desiredReplicas());
            assertTrue(down.reason().startsWith("cpu avg 120 (-40 % on the previous window's 200) < scale-down "
                    + "threshold -30 %"), down.reason());
        }
    }

    @Test
    void lessThanScalesUpWhenTheValueFalls() {
        String target = uniqueTarget("idle");
        createPolicy("""
                {"name": "%s", "target": "%s", "metric": "cpu", "cooldownSeconds": 0,
                 "rule": {"type": "threshold", "comparison": "less_than",
                          "scaleUpThreshold": 20, "scaleDownThreshold": 60},
                 "minReplicas": 1, "maxReplicas": 10}""".formatted(target.replace('/', '-'), target));
        kafka.observe(target, 2);

        try (ConsumerTask<String, String> decisions = kafka.followDecisions(target)) {
            kafka.produce(Topics.METRIC_WINDOWS, target, window(target, windowStart(0), 10.0));
            ScalingDecision up = decode(decisions.awaitRecords(1, PATIENCE).getFirstRecord());
            assertEquals(3, up.desiredReplicas());
            assertTrue(up.reason().startsWith("cpu avg 10 < scale-up threshold 20"), up.reason());
        }
    }
}
