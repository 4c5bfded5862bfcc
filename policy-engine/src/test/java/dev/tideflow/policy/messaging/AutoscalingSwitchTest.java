package dev.tideflow.policy.messaging;

import dev.tideflow.configclient.LiveConfig;
import dev.tideflow.contracts.ConfigChange;
import dev.tideflow.contracts.ConfigScope;
import dev.tideflow.contracts.Contract;
import dev.tideflow.contracts.Topics;
import dev.tideflow.infra.testing.LocalInfraTestResource;
import dev.tideflow.policy.service.WindowEvaluationService;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static dev.tideflow.policy.messaging.FlowTestSupport.createPolicy;
import static dev.tideflow.policy.messaging.FlowTestSupport.decode;
import static dev.tideflow.policy.messaging.FlowTestSupport.loggedDecisions;
import static dev.tideflow.policy.messaging.FlowTestSupport.skipped;
import static dev.tideflow.policy.messaging.FlowTestSupport.uniqueTarget;
import static dev.tideflow.policy.messaging.FlowTestSupport.window;
import static dev.tideflow.policy.messaging.FlowTestSupport.windowStart;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@QuarkusTestResource(LocalInfraTestResource.class)
class AutoscalingSwitchTest extends FlowTest {

    @Inject
    LiveConfig liveConfig;

    @Inject
    MeterRegistry registry;

    @AfterEach
    void switchBackOn() {
        if (!liveConfig.getBoolean(WindowEvaluationService.AUTOSCALING_ENABLED, true)) {
            setAutoscaling(true);
        }
    }

    @Test
    void switchedOffNothingIsDecidedAndSwitchedOnDecisionsResume() {
        String target = uniqueTarget("switch");
        createPolicy(target, 0, false);

        try (ConsumerTask<String, String> decisions = kafka.followDecisions(target)) {
            setAutoscaling(false);
            double disabledSkips = skipped(registry, "disabled");
            kafka.produce(Topics.METRIC_WINDOWS, target, window(target, windowStart(0), 95.0));
            await().atMost(PATIENCE).until(() -> skipped(registry, "disabled") > disabledSkips);

            assertEquals(List.of(), loggedDecisions(target));
            assertEquals(0, decisions.count());

            setAutoscaling(true);
            kafka.produce(Topics.METRIC_WINDOWS, target, window(target, windowStart(1), 95.0));

            assertEquals(2, decode(decisions.awaitRecords(1, PATIENCE).getFirstRecord()).desiredReplicas());
            assertEquals(1, loggedDecisions(target).size());
        }
    }

    /** Publishes the suite-wide switch as config-service would and waits until this service has applied it. */
    private void setAutoscaling(boolean enabled) {
        // The next revision, as config-service would assign it: a skipped one would make the client resync.
        long revision = liveConfig.revision() + 1;
        ConfigChange change = new ConfigChange(Contract.VERSION, revision, ConfigScope.GLOBAL,
                WindowEvaluationService.AUTOSCALING_ENABLED, Boolean.toString(enabled), false, false, Instant.now(),
                "test");
        kafka.produce(Topics.CONFIG, change.recordKey(), change);
        await().atMost(PATIENCE).until(
                () -> liveConfig.getBoolean(WindowEvaluationService.AUTOSCALING_ENABLED, !enabled) == enabled);
        await("a structured record in the logging core's file").atMost(PATIENCE).ignoreExceptions()
                .until(() -> java.nio.file.Files.readAllLines(
                                java.nio.file.Path.of("target/tideflow-logs/policy-engine.log")).stream()
                        .anyMatch(line -> line.contains("config applied") && line.contains("\"revision\":" + revision)
                                && line.contains(WindowEvaluationService.AUTOSCALING_ENABLED)));
    }
}
