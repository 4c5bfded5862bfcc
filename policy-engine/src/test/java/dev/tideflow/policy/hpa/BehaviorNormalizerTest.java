package dev.tideflow.policy.hpa;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The behavior cases of Kubernetes' {@code horizontal_test.go}, translated and named after the upstream case:
 * {@code TestScalingWithRules} (rate limits and bounds), {@code TestNormalizeDesiredReplicasWithBehavior}
 * (stabilization), {@code TestCalculateScaleUpLimitWithScalingRules},
 * {@code TestCalculateScaleDownLimitWithBehaviors} and the replica counting of {@code TestStoreScaleEvents}.
 * Upstream's {@code generateScalingRules(pods, podsPeriod, percent, percentPeriod, window)} and
 * {@code generateEventsUniformDistribution} are rebuilt below; an absent rule set means HPA's defaults.
 */
class BehaviorNormalizerTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private final BehaviorNormalizer normalizer = new BehaviorNormalizer();

    // TestScalingWithRules

    @Test
    void scalingWithRules_prenormalizedDesiredReplicasWithinRange() {
        assertRate(7, null, rate(null, null, 3, 8, 5, 7));
    }

    @Test
    void scalingWithRules_prenormalizedDesiredReplicasBelowMinReplicas() {
        assertRate(2, "TooFewReplicas", rate(null, null, 2, 8, 3, 1));
    }

    @Test
    void scalingWithRules_prenormalizedDesiredReplicasWithinRangeWhenMinReplicasIs0() {
        assertRate(0, null, rate(null, null, 0, 10, 1, 0));
    }

    @Test
    void scalingWithRules_maxReplicasIsTheLimitBecauseMaxReplicasBelowScaleUpLimit() {
        assertRate(10, "TooManyReplicas", rate(null, null, 1, 10, 20, 1000));
    }

    @Test
    void scalingWithRules_desiredReplicaCountIsMoreThanTheMaximumReplicaCount() {
        assertRate(150, "TooManyReplicas", rate(null, null, 100, 150, 100, 1000));
    }

    @Test
    void scalingWithRules_scaleUpLimitIsTheLimitBecauseScaleUpLimitBelowMaxReplicasWithUserPolicies() {
        assertRate(4, "ScaleUpLimit", rate(rules(0, 0, 1, 60, 0), null, 1, 2000, 3, 1000));
    }

    @Test
    void scalingWithRules_scaleUpWithDefaultBehavior() {
        assertRate(20, "ScaleUpLimit", rate(null, null, 1, 1000, 10, 50));
    }

    @Test
    void scalingWithRules_scaleUpWithPodsPolicyLargerThanPercentPolicy() {
        assertRate(110, "ScaleUpLimit", rate(rules(100, 60, 100, 60, 0), null, 1, 1000, 10, 500));
    }

    @Test
    void scalingWithRules_scaleUpWithPercentPolicyLargerThanPodsPolicy() {
        assertRate(20, "ScaleUpLimit", rate(rules(2, 60, 100, 60, 0), null, 1, 1000, 10, 500));
    }

    @Test
    void scalingWithRules_scaleUpWithSpecMaxReplicasLimitationWithLargePodPolicy() {
        assertRate(50, null, rate(rules(100, 60, 0, 0, 0), null, 1, 1000, 10, 50));
    }

    @Test
    void scalingWithRules_scaleUpWithSpecMaxReplicasLimitationWithLargePercentPolicy() {
        assertRate(50, null, rate(rules(10000, 60, 0, 0, 0), null, 1, 1000, 10, 50));
    }

    @Test
    void scalingWithRules_scaleUpWithPodPolicyLimitation() {
        assertRate(40, "ScaleUpLimit", rate(rules(30, 60, 0, 0, 0), null, 1, 1000, 10, 50));
    }

    @Test
    void scalingWithRules_scaleUpWithPercentPolicyLimitation() {
        assertRate(30, "ScaleUpLimit", rate(rules(0, 0, 200, 60, 0), null, 1, 1000, 10, 50));
    }

    @Test
    void scalingWithRules_scaleDownWithPercentPolicyLargerThanPodPolicy() {
        assertRate(80, "ScaleDownLimit", rate(null, rules(20, 60, 1, 60, 300), 1, 1000, 100, 2));
    }

    @Test
    void scalingWithRules_scaleDownWithPodPolicyLargerThanPercentPolicy() {
        assertRate(98, "ScaleDownLimit", rate(null, rules(2, 60, 1, 60, 300), 1, 1000, 100, 2));
    }

    @Test
    void scalingWithRules_scaleDownWithSpecMinReplicasNilLimitationWithLargePodPolicy() {
        assertRate(1, "TooFewReplicas", rate(null, rules(100, 60, 0, 0, 300), 1, 1000, 10, 0));
    }

    @Test
    void scalingWithRules_scaleDownWithSpecMinReplicasLimitationWithLargePodPolicy() {
        assertRate(1, "TooFewReplicas", rate(null, rules(100, 60, 0, 0, 300), 1, 1000, 10, 0));
    }

    @Test
    void scalingWithRules_scaleDownWithSpecMinReplicasLimitationWithLargePercentPolicy() {
        assertRate(5, "TooFewReplicas", rate(null, rules(0, 0, 100, 60, 300), 5, 1000, 10, 2));
    }

    @Test
    void scalingWithRules_scaleDownWithPodPolicyLimitation() {
        assertRate(5, "ScaleDownLimit", rate(null, rules(5, 60, 0, 0, 300), 1, 1000, 10, 2));
    }

    @Test
    void scalingWithRules_scaleDownWithPercentPolicyLimitation() {
        assertRate(5, null, rate(null, rules(0, 0, 50, 60, 300), 1, 1000, 10, 5));
    }

    @Test
    void scalingWithRules_scaleUpWithSpecMaxReplicasLimitationWithLargePodPolicyAndEvents() {
        assertRate(200, "TooManyReplicas", rate(rules(300, 60, 0, 0, 0), null, 1, 200, 100, 500,
                upEvents(120, 1, 5, 9)));
    }

    @Test
    void scalingWithRules_scaleUpWithSpecMaxReplicasLimitationWithLargePercentPolicyAndEvents() {
        assertRate(200, "TooManyReplicas", rate(rules(0, 0, 10000, 60, 0), null, 1, 200, 100, 500,
                upEvents(120, 1, 5, 9)));
    }

    @Test
    void scalingWithRules_scaleUpWithCurrentReplicasLimitationWithRatePeriodSecondsWithALotOfRecentScaleUpEvents() {
        // 120 s ago there were 100 - 15 replicas and the policy allows 5 more: no room above the current 100.
        assertRate(100, "ScaleUpLimit", rate(rules(5, 120, 0, 0, 0), null, 1, 1000, 100, 500,
                upEvents(120, 1, 5, 9)));
    }

    @Test
    void scalingWithRules_scaleUpWithPodPolicyAndPreviousScaleUpEvents() {
        assertRate(235, "ScaleUpLimit", rate(rules(150, 120, 0, 0, 0), null, 1, 1000, 100, 500,
                upEvents(120, 1, 5, 9)));
    }

    @Test
    void scalingWithRules_scaleUpWithPercentPolicyAndPreviousScaleUpEvents() {
        assertRate(255, "ScaleUpLimit", rate(rules(0, 0, 200, 120, 0), null, 1, 1000, 100, 500,
                upEvents(120, 1, 5, 9)));
    }

    @Test
    void scalingWithRules_scaleDownWithDefaultPolicyAndPreviousEvents() {
        assertRate(5, null, rate(null, null, 1, 1000, 10, 5, downEvents(120, 1, 5, 9)));
    }

    @Test
    void scalingWithRules_scaleDownWithSpecMinReplicasNilLimitationWithLargePodPolicyAndPreviousEvents() {
        assertRate(1, "TooFewReplicas", rate(null, rules(115, 120, 0, 0, 300), 1, 1000, 100, 0,
                downEvents(120, 1, 5, 9)));
    }

    @Test
    void scalingWithRules_scaleDownWithSpecMinReplicasLimitationWithLargePodPolicyAndPreviousEvents() {
        assertRate(5, "TooFewReplicas", rate(null, rules(130, 120, 0, 0, 300), 5, 1000, 100, 0,
                downEvents(120, 1, 5, 9)));
    }

    @Test
    void scalingWithRules_scaleDownWithSpecMinReplicasLimitationWithLargePercentPolicyAndPreviousEvents() {
        assertRate(5, "TooFewReplicas", rate(null, rules(0, 0, 100, 120, 300), 5, 1000, 100, 2,
                downEvents(120, 1, 5, 9)));
    }

    @Test
    void scalingWithRules_scaleDownWithPodPolicyLimitationAndPreviousEvents() {
        assertRate(100, "ScaleDownLimit", rate(null, rules(5, 120, 0, 0, 300), 1, 1000, 100, 2,
                downEvents(120, 1, 5, 9)));
    }

    @Test
    void scalingWithRules_scaleDownWithPercentPolicyLimitationAndPreviousEvents() {
        // (100 + 12) - 50 %
        assertRate(56, "ScaleDownLimit", rate(null, rules(0, 0, 50, 120, 300), 1, 1000, 100, 0,
                downEvents(120, 2, 4, 6)));
    }

    @Test
    void scalingWithRules_scaleDownWithPreviousEventsPreventingFurtherScaleDown() {
        // (100 + 30) - 10 % = 117 is above the current 100: keep 100.
        assertRate(100, "ScaleDownLimit", rate(null, rules(0, 0, 10, 120, 300), 1, 1000, 100, 0,
                downEvents(120, 10, 10, 10)));
    }

    @Test
    void scalingWithRules_scaleDownWithPreviousEventsStillAllowingMoreScaleDown() {
        assertRate(5, null, rate(null, rules(0, 0, 1000, 120, 300), 1, 1000, 10, 5,
                downEvents(120, 10, 10, 10)));
    }

    @Test
    void scalingWithRules_checkOutdatedFlagForEventsForOneBehaviorForUp() {
        assertRate(200, null, rate(rules(1000, 60, 0, 0, 0), null, 1, 1000, 100, 200,
                upEvents(120, 8, 12, 9, 11)));
    }

    @Test
    void scalingWithRules_checkThatEventsWereNotMarkedOutdatedForTwoDifferentPoliciesInTheBehaviorForUp() {
        assertRate(200, null, rate(rules(1000, 120, 100, 60, 0), null, 1, 1000, 100, 200,
                upEvents(120, 8, 12, 9, 11)));
    }

    @Test
    void scalingWithRules_checkThatEventsWereMarkedOutdatedForTwoDifferentPoliciesInTheBehaviorForUp() {
        assertRate(200, null, rate(rules(1000, 30, 100, 60, 0), null, 1, 1000, 100, 200,
                upEvents(120, 8, 12, 9, 11)));
    }

    @Test
    void scalingWithRules_checkOutdatedFlagForEventsForOneBehaviorForDown() {
        assertRate(5, null, rate(null, rules(1000, 60, 0, 0, 300), 1, 1000, 100, 5,
                downEvents(120, 8, 12, 9, 11)));
    }

    @Test
    void scalingWithRules_checkThatEventsWereNotMarkedOutdatedForTwoDifferentPoliciesInTheBehaviorForDown() {
        assertRate(5, null, rate(null, rules(1000, 120, 100, 60, 300), 1, 1000, 100, 5,
                downEvents(120, 8, 12, 9, 11)));
    }

    @Test
    void scalingWithRules_checkThatEventsWereMarkedOutdatedForTwoDifferentPoliciesInTheBehaviorForDown() {
        assertRate(5, null, rate(null, rules(1000, 30, 100, 60, 300), 1, 1000, 100, 5,
                downEvents(120, 8, 12, 9, 11)));
    }

    @Test
    void scaleUpLimitCountsReplicasRemovedInThePeriod() {
        // Newer upstream versions start the period from current - added + removed.
        List<ScaleEvent> events = List.of(new ScaleEvent(NOW.minusSeconds(10), 14, 10));
        assertEquals(18, BehaviorNormalizer.scaleUpLimit(10, events, rules(4, 60, 0, 0, 0), NOW));
    }

    // TestCalculateScaleUpLimitWithScalingRules, TestCalculateScaleDownLimitWithBehaviors

    @Test
    void TestCalculateScaleUpLimitWithScalingRules() {
        ScalingRules minPolicy = new ScalingRules(300, SelectPolicy.MIN,
                List.of(ScalingPolicy.pods(2, 60), ScalingPolicy.percent(50, 60)), null);
        assertEquals(2, BehaviorNormalizer.scaleUpLimit(1, List.of(), minPolicy, NOW));
    }

    @Test
    void TestCalculateScaleDownLimitWithBehaviors() {
        ScalingRules minPolicy = new ScalingRules(300, SelectPolicy.MIN,
                List.of(ScalingPolicy.pods(2, 60), ScalingPolicy.percent(50, 60)), null);
        assertEquals(3, BehaviorNormalizer.scaleDownLimit(5, List.of(), minPolicy, NOW));
    }

    @Test
    void aDisabledDirectionAllowsNoChange() {
        ScalingRules disabled = new ScalingRules(0, SelectPolicy.DISABLED, List.of(ScalingPolicy.pods(4, 15)), null);
        Normalization up = normalizer.normalize(new Behavior(disabled, ScalingRules.defaultScaleDown()), 3, 9, 1, 10,
                null, List.of(), List.of(), NOW);
        assertEquals(3, up.desiredReplicas());
        assertEquals("ScaleUpLimit", up.limitedBy());
    }

    // TestStoreScaleEvents: the replicas counted within a 60 s period

    @Test
    void storeScaleEvents_oneActualEntryToBeNotTouchedWithBehavior() {
        // 7 added within the period: it started at 3, so 10 more allow 13.
        assertEquals(13, BehaviorNormalizer.scaleUpLimit(10, List.of(up(58, 7)), rules(10, 60, 0, 0, 0), NOW));
    }

    @Test
    void storeScaleEvents_oneOutdatedEntryToBeReplacedWithBehavior() {
        // The event is older than the period and counts no more.
        assertEquals(20, BehaviorNormalizer.scaleUpLimit(10, List.of(up(61, 7)), rules(10, 60, 0, 0, 0), NOW));
    }

    @Test
    void storeScaleEvents_replaceOneEntryUsePoliciesWithDifferentPeriods() {
        List<ScaleEvent> events = List.of(up(29, 8), up(59, 6), up(61, 7), up(61, 9));
        // 14 replicas were added within 60 s: the period started at 10 - 14.
        assertEquals(6, BehaviorNormalizer.scaleUpLimit(10, events, rules(10, 60, 0, 0, 0), NOW));
    }

    @Test
    void storeScaleEvents_twoEntriesBothActual() {
        List<ScaleEvent> events = List.of(up(58, 7), up(59, 6));
        // 13 removed within the period: it started at 23, so 10 fewer allow 13.
        assertEquals(13, BehaviorNormalizer.scaleDownLimit(10, downs(events), rules(10, 60, 0, 0, 0), NOW));
    }

    // TestNormalizeDesiredReplicasWithBehavior

    @Test
    void normalizeWithBehavior_emptyRecommendationsForScalingDown() {
        assertEquals(5, BehaviorNormalizer.stabilize(List.of(), 100, 5, 0, 0, NOW));
    }

    @Test
    void normalizeWithBehavior_simpleScaleDownStabilization() {
        assertEquals(5, BehaviorNormalizer.stabilize(recs(4, 120, 5, 60), 100, 3, 0, 180, NOW));
    }

    @Test
    void normalizeWithBehavior_simpleScaleUpStabilization() {
        assertEquals(4, BehaviorNormalizer.stabilize(recs(4, 120, 5, 60), 1, 7, 300, 0, NOW));
    }

    @Test
    void normalizeWithBehavior_noScaleDownStabilization() {
        assertEquals(3, BehaviorNormalizer.stabilize(recs(1, 120, 2, 60), 100, 3, 300, 0, NOW));
    }

    @Test
    void normalizeWithBehavior_noScaleUpStabilization() {
        assertEquals(3, BehaviorNormalizer.stabilize(recs(4, 120, 5, 60), 1, 3, 0, 300, NOW));
    }

    @Test
    void normalizeWithBehavior_noScaleDownStabilizationReuseRecommendationElement() {
        assertEquals(3, BehaviorNormalizer.stabilize(recs(10, 600, 9, 540), 100, 3, 0, 0, NOW));
    }

    @Test
    void normalizeWithBehavior_noScaleUpStabilizationReuseRecommendationElement() {
        assertEquals(100, BehaviorNormalizer.stabilize(recs(10, 600, 9, 540), 1, 100, 0, 0, NOW));
    }

    @Test
    void normalizeWithBehavior_scaleDownStabilizationReuseOneOfObsoleteRecommendationElement() {
        assertEquals(5, BehaviorNormalizer.stabilize(recs(10, 600, 4, 60, 5, 120, 9, 540), 100, 3, 0, 180, NOW));
    }

    @Test
    void normalizeWithBehavior_scaleUpStabilizationReuseOneOfObsoleteRecommendationElement() {
        assertEquals(5, BehaviorNormalizer.stabilize(recs(10, 6000, 6, 60, 5, 120, 9, 180), 1, 100, 300, 300, NOW));
    }

    @Test
    void stabilizationIsReportedWhenItAloneHoldsTheCount() {
        Normalization n = normalizer.normalize(Behavior.DEFAULTS, 10, 4, 1, 20, null, recs(8, 100), List.of(), NOW);
        assertEquals(8, n.desiredReplicas());
        assertEquals(8, n.stabilizedReplicas());
        assertEquals("ScaleDownStabilized", n.limitedBy());
    }

    @Test
    void theGlobalCapIsTheLastWord() {
        Normalization n = normalizer.normalize(Behavior.DEFAULTS, 10, 40, 1, 100, 15, List.of(), List.of(), NOW);
        assertEquals(15, n.desiredReplicas());
        assertEquals("GlobalCap", n.limitedBy());
    }

    private Normalization rate(ScalingRules up, ScalingRules down, int min, int max, int current, int desired) {
        return rate(up, down, min, max, current, desired, List.of());
    }

    private Normalization rate(ScalingRules up, ScalingRules down, int min, int max, int current, int desired,
            List<ScaleEvent> events) {
        Behavior behavior = new Behavior(up == null ? ScalingRules.defaultScaleUp() : up,
                down == null ? ScalingRules.defaultScaleDown() : down);
        return normalizer.normalize(behavior, current, desired, min, max, null, List.of(), events, NOW);
    }

    private static void assertRate(int replicas, String limitedBy, Normalization normalization) {
        assertEquals(replicas, normalization.desiredReplicas(), normalization.reason());
        if (limitedBy == null) {
            assertNull(normalization.limitedBy(), normalization.reason());
        } else {
            assertEquals(limitedBy, normalization.limitedBy(), normalization.reason());
        }
    }

    /** Upstream's generateScalingRules: a Pods and / or a Percent policy (0 leaves it out), selectPolicy Max. */
    static ScalingRules rules(int pods, int podsPeriod, int percent, int percentPeriod, int window) {
        List<ScalingPolicy> policies = new ArrayList<>();
        if (pods != 0) {
            policies.add(ScalingPolicy.pods(pods, podsPeriod));
        }
        if (percent != 0) {
            policies.add(ScalingPolicy.percent(percent, percentPeriod));
        }
        return new ScalingRules(window, SelectPolicy.MAX, policies, null);
    }

    /**
     * Upstream's generateEventsUniformDistribution: the events spread over the last {@code periodSeconds}, each in
     * the middle of its segment, oldest first.
     */
    private static List<ScaleEvent> upEvents(int periodSeconds, int... changes) {
        List<ScaleEvent> events = new ArrayList<>();
        double segment = (double) periodSeconds / changes.length;
        for (int i = 0; i < changes.length; i++) {
            long secondsAgo = (long) (periodSeconds - segment * (i + 1) + segment / 2);
            events.add(new ScaleEvent(NOW.minusSeconds(secondsAgo), 100, 100 + changes[i]));
        }
        return events;
    }

    private static List<ScaleEvent> downEvents(int periodSeconds, int... changes) {
        return downs(upEvents(periodSeconds, changes));
    }

    private static List<ScaleEvent> downs(List<ScaleEvent> ups) {
        return ups.stream().map(e -> new ScaleEvent(e.time(), e.toReplicas(), e.fromReplicas())).toList();
    }

    private static ScaleEvent up(long secondsAgo, int change) {
        return new ScaleEvent(NOW.minusSeconds(secondsAgo), 10, 10 + change);
    }

    /** Pairs of (replicas, seconds ago). */
    private static List<Recommendation> recs(int... replicasAndSecondsAgo) {
        List<Recommendation> recs = new ArrayList<>();
        for (int i = 0; i < replicasAndSecondsAgo.length; i += 2) {
            recs.add(new Recommendation(NOW.minusSeconds(replicasAndSecondsAgo[i + 1]), replicasAndSecondsAgo[i]));
        }
        return recs;
    }
}
