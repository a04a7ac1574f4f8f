-- Training records: catalog, designations, enrollments, ledgers, audit log, idempotency keys.
-- The same tables and columns as the SQLite schema, so that both adapters run the statements
-- of `cqnet_adapters::sql` and map rows alike. Each record is kept as its JSON text (`body`,
-- validated again by the record's constructor when read back; TEXT keeps the bytes written,
-- and `body::jsonb` gives SQL access) next to the columns that keys, references and indexes
-- need. Identifiers are hyphenated UUID text, instants RFC 3339 text in UTC.
--
-- The tables are created in the schema named first in `search_path`: the adapter sets it to
-- its own schema on every pooled connection.

CREATE TABLE qualifications (
    code    TEXT PRIMARY KEY,
    version BIGINT NOT NULL CHECK (version >= 1),
    body    TEXT NOT NULL
);

CREATE TABLE standards (
    qualification TEXT NOT NULL REFERENCES qualifications (code),
    version       TEXT NOT NULL,
    body          TEXT NOT NULL,
    PRIMARY KEY (qualification, version)
);

CREATE TABLE institutions (
    id      TEXT PRIMARY KEY,
    version BIGINT NOT NULL CHECK (version >= 1),
    body    TEXT NOT NULL
);

CREATE TABLE courses (
    id               TEXT PRIMARY KEY,
    institution      TEXT NOT NULL REFERENCES institutions (id),
    qualification    TEXT NOT NULL,
    standard_version TEXT NOT NULL,
    capacity         BIGINT NOT NULL CHECK (capacity >= 0),
    version          BIGINT NOT NULL CHECK (version >= 1),
    body             TEXT NOT NULL,
    FOREIGN KEY (qualification, standard_version) REFERENCES standards (qualification, version)
);
CREATE INDEX courses_by_institution ON courses (institution, id);

CREATE TABLE enrollments (
    id      TEXT PRIMARY KEY,
    course  TEXT NOT NULL REFERENCES courses (id),
    version BIGINT NOT NULL CHECK (version >= 1),
    body    TEXT NOT NULL
);
CREATE INDEX enrollments_by_course ON enrollments (course, id);

CREATE TABLE attendance (
    seq         BIGINT PRIMARY KEY CHECK (seq >= 1),
    enrollment  TEXT NOT NULL REFERENCES enrollments (id),
    body        TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE INDEX attendance_by_enrollment ON attendance (enrollment, seq);

CREATE TABLE evaluations (
    seq         BIGINT PRIMARY KEY CHECK (seq >= 1),
    enrollment  TEXT NOT NULL REFERENCES enrollments (id),
    body        TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE INDEX evaluations_by_enrollment ON evaluations (enrollment, seq);

CREATE TABLE audit_log (
    seq     BIGINT PRIMARY KEY CHECK (seq >= 1),
    actor   TEXT NOT NULL,
    at      TEXT NOT NULL,
    command TEXT NOT NULL,
    subject TEXT NOT NULL,
    outcome TEXT NOT NULL
);

CREATE TABLE idempotency_keys (
    key         TEXT PRIMARY KEY,
    fingerprint TEXT NOT NULL,
    result      TEXT NOT NULL
);

-- The ledgers and the audit log are append-only: the database itself refuses to change or
-- remove what was committed, whoever asks.
CREATE FUNCTION cqnet_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'table % is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'restrict_violation';
END;
$$;

CREATE TRIGGER attendance_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON attendance
    FOR EACH STATEMENT EXECUTE FUNCTION cqnet_append_only();
CREATE TRIGGER evaluations_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON evaluations
    FOR EACH STATEMENT EXECUTE FUNCTION cqnet_append_only();
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION cqnet_append_only();
