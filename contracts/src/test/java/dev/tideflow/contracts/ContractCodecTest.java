package dev.tideflow.contracts;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
}
