package dev.tideflow.config.domain;

import dev.tideflow.config.crypto.SecretAddress;
import dev.tideflow.config.crypto.ValueDigest;
import dev.tideflow.contracts.ConfigScope;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * The current value of one setting in one scope. For a secret, {@code value} is its envelope ciphertext and
 * {@code kekVersion} the key version that ciphertext names.
 */
@Entity
@Table(name = "setting")
@IdClass(SettingId.class)
public class Setting {

    @Id
    @Column(name = "scope_type")
    private String scopeType;

    @Id
    @Column(name = "scope_name")
    private String scopeName;

    @Id
    @Column(name = "key")
    private String key;

    @Column(name = "value", nullable = false)
    private String value;

    @Column(name = "revision", nullable = false)
    private long revision;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "updated_by")
    private String updatedBy;

    @Column(name = "secret", nullable = false)
    private boolean secret;

    @Column(name = "kek_version")
    private Integer kekVersion;

    @Column(name = "secret_digest")
    private String secretDigest;

    protected Setting() {
    }

    public Setting(ConfigScope scope, String key, StoredValue value, long revision, Instant updatedAt,
            String updatedBy) {
        this.scopeType = ScopeColumns.type(scope);
        this.scopeName = ScopeColumns.name(scope);
        this.key = key;
        assign(value, revision, updatedAt, updatedBy);
    }

    public final void assign(StoredValue value, long revision, Instant updatedAt, String updatedBy) {
        this.value = value.stored();
        this.secret = value.secret();
        this.kekVersion = value.kekVersion();
        this.secretDigest = value.secret() ? value.digest() : null;
        this.revision = revision;
        this.updatedAt = updatedAt;
        this.updatedBy = updatedBy;
    }

    /** Replaces the ciphertext by the same secret under another key version; not a change of the value. */
    public void rewrapped(String ciphertext, int version) {
        if (!secret) {
            throw new IllegalStateException("only a secret can be rewrapped");
        }
        this.value = ciphertext;
        this.kekVersion = version;
    }

    /** What any caller may see: a secret's value is masked. */
    public ScopedSetting toScoped() {
        return toScoped(secret ? Secrets.MASK : value);
    }

    /** With {@code visibleValue} in place of the stored value (the decrypted secret for a caller allowed it). */
    public ScopedSetting toScoped(String visibleValue) {
        return new ScopedSetting(scope(), key, visibleValue, revision, updatedAt, updatedBy, secret);
    }

    public ConfigScope scope() {
        return ScopeColumns.scope(scopeType, scopeName);
    }

    public SecretAddress address() {
        return new SecretAddress(scope().path(), key);
    }

    public String key() {
        return key;
    }

    /** The stored text: the ciphertext for a secret. Never hand it to a caller as the value. */
    public String storedValue() {
        return value;
    }

    public boolean secret() {
        return secret;
    }

    public Integer kekVersion() {
        return kekVersion;
    }

    public long revision() {
        return revision;
    }

    /** The audit digest of the current value. */
    public String digest() {
        return secret ? secretDigest : ValueDigest.sha256(value);
    }
}
