package dev.tideflow.policy.service;

import dev.tideflow.policy.domain.AutoscalerHistory;
import dev.tideflow.policy.domain.AutoscalerHistory.ScaleChange;
import dev.tideflow.policy.domain.DecisionLogEntry;
import dev.tideflow.policy.domain.ScaleEventRecord;
import dev.tideflow.policy.hpa.ScaleEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ScaleEventHistoryTest {

    private static final Instant T = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void executedChangesCountAtTheirFinishAndDecisionsInFlightAtTheirWindowOldestFirst() {
        List<ScaleChange> changes = ScaleEventHistory.of(
                List.of(event("SUCCEEDED", 2, 4, T.plusSeconds(3))),
                List.of(decision(4, 6, T.plusSeconds(15), false)));

        assertEquals(List.of(new ScaleEvent(T.plusSeconds(3), 2, 4), new ScaleEvent(T.plusSeconds(15), 4, 6)),
                AutoscalerHistory.EMPTY.withScaleEvents(changes).events());
    }

    @Test
    void onlySucceededEventsWithBothCountsAndRealDecisionsCount() {
        List<ScaleChange> changes = ScaleEventHistory.of(
                List.of(event("FAILED", 2, 2, T), event("DRY_RUN", 2, 4, T), event("SUCCEEDED", null, 4, T)),
                List.of(decision(2, 8, T, true)));

        assertEquals(List.of(), changes);
    }

    private static ScaleEventRecord event(String status, Integer before, Integer after, Instant finishedAt) {
        ScaleEventRecord event = new ScaleEventRecord();
        event.decisionId = "d-" + status + finishedAt;
        event.target = "shop/web";
        event.status = status;
        event.replicasBefore = before;
        event.replicasAfter = after;
        event.finishedAt = finishedAt;
        event.recordedAt = finishedAt;
        return event;
    }

    private static DecisionLogEntry decision(int from, int to, Instant windowEnd, boolean dryRun) {
        DecisionLogEntry decision = new DecisionLogEntry();
        decision.target = "shop/web";
        decision.currentReplicas = from;
        decision.desiredReplicas = to;
        decision.windowEnd = windowEnd;
        decision.dryRun = dryRun;
        return decision;
    }
}
