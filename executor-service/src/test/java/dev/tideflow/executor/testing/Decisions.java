package dev.tideflow.executor.testing;

import dev.tideflow.contracts.Contract;
import dev.tideflow.contracts.ContractCodec;
import dev.tideflow.contracts.ResourceRequests;
import dev.tideflow.contracts.ScalingDecision;

import java.time.Instant;
import java.util.UUID;

public final class Decisions {

    private Decisions() {
    }

    public static String newId() {
        return UUID.randomUUID().toString();
    }

    public static String json(String decisionId, String target, int current, int desired, boolean dryRun) {
        return json(decisionId, target, current, desired, dryRun, null);
    }

    /** @param resources the requests a vertical or mixed policy sets; null for replicas only */
    public static String json(String decisionId, String target, int current, int desired, boolean dryRun,
            ResourceRequests resources) {
        return ContractCodec.encode(new ScalingDecision(Contract.VERSION, decisionId, target, "policy-test",
                "test policy", current, desired, "cpu above target", "cpu", 0.9, Instant.now(), Instant.now(),
                dryRun, resources));
    }
}
