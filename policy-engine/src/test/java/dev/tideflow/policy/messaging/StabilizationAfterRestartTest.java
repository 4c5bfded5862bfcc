package dev.tideflow.policy.messaging;

import dev.tideflow.contracts.ScalingDecision;
import dev.tideflow.contracts.Topics;
import dev.tideflow.infra.testing.LocalInfraTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.tideflow.policy.messaging.FlowTestSupport.decode;
import static dev.tideflow.policy.messaging.FlowTestSupport.window;
import static dev.tideflow.policy.messaging.StabilizationBeforeRestartTest.recommendationReason;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The second half of the restart test: a new application (its own test profile) on the database the first one
 * wrote. The stabilization history made before the restart still holds the scale-down, until its window passes.
 * Run together with {@link StabilizationBeforeRestartTest} ({@code -Dtest='Stabilization*'}).
 */
@QuarkusTest
@TestProfile(StabilizationAfterRestartTest.Restarted.class)
@QuarkusTestResource(LocalInfraTestResource.class)
class StabilizationAfterRestartTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Test
    void theHistoryWrittenBeforeTheRestartStillHoldsTheScaleDown() {
        String target = System.getProperty(StabilizationBeforeRestartTest.TARGET);
        assumeTrue(target != null, "runs after StabilizationBeforeRestartTest in the same test JVM");
        Instant base = Instant.parse(System.getProperty(StabilizationBeforeRestartTest.BASE));

        try (FlowTestSupport kafka = new FlowTestSupport();
                ConsumerTask<String, String> decisions = kafka.followDecisions(target)) {
            // 30 s after the recommendation of 5: still inside the 60 s window, so 5 replicas stay although the
            // windows since ask for 3. Without the stored history this would scale down at once.
            kafka.produce(Topics.METRIC_WINDOWS, target, window(target, "rps", base.plusSeconds(30), 6, 60));
            await().atMost(PATIENCE).until(() -> recommendationReason(target)
                    .contains("over window ending " + base.plusSeconds(40)));
            String held = recommendationReason(target);
            assertEquals(true, held.contains("decided by ScaleDownStabilized"), held);
            assertEquals(true, held.endsWith("; stays at 5 replicas (current count from the last decision, not yet "
                    + "observed)"), held);

            // 70 s after it, the window has passed: HPA's ceil(6 × 5 / 10) = 3.
            kafka.produce(Topics.METRIC_WINDOWS, target, window(target, "rps", base.plusSeconds(70), 6, 60));
            await().atMost(PATIENCE).until(() -> decisions.stream().map(FlowTestSupport::decode)
                    .anyMatch(d -> d.windowEnd().equals(base.plusSeconds(80))));
            List<ScalingDecision> after = decisions.stream().map(FlowTestSupport::decode)
                    .filter(d -> d.windowEnd().isAfter(base.plusSeconds(20))).toList();
            assertEquals(1, after.size(), after.toString());
            assertEquals(5, after.get(0).currentReplicas());
            assertEquals(3, after.get(0).desiredReplicas());
        }
    }

    /** Any profile other than the default one makes Quarkus start a new application. */
    public static class Restarted implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tideflow.policy-engine.global-max-replicas", "100");
        }
    }
}
