package dev.tideflow.contracts;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContractCodecTest {

    private static ContractViolationException rejected(String json, Class<? extends Contract> type) {
        return assertThrows(ContractViolationException.class, () -> ContractCodec.decode(json, type));
    }

    private static boolean mentions(ContractViolationException e, String text) {
        return e.violations().stream().anyMatch(v -> v.contains(text));
    }

    @Test
    void aValidSampleRoundTrips() {
        MetricSample sample = MetricSample.of("shop/web", "cpu", 71.5, Instant.parse("2026-11-23T10:00:00Z"));
        MetricSample read = ContractCodec.decode(ContractCodec.encode(sample), MetricSample.class);
        assertEquals(sample, read);
    }

    @Test
    void unknownFieldsAreIgnoredForForwardCompatibility() {
        MetricSample read = ContractCodec.decode(
                "{\"v\":1,\"target\":\"shop/web\",\"metric\":\"cpu\",\"value\":1,\"future\":true}",
                MetricSample.class);
        assertEquals(1.0, read.value());
    }

    @Test
    void everyMissingRequiredFieldIsNamed() {
        ContractViolationException e = rejected("{\"v\":1}", MetricSample.class);
        assertTrue(mentions(e, "'target' is required"), e.getMessage());
        assertTrue(mentions(e, "'metric' is required"), e.getMessage());
        assertTrue(mentions(e, "'value' is required"), e.getMessage());
        assertEquals(3, e.violations().size(), e.getMessage());
    }

    @Test
    void nanInfiniteAndNegativeValuesAreRejected() {
        assertTrue(mentions(rejected("{\"v\":1,\"target\":\"a/b\",\"metric\":\"cpu\",\"value\":\"NaN\"}",
                MetricSample.class), "finite"));
        assertTrue(mentions(rejected("{\"v\":1,\"target\":\"a/b\",\"metric\":\"cpu\",\"value\":\"Infinity\"}",
                MetricSample.class), "finite"));
        assertTrue(mentions(rejected("{\"v\":1,\"target\":\"a/b\",\"metric\":\"cpu\",\"value\":-1}",
                MetricSample.class), "negative"));
    }

    @Test
    void anUnknownVersionIsRejected() {
        assertTrue(mentions(rejected("{\"v\":2,\"target\":\"a/b\",\"metric\":\"cpu\",\"value\":1}",
                MetricSample.class), "unsupported schema version 2"));
        assertTrue(mentions(rejected("{\"target\":\"a/b\",\"metric\":\"cpu\",\"value\":1}",
                MetricSample.class), "'v' is required"));
    }

    @Test
    void oversizeStringsAndMessagesAreRejected() {
        String longName = "x".repeat(400);
        assertTrue(mentions(rejected("{\"v\":1,\"target\":\"a/" + longName + "\",\"metric\":\"cpu\",\"value\":1}",
                MetricSample.class), "longer than"));
        String huge = "{\"v\":1,\"target\":\"a/b\",\"metric\":\"cpu\",\"value\":1,\"pad\":\""
                + "p".repeat(ContractCodec.MAX_MESSAGE_BYTES) + "\"}";
        assertTrue(mentions(rejected(huge, MetricSample.class), "exceeds the limit"));
    }

    @Test
    void malformedJsonAndWrongTypesGiveAReason() {
        assertTrue(mentions(rejected("not json", MetricSample.class), "not valid JSON"));
        assertTrue(mentions(rejected("{\"v\":1,\"target\":\"a/b\",\"metric\":\"cpu\",\"value\":{}}",
                MetricSample.class), "field 'value'"));
        assertTrue(mentions(rejected("", MetricSample.class), "empty"));
        assertTrue(mentions(rejected("null", MetricSample.class), "null"));
    }

    @Test
    void targetsMustBeNamespaceSlashName() {
        for (String bad : List.of("web", "Shop/web", "shop/", "/web", "shop/web/extra", "sh op/web")) {
            assertTrue(mentions(rejected("{\"v\":1,\"target\":\"" + bad + "\",\"metric\":\"cpu\",\"value\":1}",
                    MetricSample.class), "namespace/name"), bad);
        }
    }

    @Test
    void windowsAreConsistent() {
        MetricWindow w = new MetricWindow(1, "a/b", "cpu", Instant.parse("2026-01-01T00:00:10Z"),
                Instant.parse("2026-01-01T00:00:00Z"), 0L, 5.0, 1.0, 3.0, 0.0);
        ContractViolationException e = assertThrows(ContractViolationException.class,
                () -> ContractCodec.encode(w));
        assertTrue(mentions(e, "'windowStart' must be before 'windowEnd'"), e.getMessage());
        assertTrue(mentions(e, "'count' must be at least 1"), e.getMessage());
        assertTrue(mentions(e, "'min' must not exceed 'max'"), e.getMessage());
    }

    @Test
    void decisionsRoundTripWithTheirReason() {
        ScalingDecision d = new ScalingDecision(1, "5f0c", "shop/web", "p1", "web-cpu", 2, 3,
                "cpu avg 91 > 80", "cpu", 91.0, Instant.EPOCH, Instant.EPOCH, false);
        assertEquals(d, ContractCodec.decode(ContractCodec.encode(d), ScalingDecision.class));
        assertTrue(mentions(rejected("{\"v\":1,\"decisionId\":\"x\",\"target\":\"a/b\",\"policyId\":\"p\","
                + "\"currentReplicas\":-1,\"desiredReplicas\":2,\"reason\":\" \",\"createdAt\":\"2026-01-01T00:00:00Z\"}",
                ScalingDecision.class), "'currentReplicas' must not be negative"));
    }

    @Test
    void configChangesCarryTheirScopeInTheRecordKey() {
        ConfigChange c = new ConfigChange(1, 7L, new ConfigScope(ConfigScope.Type.SERVICE, "policy-engine"),
                "autoscaling.enabled", "false", false, false, Instant.EPOCH, "alice");
        assertEquals("service/policy-engine/autoscaling.enabled", c.recordKey());
        assertEquals(c, ContractCodec.decode(ContractCodec.encode(c), ConfigChange.class));
        ConfigChange bad = new ConfigChange(1, 0L, new ConfigScope(ConfigScope.Type.GLOBAL, "x"), "Bad Key",
                null, false, false, Instant.EPOCH, null);
        ContractViolationException e = assertThrows(ContractViolationException.class,
                () -> ContractCodec.encode(bad));
        assertEquals(4, e.violations().size(), e.getMessage());
    }

    @Test
    void aSampleCarriesItsInstancesRequestAndReadiness() {
        MetricSample sample = MetricSample.ofInstance("shop/web", "cpu", 0.25, Instant.parse("2026-11-23T10:00:00Z"),
                "web-7d9f-abc12", 0.5, false);
        String json = ContractCodec.encode(sample);
        assertTrue(json.contains("\"request\":0.5") && json.contains("\"ready\":false"), json);
        assertEquals(sample, ContractCodec.decode(json, MetricSample.class));

        MetricSample before = ContractCodec.decode(
                "{\"v\":1,\"target\":\"shop/web\",\"metric\":\"cpu\",\"value\":1,\"instance\":\"web-0\"}",
                MetricSample.class);
        assertNull(before.request());
        assertNull(before.ready());
        assertFalse(ContractCodec.encode(MetricSample.of("shop/web", "cpu", 1, Instant.EPOCH)).contains("ready"));
    }

    @Test
    void requestAndReadinessNeedAnInstanceAndARequestIsAboveZero() {
        ContractViolationException e = rejected("{\"v\":1,\"target\":\"a/b\",\"metric\":\"cpu\",\"value\":1,"
                + "\"request\":2,\"ready\":true}", MetricSample.class);
        assertTrue(mentions(e, "'request' needs 'instance'"), e.getMessage());
        assertTrue(mentions(e, "'ready' needs 'instance'"), e.getMessage());
        assertEquals(2, e.violations().size(), e.getMessage());

        assertTrue(mentions(rejected("{\"v\":1,\"target\":\"a/b\",\"metric\":\"cpu\",\"value\":1,"
                + "\"instance\":\"b-0\",\"request\":0}", MetricSample.class), "'request' must be above 0, got 0.0"));
        assertTrue(mentions(rejected("{\"v\":1,\"target\":\"a/b\",\"metric\":\"cpu\",\"value\":1,"
                + "\"instance\":\"b-0\",\"request\":\"Infinity\"}", MetricSample.class), "'request' must be a finite"));
        assertTrue(mentions(rejected("{\"v\":1,\"target\":\"a/b\",\"metric\":\"cpu\",\"value\":1,"
                + "\"instance\":\"b-0\",\"ready\":\"maybe\"}", MetricSample.class), "field 'ready'"));
    }

    @Test
    void aWindowCarriesItsInstancesAndAnOlderWindowStillReads() {
        MetricWindow window = new MetricWindow(1, "shop/web", "cpu", Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-01-01T00:00:10Z"), 5L, 0.1, 0.9, 0.5, 2.5,
                List.of(new InstanceAggregate("web-0", 3L, 0.3, 0.2, 0.5, null),
                        new InstanceAggregate("web-1", 1L, 0.9, 0.9, 0.5, false)), 1L);
        MetricWindow read = ContractCodec.decode(ContractCodec.encode(window), MetricWindow.class);
        assertEquals(window, read);
        assertTrue(read.instances().get(0).countsAsReady());
        assertFalse(read.instances().get(1).countsAsReady());
        assertFalse(read.hasCompleteInstances(), "one sample was left out of the list");

        MetricWindow old = ContractCodec.decode("{\"v\":1,\"target\":\"shop/web\",\"metric\":\"cpu\","
                + "\"windowStart\":\"2026-01-01T00:00:00Z\",\"windowEnd\":\"2026-01-01T00:00:10Z\",\"count\":2,"
                + "\"min\":1,\"max\":3,\"avg\":2,\"sum\":4}", MetricWindow.class);
        assertNull(old.instances());
        assertNull(old.omittedInstanceSamples());
        assertFalse(old.hasCompleteInstances());
        String written = ContractCodec.encode(old);
        assertFalse(written.contains("instances") || written.contains("omitted"), written);
    }

    @Test
    void everyBadInstanceOfAWindowIsNamed() {
        List<InstanceAggregate> instances = new ArrayList<>();
        instances.add(new InstanceAggregate("web-0", 1L, 1.0, 1.0, null, null));
        instances.add(null);
        instances.add(new InstanceAggregate(" ", 0L, -1.0, null, 0.0, true));
        instances.add(new InstanceAggregate("web-0", 9L, 1.0, 1.0, null, null));
        MetricWindow window = new MetricWindow(1, "a/b", "cpu", Instant.EPOCH, Instant.EPOCH.plusSeconds(10), 4L,
                1.0, 1.0, 1.0, 4.0, instances, -2L);
        ContractViolationException e = assertThrows(ContractViolationException.class,
                () -> ContractCodec.encode(window));
        assertTrue(mentions(e, "'instances[1]' must not be null"), e.getMessage());
        assertTrue(mentions(e, "'instances[2].instance' must not be blank"), e.getMessage());
        assertTrue(mentions(e, "'instances[2].count' must be at least 1, got 0"), e.getMessage());
        assertTrue(mentions(e, "'instances[2].avg' must not be negative"), e.getMessage());
        assertTrue(mentions(e, "'instances[2].last' is required"), e.getMessage());
        assertTrue(mentions(e, "'instances[2].request' must be above 0"), e.getMessage());
        assertTrue(mentions(e, "'instances[3].instance' repeats the instance 'web-0'"), e.getMessage());
        assertTrue(mentions(e, "add up to 10, more than the window's 'count' of 4"), e.getMessage());
        assertTrue(mentions(e, "'omittedInstanceSamples' must not be negative"), e.getMessage());
        assertEquals(9, e.violations().size(), e.getMessage());

        assertTrue(mentions(rejected("{\"v\":1,\"target\":\"a/b\",\"metric\":\"cpu\","
                + "\"windowStart\":\"2026-01-01T00:00:00Z\",\"windowEnd\":\"2026-01-01T00:00:10Z\",\"count\":2,"
                + "\"min\":1,\"max\":3,\"avg\":2,\"sum\":4,\"omittedInstanceSamples\":2}", MetricWindow.class),
                "'omittedInstanceSamples' needs 'instances'"));
    }

    @Test
    void aWindowListsAtMostTheCapOfInstancesAndAFullListFitsOneMessage() {
        String longest = "i".repeat(Violations.MAX_NAME_LENGTH - 4);
        List<InstanceAggregate> full = new ArrayList<>();
        for (int i = 0; i < MetricWindow.MAX_INSTANCES; i++) {
            full.add(new InstanceAggregate(longest + String.format("%04d", i), Long.MAX_VALUE / 1024,
                    Double.MAX_VALUE / 3, Double.MAX_VALUE / 7, Double.MAX_VALUE / 11, false));
        }
        MetricWindow window = new MetricWindow(1, "a/" + "b".repeat(250), "m".repeat(128), Instant.EPOCH,
                Instant.EPOCH.plusSeconds(10), Long.MAX_VALUE, 0.0, Double.MAX_VALUE, Double.MAX_VALUE / 3,
                Double.MAX_VALUE, full, Long.MAX_VALUE / 1024);
        String json = ContractCodec.encode(window);
        assertTrue(json.length() < ContractCodec.MAX_MESSAGE_BYTES, json.length() + " bytes");
        assertEquals(window, ContractCodec.decode(json, MetricWindow.class));

        List<InstanceAggregate> tooMany = new ArrayList<>(full);
        tooMany.add(new InstanceAggregate("one-more", 1L, 1.0, 1.0, null, null));
        ContractViolationException e = assertThrows(ContractViolationException.class, () -> ContractCodec.encode(
                new MetricWindow(1, "a/b", "cpu", Instant.EPOCH, Instant.EPOCH.plusSeconds(10), 1L, 0.0, 1.0, 1.0,
                        1.0, Collections.unmodifiableList(tooMany), null)));
        assertEquals(List.of("'instances' lists " + (MetricWindow.MAX_INSTANCES + 1) + " instances, at most "
                + MetricWindow.MAX_INSTANCES + " are allowed"), e.violations());
    }

    @Test
    void aDecisionCarriesTheRequestsItSetsAndAnOlderDecisionStillReads() {
        ScalingDecision d = new ScalingDecision(1, "5f0d", "shop/web", "p1", "web-cpu", 2, 2, "cpu 91% of request",
                "cpu", 91.0, Instant.EPOCH, Instant.EPOCH, false, ResourceRequests.of(750, null));
        String json = ContractCodec.encode(d);
        assertTrue(json.contains("\"resources\":{\"cpuMillis\":750}"), json);
        assertEquals(d, ContractCodec.decode(json, ScalingDecision.class));

        ScalingDecision old = ContractCodec.decode("{\"v\":1,\"decisionId\":\"x\",\"target\":\"a/b\","
                + "\"policyId\":\"p\",\"currentReplicas\":1,\"desiredReplicas\":2,\"reason\":\"r\","
                + "\"createdAt\":\"2026-01-01T00:00:00Z\"}", ScalingDecision.class);
        assertNull(old.resources());
        assertFalse(ContractCodec.encode(old).contains("resources"), ContractCodec.encode(old));
        assertEquals(old, new ScalingDecision(1, "x", "a/b", "p", null, 1, 2, "r", null, null, null,
                Instant.parse("2026-01-01T00:00:00Z"), null));
    }

    @Test
    void everyBadRequestOfADecisionIsNamed() {
        String head = "{\"v\":1,\"decisionId\":\"x\",\"target\":\"a/b\",\"policyId\":\"p\","
                + "\"currentReplicas\":1,\"desiredReplicas\":1,\"reason\":\"r\","
                + "\"createdAt\":\"2026-01-01T00:00:00Z\",\"resources\":";

        ContractViolationException empty = rejected(head + "{}}", ScalingDecision.class);
        assertEquals(List.of("'resources' must set 'cpuMillis', 'memoryMiB' or both"), empty.violations());

        ContractViolationException low = rejected(head + "{\"cpuMillis\":0,\"memoryMiB\":-5}}",
                ScalingDecision.class);
        assertEquals(List.of("'resources.cpuMillis' must be 1 to 1000000 millicores, got 0",
                "'resources.memoryMiB' must be 1 to 4194304 MiB, got -5"), low.violations());

        ContractViolationException high = rejected(head + "{\"cpuMillis\":1000001,\"memoryMiB\":4194305}}",
                ScalingDecision.class);
        assertEquals(List.of("'resources.cpuMillis' must be 1 to 1000000 millicores, got 1000001",
                "'resources.memoryMiB' must be 1 to 4194304 MiB, got 4194305"), high.violations());

        assertTrue(mentions(rejected(head + "{\"cpuMillis\":\"lots\"}}", ScalingDecision.class),
                "field 'resources.cpuMillis'"));
        assertEquals(ResourceRequests.of(ResourceRequests.MAX_CPU_MILLIS, 1), ContractCodec.decode(
                head + "{\"cpuMillis\":1000000,\"memoryMiB\":1}}", ScalingDecision.class).resources());
    }

    @Test
    void aScalingEventCarriesTheRequestsBeforeAndAfter() {
        ScalingEvent event = new ScalingEvent(1, "5f0e", "shop/web", "process", ScalingEvent.Status.SUCCEEDED, 2, 2,
                null, Instant.EPOCH, Instant.EPOCH, 12L, ResourceRequests.of(500, 512),
                ResourceRequests.of(750, 512));
        String json = ContractCodec.encode(event);
        assertTrue(json.contains("\"resourcesAfter\":{\"cpuMillis\":750,\"memoryMiB\":512}"), json);
        assertEquals(event, ContractCodec.decode(json, ScalingEvent.class));

        ScalingEvent old = new ScalingEvent(1, "5f0f", "shop/web", "process", ScalingEvent.Status.SUCCEEDED, 1, 2,
                null, Instant.EPOCH, Instant.EPOCH, 3L);
        String oldJson = ContractCodec.encode(old);
        assertFalse(oldJson.contains("resources"), oldJson);
        assertEquals(old, ContractCodec.decode(oldJson, ScalingEvent.class));

        ScalingEvent bad = new ScalingEvent(1, "5f10", "shop/web", "process", ScalingEvent.Status.FAILED, 1, 1,
                "x", Instant.EPOCH, Instant.EPOCH, 3L, ResourceRequests.of(null, null), ResourceRequests.of(0, 1));
        ContractViolationException e = assertThrows(ContractViolationException.class,
                () -> ContractCodec.encode(bad));
        assertEquals(List.of("'resourcesBefore' must set 'cpuMillis', 'memoryMiB' or both",
                "'resourcesAfter.cpuMillis' must be 1 to 1000000 millicores, got 0"), e.violations());
    }

    @Test
    void requestsMergeResourceByResource() {
        ResourceRequests running = ResourceRequests.of(500, 512);
        assertEquals(ResourceRequests.of(750, 512), ResourceRequests.merge(running, ResourceRequests.of(750, null)));
        assertEquals(running, ResourceRequests.merge(running, null));
        assertEquals(ResourceRequests.of(null, 256), ResourceRequests.merge(null, ResourceRequests.of(null, 256)));
        assertTrue(running.satisfies(ResourceRequests.of(500, null)));
        assertFalse(running.satisfies(ResourceRequests.of(null, 1024)));
        assertEquals("cpu=500m memory=512Mi", ResourceRequests.describe(running));
        assertEquals("none", ResourceRequests.describe(null));
    }
}
