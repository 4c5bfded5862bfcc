package dev.tideflow.config.domain;

import dev.tideflow.config.crypto.SecretAddress;
import dev.tideflow.contracts.ConfigChange;
import dev.tideflow.contracts.ConfigScope;
import dev.tideflow.contracts.Contract;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import org.hibernate.annotations.DynamicUpdate;

import java.time.Instant;

/**
 * One entry of the append-only history, at its global revision; a change-set writes one entry per setting, all
 * at the same revision, each knowing how many the revision has. It is also the outbox: written with
 * {@code published = false} in the transaction that changes the setting, flipped once the record is on the topic.
 */
@Entity
@Table(name = "config_change")
@IdClass(SettingChangeId.class)
// Only changed columns are written: the relay (published) and the rewrap job (value, kek_version) update the same
// rows in separate transactions, and neither may write back the other's stale columns.
@DynamicUpdate
public class SettingChange {

    @Id
    @Column(name = "revision")
    private long revision;

    @Id
    @Column(name = "scope_type", nullable = false)
    private String scopeType;

    @Id
    @Column(name = "scope_name", nullable = false)
    private String scopeName;

    @Id
    @Column(name = "key", nullable = false)
    private String key;

    @Column(name = "value")
    private String value;

    @Column(name = "deleted", nullable = false)
    private boolean deleted;

    @Column(name = "changed_at", nullable = false)
    private Instant changedAt;

    @Column(name = "changed_by")
    private String changedBy;

    @Column(name = "published", nullable = false)
    private boolean published;

    @Column(name = "secret", nullable = false)
    private boolean secret;

    @Column(name = "kek_version")
    private Integer kekVersion;

    @Column(name = "change_set_size", nullable = false)
    private int changeSetSize = 1;

    protected SettingChange() {
    }

    private SettingChange(long revision, ConfigScope scope, String key, String value, boolean deleted,
            boolean secret, Integer kekVersion, Instant changedAt, String changedBy) {
        this.revision = revision;
        this.scopeType = ScopeColumns.type(scope);
        this.scopeName = ScopeColumns.name(scope);
        this.key = key;
        this.value = value;
        this.deleted = deleted;
        this.secret = secret;
        this.kekVersion = kekVersion;
        this.changedAt = changedAt;
        this.changedBy = changedBy;
    }

    public static SettingChange assignment(long revision, ConfigScope scope, String key, StoredValue value,
            Instant changedAt, String changedBy) {
        return new SettingChange(revision, scope, key, value.stored(), false, value.secret(), value.kekVersion(),
                changedAt, changedBy);
    }

    /** This entry is one of {@code size} written at its revision. */
    public SettingChange inChangeSetOf(int size) {
        this.changeSetSize = size;
        return this;
    }

    /** @param secret the deleted setting was a secret (so consumers drop it from their secret handling too) */
    public static SettingChange deletion(long revision, ConfigScope scope, String key, boolean secret,
            Instant changedAt, String changedBy) {
        return new SettingChange(revision, scope, key, null, true, secret, null, changedAt, changedBy);
    }

    /** Same secret, data key sealed under another key version; the revision and its publication are untouched. */
    public void rewrapped(String ciphertext, int version) {
        if (!secret || deleted) {
            throw new IllegalStateException("only a secret assignment can be rewrapped");
        }
        this.value = ciphertext;
        this.kekVersion = version;
    }

    public void markPublished() {
        this.published = true;
    }

    /**
     * The record the relay puts on {@code tideflow.config}. A secret goes out masked: consumers cannot open the
     * ciphertext anyway, and on a compacted topic it would outlive key rotation and retirement.
     */
    public ConfigChange toContract() {
        return new ConfigChange(Contract.VERSION, revision, scope(), key, visibleValue(), deleted, secret,
                changedAt, changedBy, changeSetSize);
    }

    /** The value as any caller may see it: a secret is masked, a deletion has none. */
    public String visibleValue() {
        return secret && !deleted ? Secrets.MASK : value;
    }

    public long revision() {
        return revision;
    }

    public ConfigScope scope() {
        return ScopeColumns.scope(scopeType, scopeName);
    }

    public String key() {
        return key;
    }

    /** The stored text: the ciphertext for a secret. */
    public String storedValue() {
        return value;
    }

    public boolean secret() {
        return secret;
    }

    public Integer kekVersion() {
        return kekVersion;
    }

    public SecretAddress address() {
        return new SecretAddress(scope().path(), key);
    }

    public boolean deleted() {
        return deleted;
    }

    public Instant changedAt() {
        return changedAt;
    }

    public String changedBy() {
        return changedBy;
    }

    public boolean published() {
        return published;
    }

    public int changeSetSize() {
        return changeSetSize;
    }
}
