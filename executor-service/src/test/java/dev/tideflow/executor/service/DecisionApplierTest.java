package dev.tideflow.executor.service;

import dev.tideflow.contracts.ResourceRequests;
import dev.tideflow.executor.domain.ActionOutcome;
import dev.tideflow.executor.domain.ActionStatus;
import dev.tideflow.executor.domain.Target;
import dev.tideflow.executor.driver.ScalingDriver;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DecisionApplierTest {

    private static final Target WEB = new Target("shop", "web", "fake", List.of(), null);

    /** Records each call in order; fails where told to. */
    private static final class FakeDriver implements ScalingDriver {

        final List<String> calls = new ArrayList<>();
        final boolean setsRequests;
        int replicas = 2;
        ResourceRequests requests;
        RuntimeException requestsFailure;
        RuntimeException scaleFailure;

        FakeDriver(boolean setsRequests) {
            this.setsRequests = setsRequests;
            this.requests = setsRequests ? ResourceRequests.of(500, 512) : null;
        }

        @Override
        public String name() {
            return "fake";
        }

        @Override
        public int currentReplicas(Target target) {
            return replicas;
        }

        @Override
        public int scale(Target target, int desired) {
            calls.add("scale " + desired);
            if (scaleFailure != null) {
                throw scaleFailure;
            }
            replicas = desired;
            return desired;
        }

        @Override
        public boolean setsRequests() {
            return setsRequests;
        }

        @Override
        public ResourceRequests currentRequests(Target target) {
            return requests;
        }

        @Override
        public ResourceRequests applyRequests(Target target, ResourceRequests wanted) {
            calls.add("requests " + ResourceRequests.describe(wanted));
            if (requestsFailure != null) {
                throw requestsFailure;
            }
            requests = ResourceRequests.merge(requests, wanted);
            return requests;
        }
    }

    @Test
    void requestsAreAppliedBeforeReplicasAndBothAreReported() {
        FakeDriver driver = new FakeDriver(true);

        DecisionApplier.Applied applied = DecisionApplier.apply(driver, WEB, 4, ResourceRequests.of(750, null));

        assertEquals(List.of("requests cpu=750m", "scale 4"), driver.calls);
        ActionOutcome outcome = applied.outcome();
        assertEquals(ActionStatus.SUCCEEDED, outcome.status());
        assertTrue(applied.driverSucceeded());
        assertEquals(2, outcome.replicasBefore());
        assertEquals(4, outcome.replicasAfter());
        assertEquals(ResourceRequests.of(500, 512), outcome.requestsBefore());
        assertEquals(ResourceRequests.of(750, 512), outcome.requestsAfter());
        assertNull(outcome.error());
    }

    @Test
    void aRequestsOnlyDecisionKeepsTheCount() {
        FakeDriver driver = new FakeDriver(true);

        ActionOutcome outcome = DecisionApplier.apply(driver, WEB, 2, ResourceRequests.of(null, 1024)).outcome();

        assertEquals(ActionStatus.SUCCEEDED, outcome.status());
        assertEquals(2, outcome.replicasAfter());
        assertEquals(ResourceRequests.of(500, 1024), outcome.requestsAfter());
    }

    @Test
    void aReplicasOnlyDecisionNeverTouchesRequests() {
        FakeDriver driver = new FakeDriver(false);

        DecisionApplier.Applied applied = DecisionApplier.apply(driver, WEB, 3, null);

        assertEquals(List.of("scale 3"), driver.calls);
        assertEquals(ActionStatus.SUCCEEDED, applied.outcome().status());
        assertNull(applied.outcome().requestsBefore());
        assertNull(applied.outcome().requestsAfter());
    }

    @Test
    void aDriverWithoutRequestsFailsTheDecisionAndSaysTheReplicasWereApplied() {
        FakeDriver driver = new FakeDriver(false);

        DecisionApplier.Applied applied = DecisionApplier.apply(driver, WEB, 3, ResourceRequests.of(750, 1024));

        assertEquals(List.of("scale 3"), driver.calls, "applyRequests is never called");
        assertEquals(ActionStatus.FAILED, applied.outcome().status());
        assertFalse(applied.driverSucceeded());
        assertEquals("driver 'fake' cannot set resource requests: requests cpu=750m memory=1024Mi were not applied; "
                + "replicas 2 → 3 applied", applied.outcome().error());
        assertEquals(3, applied.outcome().replicasAfter());
    }

    @Test
    void aRequestsOnlyDecisionOnADriverWithoutRequestsChangesNothing() {
        FakeDriver driver = new FakeDriver(false);

        ActionOutcome outcome = DecisionApplier.apply(driver, WEB, 2, ResourceRequests.of(750, null)).outcome();

        assertEquals(ActionStatus.FAILED, outcome.status());
        assertEquals("driver 'fake' cannot set resource requests: requests cpu=750m were not applied; replicas "
                + "unchanged at 2", outcome.error());
    }

    @Test
    void aFailedRolloutLeavesTheReplicasAlone() {
        FakeDriver driver = new FakeDriver(true);
        driver.requestsFailure = new IllegalStateException("1 of 2 replicas run the new requests");

        ActionOutcome outcome = DecisionApplier.apply(driver, WEB, 5, ResourceRequests.of(750, null)).outcome();

        assertEquals(List.of("requests cpu=750m"), driver.calls);
        assertEquals(ActionStatus.FAILED, outcome.status());
        assertEquals("requests cpu=750m not fully applied: 1 of 2 replicas run the new requests; replicas not "
                + "changed (2, desired 5)", outcome.error());
        assertEquals(2, outcome.replicasAfter());
    }

    @Test
    void aScaleFailureAfterTheRequestsSaysTheRequestsWereApplied() {
        FakeDriver driver = new FakeDriver(true);
        driver.scaleFailure = new IllegalStateException("cannot start replica 3 of shop/web");

        ActionOutcome outcome = DecisionApplier.apply(driver, WEB, 3, ResourceRequests.of(600, null)).outcome();

        assertEquals(ActionStatus.FAILED, outcome.status());
        assertEquals("requests cpu=600m applied; cannot start replica 3 of shop/web", outcome.error());
        assertEquals(ResourceRequests.of(600, 512), outcome.requestsAfter());
    }

    @Test
    void aReplicasOnlyFailureReadsAsBefore() {
        FakeDriver driver = new FakeDriver(false);
        driver.scaleFailure = new IllegalStateException("cannot start replica 3 of shop/web",
                new IOException("No such file"));

        ActionOutcome outcome = DecisionApplier.apply(driver, WEB, 3, null).outcome();

        assertEquals("cannot start replica 3 of shop/web: No such file", outcome.error());
        assertEquals(2, outcome.replicasAfter());
    }
}
