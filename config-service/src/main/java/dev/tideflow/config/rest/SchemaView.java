package dev.tideflow.config.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tideflow.config.domain.KeySchema;

import java.time.Instant;

/** A registered schema, the schema itself as JSON. */
public record SchemaView(String prefix, JsonNode schema, Instant updatedAt, String updatedBy) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static SchemaView of(KeySchema schema) {
        try {
            return new SchemaView(schema.prefix(), JSON.readTree(schema.schema()), schema.updatedAt(),
                    schema.updatedBy());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored schema for '" + schema.prefix() + "' is not JSON", e);
        }
    }
}
