-- Key-encryption keys (KEKs) by version, each sealed by the master key, which never reaches the database: a dump
-- of this schema alone opens no secret. Exactly one version is active (new secrets); 'previous' versions still
-- open older secrets until the rewrap job has moved them; a retired version has its key material destroyed.
CREATE TABLE config.key_version (
    version     INT           NOT NULL,
    sealed_key  TEXT,
    state       VARCHAR(16)   NOT NULL,
    created_at  TIMESTAMPTZ   NOT NULL,
    created_by  VARCHAR(253),
    retired_at  TIMESTAMPTZ,
    retired_by  VARCHAR(253),
    CONSTRAINT key_version_pk PRIMARY KEY (version),
    CONSTRAINT key_version_number CHECK (version >= 1),
    CONSTRAINT key_version_state CHECK (state IN ('active', 'previous', 'retired')),
    CONSTRAINT key_version_material CHECK ((state = 'retired') = (sealed_key IS NULL))
);
CREATE UNIQUE INDEX key_version_one_active ON config.key_version (state) WHERE state = 'active';

-- A secret's value column holds its envelope ciphertext (tfenc:v1:<kek>:...); kek_version repeats the version the
-- ciphertext names so that counting and rewrapping what a version protects needs no parsing. secret_digest is the
-- keyed (HMAC) digest the audit log uses for the current value.
ALTER TABLE config.setting
    ADD COLUMN secret        BOOLEAN     NOT NULL DEFAULT FALSE,
    ADD COLUMN kek_version   INT         REFERENCES config.key_version (version),
    ADD COLUMN secret_digest VARCHAR(80),
    ADD CONSTRAINT setting_secret_key CHECK (secret = (kek_version IS NOT NULL)),
    ADD CONSTRAINT setting_secret_digest CHECK (secret = (secret_digest IS NOT NULL));

-- History keeps the ciphertext of every secret revision (rollback needs it); the topic never carries it.
ALTER TABLE config.config_change
    ADD COLUMN secret        BOOLEAN     NOT NULL DEFAULT FALSE,
    ADD COLUMN kek_version   INT         REFERENCES config.key_version (version),
    ADD CONSTRAINT config_change_secret_key CHECK ((kek_version IS NOT NULL) = (secret AND NOT deleted));

CREATE INDEX setting_kek_version ON config.setting (kek_version) WHERE kek_version IS NOT NULL;
CREATE INDEX config_change_kek_version ON config.config_change (kek_version) WHERE kek_version IS NOT NULL;
