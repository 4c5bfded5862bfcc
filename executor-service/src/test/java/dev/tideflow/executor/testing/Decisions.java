package dev.tideflow.executor.testing;

import dev.tideflow.contracts.Contract;
import dev.tideflow.contracts.ContractCodec;
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
        return ContractCodec.encode(new ScalingDecision(Contract.VERSION, decisionId, target, "policy-test",
                "test policy", current, desired, "cpu above target", "cpu", 0.9, Instant.now(), Instant.now(),
                dryRun));
    }
}
