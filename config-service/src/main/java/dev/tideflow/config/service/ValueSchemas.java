package dev.tideflow.config.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * JSON Schemas for setting values, by key prefix. A value is checked against every schema whose prefix its key
 * starts with. Values are text; when a schema applies, the text is read as JSON ({@code 20} is a number,
 * {@code {"a":1}} an object, {@code "x"} a string) and, if it is not valid JSON, checked as the JSON string it
 * spells ({@code fast} is the string "fast"), so plain words need no quotes.
 *
 * <p>Schemas are draft 2020-12 (the default) or draft 7, chosen by {@code $schema}. Nothing is ever fetched: a
 * {@code $ref} may only point inside the schema or at the bundled meta-schemas.
 */
public final class ValueSchemas {

    // "20 apples" is text, not the number 20 followed by noise.
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    private static final String DRAFT_2020_12 = SpecificationVersion.DRAFT_2020_12.getDialectId();
    private static final String DRAFT_7 = SpecificationVersion.DRAFT_7.getDialectId();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12, builder -> builder.schemaLoader(
                    loader -> loader.fetchRemoteResources(false)));

    private static final int MAX_COMPILED = 512;
    private static final Map<String, Schema> COMPILED = new ConcurrentHashMap<>();

    private final SortedMap<String, Schema> byPrefix;

    private ValueSchemas(SortedMap<String, Schema> byPrefix) {
        this.byPrefix = byPrefix;
    }

    public static ValueSchemas none() {
        return new ValueSchemas(new TreeMap<>());
    }

    /** @param schemas schema text by prefix, each already accepted by {@link #compile} */
    public static ValueSchemas of(Map<String, String> schemas) {
        SortedMap<String, Schema> compiled = new TreeMap<>();
        schemas.forEach((prefix, text) -> compiled.put(prefix, compile(text)));
        return new ValueSchemas(compiled);
    }

    /** This set with {@code prefix} bound to {@code text} (replacing any schema it had). */
    public ValueSchemas with(String prefix, String text) {
        SortedMap<String, Schema> compiled = new TreeMap<>(byPrefix);
        compiled.put(prefix, compile(text));
        return new ValueSchemas(compiled);
    }

    public boolean appliesTo(String key) {
        return byPrefix.keySet().stream().anyMatch(key::startsWith);
    }

    /** Every way {@code value} breaks a schema that applies to {@code key}; empty when it passes or none applies. */
    public List<String> violations(String key, String value) {
        List<String> found = new ArrayList<>();
        byPrefix.forEach((prefix, schema) -> {
            if (key.startsWith(prefix)) {
                for (Error error : schema.validate(parse(value))) {
                    found.add("breaks the schema for '" + prefix + "': " + error.getMessage());
                }
            }
        });
        return found;
    }

    /**
     * Checks that {@code text} is a JSON Schema this service accepts; returns every problem (empty when fine). The
     * schema is validated against its dialect's meta-schema, so a typo such as {@code "type": "integr"} is refused
     * here rather than rejecting every value later.
     */
    public static List<String> problems(String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return List.of("the schema is not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !(node.isObject() || node.isBoolean())) {
            return List.of("a JSON Schema is an object (or true/false)");
        }
        String dialect = DRAFT_2020_12;
        JsonNode declared = node.get("$schema");
        if (declared != null) {
            String id = declared.asText().replaceFirst("#$", "");
            if (id.equals(DRAFT_7.replaceFirst("#$", ""))) {
                dialect = DRAFT_7;
            } else if (!id.equals(DRAFT_2020_12)) {
                return List.of("'$schema' must be " + DRAFT_2020_12 + " or " + DRAFT_7 + ", got '" + id + "'");
            }
        }
        List<String> found = new ArrayList<>();
        try {
            Schema meta = REGISTRY.getSchema(SchemaLocation.of(dialect));
            meta.validate(node).forEach(error -> found.add("invalid schema: " + error.getMessage()));
            if (found.isEmpty()) {
                REGISTRY.getSchema(node).validate(TextNode.valueOf(""));
            }
        } catch (SchemaException | IllegalArgumentException e) {
            found.add("invalid schema: " + e.getMessage());
        }
        return found;
    }

    private static Schema compile(String text) {
        // Every write reads the schemas in force; compiling each one once keeps that cheap. Replaced schemas are
        // few, so the cache is simply dropped when it grows past what any deployment registers.
        if (COMPILED.size() > MAX_COMPILED) {
            COMPILED.clear();
        }
        return COMPILED.computeIfAbsent(text, json -> {
            try {
                return REGISTRY.getSchema(JSON.readTree(json));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("stored schema is not JSON: " + e.getOriginalMessage(), e);
            }
        });
    }

    /** The value as JSON when it is JSON, else as the JSON string it spells. */
    static JsonNode parse(String value) {
        try {
            JsonNode node = JSON.readTree(value);
            return node == null || node.isMissingNode() ? TextNode.valueOf(value) : node;
        } catch (JsonProcessingException e) {
            return TextNode.valueOf(value);
        }
    }
}
