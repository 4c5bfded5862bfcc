package dev.tideflow.config.service;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class YamlSettingsTest {

    @Test
    void nestedSectionsFlattenToDottedKeysKeepingTheScalarText() {
        List<String> problems = new ArrayList<>();
        Map<String, String> values = YamlSettings.flatten("""
                scaling:
                  max-replicas: 20
                  factor: 1.50
                caching:
                  enabled: true
                  backends: [redis, local]
                monitoring.interval: 15s
                """, problems);
        assertEquals(List.of(), problems);
        assertEquals(Map.of("scaling.max-replicas", "20", "scaling.factor", "1.50", "caching.enabled", "true",
                "caching.backends", "[\"redis\",\"local\"]", "monitoring.interval", "15s"), values);
    }

    @Test
    void everyProblemOfADocumentIsReported() {
        List<String> problems = new ArrayList<>();
        YamlSettings.flatten("""
                a:
                  b: 1
                a.b: 2
                empty:
                """, problems);
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("'a.b' appears more than once"));
        assertTrue(problems.get(1).contains("'empty' has no value"));

        List<String> notAMap = new ArrayList<>();
        YamlSettings.flatten("- just\n- a list\n", notAMap);
        assertEquals(1, notAMap.size());
        List<String> broken = new ArrayList<>();
        YamlSettings.flatten("a: [unclosed\n", broken);
        assertTrue(broken.get(0).startsWith("not valid YAML"), broken.toString());
    }

    @Test
    void renderAndFlattenRoundTripExactly() {
        TreeMap<String, String> values = new TreeMap<>(Map.of("scaling.max-replicas", "20", "scaling.factor",
                "1.50", "cache", "on", "cache.size", "10", "flag", "true", "text", "a: b # not a comment"));
        String yaml = YamlSettings.render(values);
        List<String> problems = new ArrayList<>();
        assertEquals(values, new TreeMap<>(YamlSettings.flatten(yaml, problems)), yaml);
        assertEquals(List.of(), problems);
        assertTrue(yaml.contains("scaling:\n  factor:"), yaml);
    }
}
