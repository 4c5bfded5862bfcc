package dev.tideflow.policy.messaging;

import dev.tideflow.contracts.Contract;
import dev.tideflow.contracts.ScalingDecision;
import dev.tideflow.contracts.ScalingEvent;
import dev.tideflow.contracts.Topics;
import dev.tideflow.infra.testing.LocalInfraTestResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static dev.tideflow.policy.messaging.FlowTestSupport.createPolicy;
import static dev.tideflow.policy.messaging.FlowTestSupport.decode;
import static dev.tideflow.policy.messaging.FlowTestSupport.header;
import static dev.tideflow.policy.messaging.FlowTestSupport.recordedScaleEvents;
import static dev.tideflow.policy.messaging.FlowTestSupport.skipped;
import static dev.tideflow.policy.messaging.FlowTestSupport.uniqueTarget;
import static dev.tideflow.policy.messaging.FlowTestSupport.window;
import static dev.tideflow.policy.messaging.FlowTestSupport.windowStart;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rate policies count what the executor reports on tideflow.scaling-events, through Kafka and PostgreSQL. */
@QuarkusTest
@QuarkusTestResource(LocalInfraTestResource.class)
class ScalingEventFlowTest extends FlowTest {

    @Inject
    MeterRegistry registry;

    @Test
    void aFailedChangeLeavesTheRateBudgetAndASucceededOneSpendsItForItsPeriod() {
        String target = uniqueTarget("events");
        Instant base = windowStart(0);
        // rps per replica against 10, at most +2 pods per 60 s.
        createPolicy("""
                {"name": "%s", "target": "%s",
                 "rule": {"type": "targetTracking", "metrics": [
                     {"name": "rps", "target": {"type": "AverageValue", "averageValue": 10}}]},
                 "behavior": {"scaleUp": {"stabilizationWindowSeconds": 0,
                                          "policies": [{"type": "Pods", "value": 2, "periodSeconds": 60}]}},
                 "minReplicas": 1, "maxReplicas": 20}""".formatted(target.replace('/', '-'), target));
        kafka.observe(target, 2);

        try (ConsumerTask<String, String> decisions = kafka.followDecisions(target)) {
            kafka.produce(Topics.METRIC_WINDOWS, target, window(target, "rps", base, 40, 400));
            ScalingDecision first = decode(decisions.awaitRecords(1, PATIENCE).getFirstRecord());
            assertEquals(4, first.desiredReplicas());

            report(first, ScalingEvent.Status.FAILED, 2, base.plusSeconds(11));
            kafka.observe(target, 2);
            // The failed 2 → 4 spent nothing: the next window may add 2 pods again.
            kafka.produce(Topics.METRIC_WINDOWS, target, window(target, "rps", base.plusSeconds(10), 40, 400));
            ScalingDecision second = decode(decisions.awaitRecords(2, PATIENCE).getRecords().get(1));
            assertEquals(2, second.currentReplicas());
            assertEquals(4, second.desiredReplicas());

            report(second, ScalingEvent.Status.SUCCEEDED, 4, base.plusSeconds(21));
            assertRedeliveryIsRecordedOnce(second, base.plusSeconds(21));
            kafka.observe(target, 4);
            // 2 pods were added at +21 s: within its 60 s period the limit stays at 4 although rps asks for 16.
            double noChange = skipped(registry, "no-change");
            kafka.produce(Topics.METRIC_WINDOWS, target, window(target, "rps", base.plusSeconds(20), 40, 400));
            await().atMost(PATIENCE).until(() -> skipped(registry, "no-change") > noChange);
            assertEquals(2, decisions.count());

            // At +90 s the change at +21 s is out of the period: +2 pods again.
            kafka.produce(Topics.METRIC_WINDOWS, target, window(target, "rps", base.plusSeconds(80), 40, 400));
            List<ConsumerRecord<String, String>> records = decisions.awaitRecords(3, PATIENCE).getRecords();
            ScalingDecision third = decode(records.get(2));
            assertEquals(4, third.currentReplicas());
            assertEquals(6, third.desiredReplicas());
        }
    }

    @Test
    void aMalformedScalingEventIsDeadLetteredWithItsReason() {
        String target = uniqueTarget("bad-event");
        try (ConsumerTask<String, String> dead = kafka.follow(Topics.DEAD_LETTERS, target)) {
            kafka.produceRaw(Topics.SCALING_EVENTS, target, "{\"v\": 1, \"target\": \"" + target + "\"}");
            ConsumerRecord<String, String> record = dead.awaitRecords(1, PATIENCE).getFirstRecord();
            assertEquals(Topics.SCALING_EVENTS, header(record, "dead-letter-topic"));
            assertTrue(header(record, "dead-letter-reason").contains("'decisionId' is required"),
                    header(record, "dead-letter-reason"));
        }
    }

    /**
     * Reports {@code decision} again, then a marker event on the same partition: once the marker is stored, the
     * redelivery was processed before it, and neither stored twice nor dead-lettered.
     */
    private void assertRedeliveryIsRecordedOnce(ScalingDecision decision, Instant finishedAt) {
        try (ConsumerTask<String, String> dead = kafka.follow(Topics.DEAD_LETTERS, decision.target())) {
            kafka.produce(Topics.SCALING_EVENTS, decision.target(), event(decision.decisionId(), decision,
                    ScalingEvent.Status.SUCCEEDED, 4, finishedAt));
            String marker = UUID.randomUUID().toString();
            kafka.produce(Topics.SCALING_EVENTS, decision.target(), event(marker, decision,
                    ScalingEvent.Status.DRY_RUN, decision.currentReplicas(), finishedAt));
            await().atMost(PATIENCE).until(() -> recordedScaleEvents(marker), equalTo(1));
            assertEquals(1, recordedScaleEvents(decision.decisionId()));
            assertEquals(0, dead.count());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reports {@code decision} as the executor would and waits until the engine has stored it. */
    private void report(ScalingDecision decision, ScalingEvent.Status status, int replicasAfter, Instant finishedAt) {
        kafka.produce(Topics.SCALING_EVENTS, decision.target(),
                event(decision.decisionId(), decision, status, replicasAfter, finishedAt));
        await().atMost(PATIENCE).until(() -> recordedScaleEvents(decision.decisionId()), equalTo(1));
    }

    private static ScalingEvent event(String decisionId, ScalingDecision decision, ScalingEvent.Status status,
            int replicasAfter, Instant finishedAt) {
        return new ScalingEvent(Contract.VERSION, decisionId, decision.target(), "test", status,
                decision.currentReplicas(), replicasAfter,
                status == ScalingEvent.Status.FAILED ? "platform refused" : null, finishedAt.minusMillis(200),
                finishedAt, 200L);
    }
}
