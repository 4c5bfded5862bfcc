package dev.tideflow.config.domain;

import dev.tideflow.contracts.ConfigScope;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One line of the append-only audit log. Values appear only as digests (see {@link StoredValue#digest()}). */
@Entity
@Table(name = "config_audit")
public class AuditEntry {

    public static final String PUT = "setting.put";
    public static final String DELETE = "setting.delete";
    public static final String SECRET_READ = "secret.read";
    public static final String KEY_CREATE = "key.create";
    public static final String KEY_ROTATE = "key.rotate";
    public static final String KEY_REWRAP = "key.rewrap";
    public static final String KEY_RETIRE = "key.retire";
    public static final String UNDELETE = "setting.undelete";
    public static final String CHANGE_SET = "config.changeset";
    public static final String ROLLBACK = "config.rollback";
    public static final String IMPORT = "config.import";
    public static final String EXPORT = "config.export";
    public static final String SCHEMA_PUT = "schema.put";
    public static final String SCHEMA_DELETE = "schema.delete";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    private Long id;

    @Column(name = "at", nullable = false)
    private Instant at;

    @Column(name = "actor")
    private String actor;

    @Column(name = "action", nullable = false)
    private String action;

    @Column(name = "scope_type")
    private String scopeType;

    @Column(name = "scope_name")
    private String scopeName;

    @Column(name = "key")
    private String key;

    @Column(name = "revision")
    private Long revision;

    @Column(name = "secret", nullable = false)
    private boolean secret;

    @Column(name = "old_hash")
    private String oldHash;

    @Column(name = "new_hash")
    private String newHash;

    @Column(name = "request_id", nullable = false)
    private String requestId;

    @Column(name = "detail")
    private String detail;

    protected AuditEntry() {
    }

    private AuditEntry(Instant at, String actor, String action, ConfigScope scope, String key, Long revision,
            boolean secret, String oldHash, String newHash, String requestId, String detail) {
        this.at = at;
        this.actor = actor;
        this.action = action;
        this.scopeType = scope == null ? null : ScopeColumns.type(scope);
        this.scopeName = scope == null ? null : ScopeColumns.name(scope);
        this.key = key;
        this.revision = revision;
        this.secret = secret;
        this.oldHash = oldHash;
        this.newHash = newHash;
        this.requestId = requestId;
        this.detail = detail;
    }

    /** A put or a delete of a setting. */
    public static AuditEntry change(String action, Instant at, String actor, ConfigScope scope, String key,
            long revision, boolean secret, String oldHash, String newHash, String requestId) {
        return new AuditEntry(at, actor, action, scope, key, revision, secret, oldHash, newHash, requestId, null);
    }

    /** A secret decrypted for a caller; {@code digest} identifies the value that was read. */
    public static AuditEntry secretRead(Instant at, String actor, ConfigScope scope, String key, long revision,
            String digest, String requestId) {
        return new AuditEntry(at, actor, SECRET_READ, scope, key, revision, true, null, digest, requestId, null);
    }

    /** An operation over many settings or none (change-set, rollback, import, export, schema), in {@code detail}. */
    public static AuditEntry event(String action, Instant at, String actor, ConfigScope scope, Long revision,
            String requestId, String detail) {
        return new AuditEntry(at, actor, action, scope, null, revision, false, null, null, requestId,
                detail.length() <= 512 ? detail : detail.substring(0, 511) + "…");
    }

    /** A key operation, described in {@code detail}. */
    public static AuditEntry keyEvent(String action, Instant at, String actor, String requestId, String detail) {
        return new AuditEntry(at, actor, action, null, null, null, false, null, null, requestId, detail);
    }

    public long id() {
        return id;
    }

    public Instant at() {
        return at;
    }

    public String actor() {
        return actor;
    }

    public String action() {
        return action;
    }

    public ConfigScope scope() {
        return scopeType == null ? null : ScopeColumns.scope(scopeType, scopeName);
    }

    public String key() {
        return key;
    }

    public Long revision() {
        return revision;
    }

    public boolean secret() {
        return secret;
    }

    public String oldHash() {
        return oldHash;
    }

    public String newHash() {
        return newHash;
    }

    public String requestId() {
        return requestId;
    }

    public String detail() {
        return detail;
    }
}
