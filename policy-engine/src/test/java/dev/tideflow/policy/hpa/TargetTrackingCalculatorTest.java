package dev.tideflow.policy.hpa;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cases of Kubernetes' {@code replica_calculator_test.go}, translated: each test is named after the
 * upstream case. Upstream levels and targets are milli-values ({@code 20000} is 20); a pod's CPU usage and
 * request become an instance's value and request. Pods in upstream's CPU initialization period ("hot CPU") and
 * pending pods are unready instances here; failed and deleted pods are not listed at all, because Tideflow
 * only receives the instances that count. Upstream ignores readiness for custom (non-CPU) pod metrics, so those
 * instances are ready here.
 */
class TargetTrackingCalculatorTest {

    private final TargetTrackingCalculator calculator = new TargetTrackingCalculator();

    // TestReplicaCalcResourceScale

    @Test
    void resourceScale_scaleUp() {
        MetricProposal p = cpu(3, 30, pods(1.0, 300, 500, 700));
        assertProposal(5, 50, p);
    }

    @Test
    void resourceScale_scaleUpUnreadyPodScalesLess() {
        MetricProposal p = cpu(3, 30, withReadiness(pods(1.0, 300, 500, 700), false, true, true));
        assertProposal(4, 60, p);
    }

    @Test
    void resourceScale_scaleUpHotCpuPodScalesLess() {
        // The pod still in its CPU initialization period is not ready in Tideflow's terms.
        MetricProposal p = cpu(3, 30, withReadiness(pods(1.0, 300, 500, 700), false, true, true));
        assertProposal(4, 60, p);
    }

    @Test
    void resourceScale_noScaleUnreadyPodsIgnored() {
        MetricProposal p = cpu(3, 30, withReadiness(pods(1.0, 400, 500, 700), true, false, false));
        assertProposal(3, 40, p);
    }

    @Test
    void resourceScale_noScaleHotCpuPodsIgnored() {
        MetricProposal p = cpu(3, 30, withReadiness(pods(1.0, 400, 500, 700), true, false, false));
        assertProposal(3, 40, p);
    }

    @Test
    void resourceScale_scaleUpFailedPodsIgnored() {
        MetricProposal p = cpu(2, 30, pods(1.0, 500, 700));
        assertProposal(4, 60, p);
    }

    @Test
    void resourceScale_scaleUpPodsBeingDeletedAreIgnored() {
        MetricProposal p = cpu(2, 30, pods(1.0, 500, 700));
        assertProposal(4, 60, p);
    }

    @Test
    void resourceScale_scaleDown() {
        MetricProposal p = cpu(5, 50, pods(1.0, 100, 300, 500, 250, 250));
        assertProposal(3, 28, p);
    }

    @Test
    void resourceScale_scaleDownExcludeUnreadyPods() {
        MetricProposal p = cpu(5, 50, withReadiness(pods(1.0, 100, 300, 500, 250, 250), true, true, true, false,
                false));
        assertProposal(2, 30, p);
    }

    @Test
    void resourceScale_scaleDownExcludeUnscheduledPods() {
        List<InstanceSample> instances = new ArrayList<>(pods(1.0, 100));
        for (int i = 1; i < 5; i++) {
            instances.add(InstanceSample.unready("pod-" + i, null, 1.0));
        }
        assertProposal(1, 10, cpu(5, 50, instances));
    }

    @Test
    void resourceScale_scaleDownIgnoreHotCpuPods() {
        MetricProposal p = cpu(5, 50, withReadiness(pods(1.0, 100, 300, 500, 250, 250), true, true, true, false,
                false));
        assertProposal(2, 30, p);
    }

    @Test
    void resourceScale_scaleDownFailedPodsIgnored() {
        assertProposal(3, 28, cpu(5, 50, pods(1.0, 100, 300, 500, 250, 250)));
    }

    @Test
    void resourceScale_scaleDownPodsBeingDeletedAreIgnored() {
        assertProposal(3, 28, cpu(5, 50, pods(1.0, 100, 300, 500, 250, 250)));
    }

    @Test
    void TestReplicaCalcScaleUpCM() {
        assertProposal(4, 20, qps(3, 15, 20000, 10000, 30000));
    }

    @Test
    void TestReplicaCalcScaleUpCMUnreadyHotCpuNoLessScale() {
        assertProposal(6, 30, qps(3, 15, 50000, 10000, 30000));
    }

    @Test
    void TestReplicaCalcScaleUpCMUnreadyHotCpuScaleWouldScaleDown() {
        assertProposal(7, 31.666, qps(3, 15, 50000, 15000, 30000));
    }

    @Test
    void TestReplicaCalcScaleUpCMObject() {
        assertProposal(4, 20, value(3, 15, 20, null));
    }

    @Test
    void TestReplicaCalcScaleUpCMPerPodObject() {
        assertProposal(4, 6.667, perPodOfTotal(3, 5, 20));
    }

    @Test
    void TestReplicaCalcScaleUpCMObjectIgnoresUnreadyPods() {
        assertProposal(5, 50, value(3, 10, 50, readiness(false, true, false)));
    }

    @Test
    void TestReplicaCalcScaleUpCMExternalIgnoresUnreadyPods() {
        assertProposal(2, 8.6, value(3, 4.4, 8.6, readiness(false, true, false)));
    }

    @Test
    void TestReplicaCalcScaleUpPerPodCMExternal() {
        assertProposal(4, 2.867, perPodOfTotal(3, 2.15, 8.6));
    }

    @Test
    void TestReplicaCalcScaleDownCM() {
        assertProposal(3, 12, qps(5, 20, 12000, 12000, 12000, 12000, 12000));
    }

    @Test
    void TestReplicaCalcScaleDownPerPodCMObject() {
        assertProposal(3, 1.2, perPodOfTotal(5, 2, 6));
    }

    @Test
    void TestReplicaCalcScaleDownCMObject() {
        assertProposal(3, 12, value(5, 20, 12, null));
    }

    @Test
    void TestReplicaCalcScaleDownCMExternal() {
        assertProposal(3, 8.6, value(5, 14.334, 8.6, null));
    }

    @Test
    void TestReplicaCalcScaleDownPerPodCMExternal() {
        assertProposal(3, 1.72, perPodOfTotal(5, 2.867, 8.6));
    }

    @Test
    void TestReplicaCalcTolerance() {
        assertProposal(3, 102, cpu(3, 100, requests(new double[] {0.9, 1.0, 1.1}, 1010, 1030, 1020)));
    }

    @Test
    void TestReplicaCalcToleranceCM() {
        assertProposal(3, 20.666, qps(3, 20, 20000, 21000, 21000));
    }

    @Test
    void TestReplicaCalcToleranceCMObject() {
        assertProposal(3, 20.666, value(3, 20, 20.666, null));
    }

    @Test
    void TestReplicaCalcTolerancePerPodCMObject() {
        assertProposal(4, 5.042, perPodOfTotal(4, 5, 20.166));
    }

    @Test
    void TestReplicaCalcToleranceCMExternal() {
        assertProposal(3, 8.6, value(3, 8.888, 8.6, null));
    }

    @Test
    void TestReplicaCalcTolerancePerPodCMExternal() {
        assertProposal(3, 2.867, perPodOfTotal(3, 2.9, 8.6));
    }

    // TestReplicaCalcConfigurableTolerance

    @Test
    void configurableTolerance_outsideOfA0PercentTolerance() {
        MetricProposal p = cpu(3, 100, requests(new double[] {0.9, 1.0, 1.1}, 909, 1010, 1111), new Tolerances(0, 0));
        assertProposal(4, 101, p);
    }

    @Test
    void configurableTolerance_withinA200PercentScaleUpTolerance() {
        MetricProposal p = cpu(3, 100, requests(new double[] {0.9, 1.0, 1.1}, 1890, 1910, 1900),
                new Tolerances(0.1, 2.0));
        assertProposal(3, 190, p);
    }

    @Test
    void configurableTolerance_outside8PercentScaleUpTolerance() {
        MetricProposal p = cpu(3, 100, requests(new double[] {0.9, 1.0, 1.1}, 1100, 1080, 1090),
                new Tolerances(2.0, 0.08));
        assertProposal(4, 109, p);
    }

    @Test
    void configurableTolerance_withinA36PercentScaleDownTolerance() {
        MetricProposal p = cpu(3, 100, requests(new double[] {0.9, 1.0, 1.1}, 660, 640, 650),
                new Tolerances(0.36, 0.1));
        assertProposal(3, 65, p);
    }

    @Test
    void configurableTolerance_outsideA34PercentScaleDownTolerance() {
        MetricProposal p = cpu(3, 100, requests(new double[] {0.9, 1.0, 1.1}, 660, 640, 650),
                new Tolerances(0.34, 0.1));
        assertProposal(2, 65, p);
    }

    @Test
    void TestReplicaCalcConfigurableToleranceCM() {
        MetricProposal p = calculator.propose(MetricInput.ofInstances("qps", MetricTarget.averageValue(20),
                values(20000, 21000, 21000)), 3, new Tolerances(0.1, 0.01));
        assertProposal(4, 20.666, p);
    }

    @Test
    void TestReplicaCalcConfigurableToleranceCMObject() {
        MetricProposal p = calculator.propose(MetricInput.ofTotal("qps", MetricTarget.value(20), 20.666), 3,
                new Tolerances(0.1, 0.01));
        assertProposal(4, 20.666, p);
    }

    @Test
    void TestReplicaCalcConfigurableTolerancePerPodCMObject() {
        MetricProposal p = calculator.propose(MetricInput.ofTotal("qps", MetricTarget.averageValue(5), 20.208), 4,
                new Tolerances(0.1, 0.01));
        assertProposal(5, 5.052, p);
    }

    @Test
    void TestReplicaCalcConfigurableToleranceCMExternal() {
        MetricProposal p = calculator.propose(MetricInput.ofTotal("qps", MetricTarget.value(8.8), 8.9), 3,
                new Tolerances(0.1, 0.01));
        assertProposal(4, 8.9, p);
    }

    @Test
    void TestReplicaCalcConfigurableTolerancePerPodCMExternal() {
        MetricProposal p = calculator.propose(MetricInput.ofTotal("qps", MetricTarget.averageValue(2.8), 8.6), 3,
                new Tolerances(0.1, 0.01));
        assertProposal(4, 2.867, p);
    }

    @Test
    void TestReplicaCalcSuperfluousMetrics() {
        // Upstream also reports two pods that are not the target's; Tideflow only receives the target's instances.
        assertProposal(24, 587, cpu(4, 100, pods(1.0, 4000, 9500, 3000, 7000)));
    }

    @Test
    void TestReplicaCalcMissingMetrics() {
        assertProposal(3, 24, cpu(4, 100, withMissing(pods(1.0, 400, 95), 2, 1.0)));
    }

    @Test
    void TestReplicaCalcEmptyMetrics() {
        MetricProposal p = cpu(4, 100, withMissing(List.of(), 3, 1.0));
        assertInvalid("no ready instance reports a value", p);
    }

    @Test
    void TestReplicaCalcEmptyCPURequest() {
        MetricProposal p = cpu(1, 100, List.of(new InstanceSample("pod-0", 0.2, null, true)));
        assertInvalid("instance 'pod-0' has no request", p);
    }

    @Test
    void TestPlainMetricReplicaCalcMissingMetricsNoChangeEq() {
        List<InstanceSample> instances = new ArrayList<>(values(20000, 19000, 21000));
        instances.add(new InstanceSample("pod-3", null, null, true));
        instances.add(new InstanceSample("pod-4", null, null, true));
        MetricProposal p = calculator.propose(MetricInput.ofInstances("qps", MetricTarget.averageValue(20), instances),
                5, Tolerances.DEFAULTS);
        assertProposal(5, 20, p);
    }

    @Test
    void TestReplicaCalcMissingMetricsNoChangeEq() {
        assertProposal(2, 100, cpu(2, 100, withMissing(pods(1.0, 1000), 1, 1.0)));
    }

    @Test
    void TestReplicaCalcMissingMetricsNoChangeGt() {
        assertProposal(2, 190, cpu(2, 100, withMissing(pods(1.0, 1900), 1, 1.0)));
    }

    @Test
    void TestReplicaCalcMissingMetricsNoChangeLt() {
        assertProposal(2, 60, cpu(2, 100, withMissing(pods(1.0, 600), 1, 1.0)));
    }

    @Test
    void TestReplicaCalcMissingMetricsUnreadyChange() {
        List<InstanceSample> instances = withMissing(withReadiness(pods(1.0, 100, 450), false, true), 1, 1.0);
        assertProposal(3, 45, cpu(3, 50, instances));
    }

    @Test
    void TestReplicaCalcMissingMetricsHotCpuNoChange() {
        List<InstanceSample> instances = withMissing(withReadiness(pods(1.0, 100, 450), false, true), 1, 1.0);
        assertProposal(3, 45, cpu(3, 50, instances));
    }

    @Test
    void TestReplicaCalcMissingMetricsUnreadyScaleUp() {
        List<InstanceSample> instances = withMissing(withReadiness(pods(1.0, 100, 2000), false, true), 1, 1.0);
        assertProposal(4, 200, cpu(3, 50, instances));
    }

    @Test
    void TestReplicaCalcMissingMetricsHotCpuScaleUp() {
        List<InstanceSample> instances = withMissing(withReadiness(pods(1.0, 100, 2000), false, true), 1, 1.0);
        assertProposal(4, 200, cpu(3, 50, instances));
    }

    @Test
    void TestReplicaCalcMissingMetricsUnreadyScaleDown() {
        List<InstanceSample> instances = withMissing(withReadiness(pods(1.0, 100, 100, 100), false, true, true), 1,
                1.0);
        assertProposal(3, 10, cpu(4, 50, instances));
    }

    @Test
    void TestReplicaCalcMissingMetricsScaleDownTargetOver100() {
        List<InstanceSample> instances = List.of(
                InstanceSample.unready("pod-0", 0.2, 1.0),
                InstanceSample.of("pod-1", 0.1, 1.0),
                InstanceSample.of("pod-2", 0.1, 2.0),
                InstanceSample.missing("pod-3", 2.0));
        assertProposal(2, 6, cpu(4, 300, instances));
    }

    @Test
    void TestReplicaCalcDuringRollingUpdateWithMaxSurge() {
        // Three pods run (one surging) while the target's count is 2.
        assertProposal(2, 10, cpu(2, 50, withMissing(pods(1.0, 100, 100), 1, 1.0)));
    }

    @Test
    void TestReplicaCalcDuringRollingUpdateWithMaxSurgeCM() {
        List<InstanceSample> instances = new ArrayList<>(values(10000, 10000));
        instances.add(new InstanceSample("pod-2", null, null, true));
        MetricProposal p = calculator.propose(MetricInput.ofInstances("qps", MetricTarget.averageValue(17), instances),
                2, Tolerances.DEFAULTS);
        assertProposal(2, 10, p);
    }

    @Test
    void TestReplicaCalcComputedToleranceAlgImplementation() {
        // 10 pods using 150m each against requests of 300m ± jitter (3000m in all): 50 % utilization.
        double[] requests = {0.400, 0.200, 0.310, 0.290, 0.302, 0.298, 0.301, 0.299, 0.300, 0.300};
        long[] levels = {150, 150, 150, 150, 150, 150, 150, 150, 150, 150};
        // target = 1 / (2 × (1 - 0.1)) + 0.01 → 56 %: just outside the tolerance, ceil(50 / 56 × 10) = 9.
        assertProposal(9, 50, cpu(10, 56, requests(requests, levels)));
        // target = 1 / (2 × (1 - 0.1)) + 0.004 → 55 %: just inside it, no change.
        assertProposal(10, 50, cpu(10, 55, requests(requests, levels)));
    }

    @Test
    void scalingFromZeroUsesTheCeilingOfTheRatio() {
        MetricProposal p = calculator.propose(MetricInput.ofTotal("queue", MetricTarget.value(10), 25), 0,
                Tolerances.DEFAULTS);
        assertProposal(3, 25, p);
        MetricProposal idle = calculator.propose(MetricInput.ofTotal("queue", MetricTarget.value(10), 0), 0,
                Tolerances.DEFAULTS);
        assertEquals(0, idle.replicas());
    }

    @Test
    void aValueTargetWithoutInstancesTakesEveryReplicaAsReady() {
        assertProposal(8, 40, value(4, 20, 40, null));
    }

    @Test
    void allUnreadyInstancesLeaveNoProposal() {
        MetricProposal p = cpu(2, 50, withReadiness(pods(1.0, 900, 900), false, false));
        assertInvalid("no ready instance reports a value (2 unready)", p);
    }

    @Test
    void theReasonSaysHowTheCountCameAbout() {
        assertEquals("utilization 50 % vs target 30 %: ceil(1.6667 × 3 ready) = 5",
                cpu(3, 30, pods(1.0, 300, 500, 700)).reason());
    }

    private MetricProposal cpu(int current, int targetPercent, List<InstanceSample> instances) {
        return cpu(current, targetPercent, instances, Tolerances.DEFAULTS);
    }

    private MetricProposal cpu(int current, int targetPercent, List<InstanceSample> instances, Tolerances tolerances) {
        return calculator.propose(MetricInput.ofInstances("cpu", MetricTarget.utilization(targetPercent), instances),
                current, tolerances);
    }

    private MetricProposal qps(int current, double target, long... levelsMilli) {
        return calculator.propose(MetricInput.ofInstances("qps", MetricTarget.averageValue(target),
                values(levelsMilli)), current, Tolerances.DEFAULTS);
    }

    private MetricProposal value(int current, double target, double total, List<InstanceSample> instances) {
        return calculator.propose(new MetricInput("qps", MetricTarget.value(target), instances, total), current,
                Tolerances.DEFAULTS);
    }

    private MetricProposal perPodOfTotal(int current, double targetPerReplica, double total) {
        return calculator.propose(MetricInput.ofTotal("qps", MetricTarget.averageValue(targetPerReplica), total),
                current, Tolerances.DEFAULTS);
    }

    /** Ready instances with the same request, usage given in milli-units as upstream writes it. */
    private static List<InstanceSample> pods(double request, long... levelsMilli) {
        List<InstanceSample> instances = new ArrayList<>();
        for (int i = 0; i < levelsMilli.length; i++) {
            instances.add(InstanceSample.of("pod-" + i, levelsMilli[i] / 1000.0, request));
        }
        return instances;
    }

    private static List<InstanceSample> requests(double[] requests, long... levelsMilli) {
        List<InstanceSample> instances = new ArrayList<>();
        for (int i = 0; i < levelsMilli.length; i++) {
            instances.add(InstanceSample.of("pod-" + i, levelsMilli[i] / 1000.0, requests[i]));
        }
        return instances;
    }

    private static List<InstanceSample> values(long... levelsMilli) {
        List<InstanceSample> instances = new ArrayList<>();
        for (int i = 0; i < levelsMilli.length; i++) {
            instances.add(InstanceSample.of("pod-" + i, levelsMilli[i] / 1000.0));
        }
        return instances;
    }

    private static List<InstanceSample> readiness(boolean... ready) {
        List<InstanceSample> instances = new ArrayList<>();
        for (int i = 0; i < ready.length; i++) {
            instances.add(new InstanceSample("pod-" + i, null, null, ready[i]));
        }
        return instances;
    }

    private static List<InstanceSample> withReadiness(List<InstanceSample> instances, boolean... ready) {
        List<InstanceSample> result = new ArrayList<>();
        for (int i = 0; i < instances.size(); i++) {
            InstanceSample s = instances.get(i);
            result.add(new InstanceSample(s.id(), s.value(), s.request(), ready[i]));
        }
        return result;
    }

    /** Adds {@code count} ready instances that report nothing. */
    private static List<InstanceSample> withMissing(List<InstanceSample> instances, int count, double request) {
        List<InstanceSample> result = new ArrayList<>(instances);
        for (int i = 0; i < count; i++) {
            result.add(InstanceSample.missing("pod-" + (instances.size() + i), request));
        }
        return result;
    }

    private static void assertProposal(int replicas, double current, MetricProposal proposal) {
        assertTrue(proposal.valid(), proposal.reason());
        assertEquals(replicas, proposal.replicas(), proposal.reason());
        assertEquals(current, proposal.current(), 1e-9, proposal.reason());
    }

    private static void assertInvalid(String reasonStart, MetricProposal proposal) {
        assertFalse(proposal.valid());
        assertNull(proposal.replicas());
        assertTrue(proposal.reason().startsWith(reasonStart), proposal.reason());
    }
}
