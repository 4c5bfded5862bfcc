package dev.tideflow.config.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A JSON Schema that every value of a key starting with {@code prefix} must satisfy. */
@Entity
@Table(name = "key_schema")
public class KeySchema {

    @Id
    @Column(name = "prefix")
    private String prefix;

    @Column(name = "schema", nullable = false)
    private String schema;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "updated_by")
    private String updatedBy;

    protected KeySchema() {
    }

    public KeySchema(String prefix, String schema, Instant updatedAt, String updatedBy) {
        this.prefix = prefix;
        assign(schema, updatedAt, updatedBy);
    }

    public final void assign(String schema, Instant updatedAt, String updatedBy) {
        this.schema = schema;
        this.updatedAt = updatedAt;
        this.updatedBy = updatedBy;
    }

    public String prefix() {
        return prefix;
    }

    public String schema() {
        return schema;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public String updatedBy() {
        return updatedBy;
    }
}
