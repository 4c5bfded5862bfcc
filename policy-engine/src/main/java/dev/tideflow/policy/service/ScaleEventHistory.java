package dev.tideflow.policy.service;

import dev.tideflow.policy.domain.AutoscalerHistory.ScaleChange;
import dev.tideflow.policy.domain.DecisionLogEntry;
import dev.tideflow.policy.domain.ScaleEventRecord;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The replica changes a target's rate policies count: what the executor reports it did (SUCCEEDED events, from
 * {@code replicasBefore} to {@code replicasAfter} at {@code finishedAt}), and the real decisions it has not
 * reported on yet, at their window's end. A decision in flight holds its budget until its outcome is known, else
 * the windows between a decision and its event would each add another step; once the executor reports it FAILED
 * or DRY_RUN it holds nothing, and a dry-run decision never enters either list.
 */
public final class ScaleEventHistory {

    private ScaleEventHistory() {
    }

    public static List<ScaleChange> of(List<ScaleEventRecord> succeeded, List<DecisionLogEntry> inFlight) {
        List<ScaleChange> changes = new ArrayList<>(succeeded.size() + inFlight.size());
        for (ScaleEventRecord event : succeeded) {
            // A SUCCEEDED event without both counts changed nothing that can be measured.
            if (ScaleEventRecord.SUCCEEDED.equals(event.status) && event.replicasBefore != null
                    && event.replicasAfter != null) {
                changes.add(new ScaleChange(event.finishedAt.toEpochMilli(), event.replicasBefore,
                        event.replicasAfter));
            }
        }
        for (DecisionLogEntry decision : inFlight) {
            if (!decision.dryRun) {
                changes.add(new ScaleChange(decision.windowEnd.toEpochMilli(), decision.currentReplicas,
                        decision.desiredReplicas));
            }
        }
        changes.sort(Comparator.comparingLong(ScaleChange::at));
        return changes;
    }
}
