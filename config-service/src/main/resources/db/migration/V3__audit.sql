-- Who did what: every change, every decryption of a secret, every key operation. Values appear only as digests:
-- sha256:<hex> for plain values, hmac-sha256:<hex> (keyed by the master key) for secrets.
CREATE TABLE config.config_audit (
    id          BIGINT        GENERATED ALWAYS AS IDENTITY,
    at          TIMESTAMPTZ   NOT NULL,
    actor       VARCHAR(253),
    action      VARCHAR(32)   NOT NULL,
    scope_type  VARCHAR(16),
    scope_name  VARCHAR(63),
    key         VARCHAR(256),
    revision    BIGINT,
    secret      BOOLEAN       NOT NULL,
    old_hash    VARCHAR(80),
    new_hash    VARCHAR(80),
    request_id  VARCHAR(128)  NOT NULL,
    detail      VARCHAR(512),
    CONSTRAINT config_audit_pk PRIMARY KEY (id),
    CONSTRAINT config_audit_action CHECK (action IN ('setting.put', 'setting.delete', 'secret.read', 'key.create',
        'key.rotate', 'key.rewrap', 'key.retire')),
    CONSTRAINT config_audit_scope_type CHECK (scope_type IS NULL
        OR scope_type IN ('global', 'environment', 'service', 'instance'))
);
CREATE INDEX config_audit_setting ON config.config_audit (scope_type, scope_name, key, id);
CREATE INDEX config_audit_actor ON config.config_audit (actor, id);
CREATE INDEX config_audit_at ON config.config_audit (at);

-- The log is append-only for the application too, not only by convention.
CREATE FUNCTION config.config_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'config_audit is append-only';
END
$$;
CREATE TRIGGER config_audit_no_update_or_delete BEFORE UPDATE OR DELETE ON config.config_audit
    FOR EACH ROW EXECUTE FUNCTION config.config_audit_append_only();
