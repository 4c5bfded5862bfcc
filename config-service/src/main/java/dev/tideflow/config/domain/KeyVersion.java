package dev.tideflow.config.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Convert;
import jakarta.persistence.Converter;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Locale;

/** One version of the key-encryption key, sealed by the master key; its material is destroyed on retirement. */
@Entity
@Table(name = "key_version")
public class KeyVersion {

    public enum State {
        /** New secrets are encrypted under it. */
        ACTIVE,
        /** Superseded; still opens the secrets the rewrap job has not moved yet. */
        PREVIOUS,
        /** Key material destroyed; nothing can be opened with it any more. */
        RETIRED;

        public String column() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The state as the lower-case word the table's check constraint lists. */
    @Converter
    public static class StateColumn implements AttributeConverter<State, String> {

        @Override
        public String convertToDatabaseColumn(State state) {
            return state == null ? null : state.column();
        }

        @Override
        public State convertToEntityAttribute(String column) {
            return column == null ? null : State.valueOf(column.toUpperCase(Locale.ROOT));
        }
    }

    @Id
    @Column(name = "version")
    private int version;

    @Column(name = "sealed_key")
    private String sealedKey;

    @Column(name = "state", nullable = false)
    @Convert(converter = StateColumn.class)
    private State state;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "created_by")
    private String createdBy;

    @Column(name = "retired_at")
    private Instant retiredAt;

    @Column(name = "retired_by")
    private String retiredBy;

    protected KeyVersion() {
    }

    public KeyVersion(int version, String sealedKey, Instant createdAt, String createdBy) {
        this.version = version;
        this.sealedKey = sealedKey;
        this.state = State.ACTIVE;
        this.createdAt = createdAt;
        this.createdBy = createdBy;
    }

    public void supersede() {
        this.state = State.PREVIOUS;
    }

    public void retire(Instant at, String by) {
        this.state = State.RETIRED;
        this.sealedKey = null;
        this.retiredAt = at;
        this.retiredBy = by;
    }

    public int version() {
        return version;
    }

    public String sealedKey() {
        return sealedKey;
    }

    public State state() {
        return state;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant retiredAt() {
        return retiredAt;
    }

    public String retiredBy() {
        return retiredBy;
    }
}
