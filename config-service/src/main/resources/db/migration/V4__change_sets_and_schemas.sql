-- A change-set writes several settings under one revision: the history's key becomes revision plus address, and
-- every row says how many rows its revision has, so the topic records can say it too.
ALTER TABLE config.config_change DROP CONSTRAINT config_change_pk;
ALTER TABLE config.config_change
    ADD CONSTRAINT config_change_pk PRIMARY KEY (revision, scope_type, scope_name, key),
    ADD COLUMN change_set_size INT NOT NULL DEFAULT 1,
    ADD CONSTRAINT config_change_set_size CHECK (change_set_size >= 1);

-- Undelete and rollback look up a setting's history by address.
CREATE INDEX config_change_setting ON config.config_change (scope_type, scope_name, key, revision);

ALTER TABLE config.config_audit DROP CONSTRAINT config_audit_action;
ALTER TABLE config.config_audit ADD CONSTRAINT config_audit_action CHECK (action IN ('setting.put', 'setting.delete',
    'setting.undelete', 'secret.read', 'key.create', 'key.rotate', 'key.rewrap', 'key.retire', 'config.changeset',
    'config.rollback', 'config.import', 'config.export', 'schema.put', 'schema.delete'));

-- JSON Schemas for values, by key prefix: a value is checked against every schema whose prefix its key starts with.
CREATE TABLE config.key_schema (
    prefix      VARCHAR(256)  NOT NULL,
    schema      TEXT          NOT NULL,
    updated_at  TIMESTAMPTZ   NOT NULL,
    updated_by  VARCHAR(253),
    CONSTRAINT key_schema_pk PRIMARY KEY (prefix)
);
