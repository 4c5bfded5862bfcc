package dev.tideflow.config.service;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ValueSchemasTest {

    private final ValueSchemas schemas = ValueSchemas.of(Map.of(
            "scaling.", "{\"type\": \"integer\", \"minimum\": 1}",
            "scaling.mode", "{\"enum\": [\"fast\", \"slow\"]}",
            "caching.", "{\"$schema\": \"http://json-schema.org/draft-07/schema#\", \"type\": \"object\","
                    + " \"required\": [\"ttl\"]}"));

    @Test
    void valuesAreReadAsJsonAndOtherwiseAsAString() {
        assertEquals(List.of(), schemas.violations("scaling.max", "20"));
        assertEquals(1, schemas.violations("scaling.max", "0").size());
        assertEquals(1, schemas.violations("scaling.max", "20 replicas").size(), "not JSON: the string");
        assertEquals(List.of(), schemas.violations("caching.redis", "{\"ttl\": 30}"));
        assertEquals(1, schemas.violations("caching.redis", "{}").size());
        assertEquals(List.of(), schemas.violations("other", "anything"));
        assertFalse(schemas.appliesTo("other"));
    }

    @Test
    void everySchemaWhosePrefixMatchesApplies() {
        List<String> violations = schemas.violations("scaling.mode", "fast");
        assertEquals(1, violations.size(), "fast is no integer: " + violations);
        assertTrue(violations.get(0).startsWith("breaks the schema for 'scaling.'"), violations.get(0));
        assertEquals(2, schemas.violations("scaling.mode", "medium").size());
    }

    @Test
    void schemasAreCheckedAgainstTheirDialect() {
        assertEquals(List.of(), ValueSchemas.problems("{\"type\": \"string\", \"maxLength\": 3}"));
        assertEquals(List.of(), ValueSchemas.problems("true"));
        assertFalse(ValueSchemas.problems("{\"type\": \"strin\"}").isEmpty());
        assertFalse(ValueSchemas.problems("{\"minimum\": \"one\"}").isEmpty());
        assertFalse(ValueSchemas.problems("[1]").isEmpty());
        assertFalse(ValueSchemas.problems("{").isEmpty());
        assertFalse(ValueSchemas.problems("{\"$schema\": \"https://example.com/mine\"}").isEmpty());
    }
}
