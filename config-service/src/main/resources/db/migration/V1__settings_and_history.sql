-- The global revision: every change, in any scope, takes the next value, so one number orders the whole history.
CREATE SEQUENCE config.config_revision AS BIGINT START WITH 1 INCREMENT BY 1 NO CYCLE;

-- The current value of every setting; scope_name is '' for the global scope so that it can be part of the key.
CREATE TABLE config.setting (
    scope_type  VARCHAR(16)   NOT NULL,
    scope_name  VARCHAR(63)   NOT NULL,
    key         VARCHAR(256)  NOT NULL,
    value       TEXT          NOT NULL,
    revision    BIGINT        NOT NULL,
    updated_at  TIMESTAMPTZ   NOT NULL,
    updated_by  VARCHAR(253),
    CONSTRAINT setting_pk PRIMARY KEY (scope_type, scope_name, key),
    CONSTRAINT setting_scope_type CHECK (scope_type IN ('global', 'environment', 'service', 'instance')),
    CONSTRAINT setting_scope_name CHECK ((scope_type = 'global') = (scope_name = ''))
);

-- Append-only history and transactional outbox: a row is written in the same transaction as the setting,
-- and the relay sets published once the record is on tideflow.config.
CREATE TABLE config.config_change (
    revision    BIGINT        NOT NULL,
    scope_type  VARCHAR(16)   NOT NULL,
    scope_name  VARCHAR(63)   NOT NULL,
    key         VARCHAR(256)  NOT NULL,
    value       TEXT,
    deleted     BOOLEAN       NOT NULL,
    changed_at  TIMESTAMPTZ   NOT NULL,
    changed_by  VARCHAR(253),
    published   BOOLEAN       NOT NULL DEFAULT FALSE,
    CONSTRAINT config_change_pk PRIMARY KEY (revision),
    CONSTRAINT config_change_scope_type CHECK (scope_type IN ('global', 'environment', 'service', 'instance')),
    CONSTRAINT config_change_scope_name CHECK ((scope_type = 'global') = (scope_name = '')),
    CONSTRAINT config_change_value CHECK (deleted = (value IS NULL))
);

-- The relay only ever looks for the few rows not yet published.
CREATE INDEX config_change_unpublished ON config.config_change (revision) WHERE NOT published;
