package dev.tideflow.collector.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tideflow.contracts.MetricSample;
import dev.tideflow.kit.rest.ProblemException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetricBatchValidatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private final MetricBatchValidator validator = new MetricBatchValidator(3);

    @Test
    void acceptsAValidBatchFillingVersionAndTimestamp() {
        List<MetricSample> samples = validator.validate(json("""
                {"samples": [
                  {"target": "shop/cart", "metric": "cpu", "value": 0.5},
                  {"target": "shop/cart", "metric": "rps", "value": 12, "timestamp": "2026-03-01T11:59:58Z",
                   "instance": "cart-7d9f"}
                ]}"""), NOW);

        assertEquals(2, samples.size());
        assertEquals(new MetricSample(1, "shop/cart", "cpu", 0.5, NOW, null), samples.get(0));
        assertEquals(new MetricSample(1, "shop/cart", "rps", 12.0, Instant.parse("2026-03-01T11:59:58Z"),
                "cart-7d9f"), samples.get(1));
    }

    @Test
    void takesAnInstancesRequestAndReadinessAndNamesThemWhenWrong() {
        List<MetricSample> samples = validator.validate(json("""
                [{"target": "shop/cart", "metric": "cpu", "value": 0.3, "instance": "cart-0", "request": 0.5,
                  "ready": false}]"""), NOW);
        assertEquals(MetricSample.ofInstance("shop/cart", "cpu", 0.3, NOW, "cart-0", 0.5, false), samples.get(0));

        ProblemException e = assertThrows(ProblemException.class, () -> validator.validate(json("""
                [{"target": "shop/cart", "metric": "cpu", "value": 0.3, "request": 0.5},
                 {"target": "shop/cart", "metric": "cpu", "value": 0.3, "instance": "cart-0", "request": -1}]"""),
                NOW));
        List<String> errors = e.problem().errors();
        assertTrue(errors.stream().anyMatch(m -> m.startsWith("samples[0]: 'request' needs 'instance'")),
                errors.toString());
        assertTrue(errors.contains("samples[1]: 'request' must be above 0, got -1.0"), errors.toString());
    }

    @Test
    void acceptsABareArray() {
        List<MetricSample> samples = validator.validate(json("""
                [{"target": "shop/cart", "metric": "cpu", "value": 1}]"""), NOW);

        assertEquals(1, samples.size());
        assertEquals(NOW, samples.get(0).timestamp());
    }

    @Test
    void namesEveryBadSampleByIndexAndAcceptsNone() {
        ProblemException e = assertThrows(ProblemException.class, () -> validator.validate(json("""
                {"samples": [
                  {"target": "shop/cart", "metric": "cpu", "value": 1},
                  {"target": "BAD TARGET", "metric": "cpu", "value": "NaN"},
                  {"target": "shop/cart", "value": -1}
                ]}"""), NOW));

        assertEquals(400, e.problem().status());
        List<String> errors = e.problem().errors();
        assertTrue(errors.stream().anyMatch(m -> m.startsWith("samples[1]: 'target' must be namespace/name")),
                errors.toString());
        assertTrue(errors.contains("samples[1]: 'value' must be a finite number, got NaN"), errors.toString());
        assertTrue(errors.contains("samples[2]: 'metric' is required"), errors.toString());
        assertTrue(errors.contains("samples[2]: 'value' must not be negative, got -1.0"), errors.toString());
        assertTrue(errors.stream().noneMatch(m -> m.startsWith("samples[0]")), errors.toString());
        assertTrue(e.problem().detail().startsWith("2 of 3 samples are invalid"), e.problem().detail());
    }

    @Test
    void reportsWrongTypesAndNonObjectsByIndex() {
        ProblemException e = assertThrows(ProblemException.class, () -> validator.validate(json("""
                [42, {"target": "shop/cart", "metric": "cpu", "value": {"nested": true}}]"""), NOW));

        List<String> errors = e.problem().errors();
        assertEquals("samples[0]: must be a JSON object, got number", errors.get(0));
        assertTrue(errors.get(1).startsWith("samples[1]: field 'value'"), errors.toString());
    }

    @Test
    void refusesAnUnsupportedVersion() {
        ProblemException e = assertThrows(ProblemException.class, () -> validator.validate(json("""
                [{"v": 2, "target": "shop/cart", "metric": "cpu", "value": 1}]"""), NOW));

        assertTrue(e.problem().errors().get(0).startsWith("samples[0]: unsupported schema version 2"));
    }

    @Test
    void refusesABatchAboveTheLimitWith413() {
        ProblemException e = assertThrows(ProblemException.class, () -> validator.validate(json("""
                [{"target": "shop/a", "metric": "cpu", "value": 1}, {"target": "shop/a", "metric": "cpu", "value": 1},
                 {"target": "shop/a", "metric": "cpu", "value": 1}, {"target": "shop/a", "metric": "cpu", "value": 1}]
                """), NOW));

        assertEquals(413, e.problem().status());
        assertTrue(e.problem().detail().contains("4 samples exceeds the limit of 3"), e.problem().detail());
    }

    @Test
    void refusesEmptyAndShapelessBodies() {
        for (String body : List.of("{\"samples\": []}", "[]", "{}", "{\"samples\": 3}", "\"text\"", "null")) {
            ProblemException e = assertThrows(ProblemException.class, () -> validator.validate(json(body), NOW),
                    body);
            assertEquals(400, e.problem().status(), body);
        }
        assertEquals(400, assertThrows(ProblemException.class, () -> validator.validate(null, NOW)).problem().status());
    }

    @Test
    void listsAtMostAHundredErrors() {
        MetricBatchValidator large = new MetricBatchValidator(500);
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < 150; i++) {
            body.append(i == 0 ? "" : ",").append("{\"target\": \"shop/a\", \"metric\": \"cpu\", \"value\": -1}");
        }
        ProblemException e = assertThrows(ProblemException.class,
                () -> large.validate(json(body.append("]").toString()), NOW));

        assertEquals(MetricBatchValidator.MAX_REPORTED_ERRORS, e.problem().errors().size());
        assertTrue(e.problem().detail().startsWith("150 of 150 samples are invalid"), e.problem().detail());
    }

    @Test
    void countsSamplesOfRefusedBodies() {
        assertEquals(2, MetricBatchValidator.sampleCount(json("[1, 2]")));
        assertEquals(3, MetricBatchValidator.sampleCount(json("{\"samples\": [1, 2, 3]}")));
        assertEquals(1, MetricBatchValidator.sampleCount(json("{}")));
        assertEquals(1, MetricBatchValidator.sampleCount(null));
    }

    @Test
    void leavesTheCallersNodeUntouched() {
        JsonNode body = json("[{\"target\": \"shop/cart\", \"metric\": \"cpu\", \"value\": 1}]");

        validator.validate(body, NOW);

        assertNull(body.get(0).get("v"));
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
