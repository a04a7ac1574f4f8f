-- Training records: catalog, designations, enrollments, ledgers, audit log, idempotency keys.
-- Each record is kept as its JSON form (`body`, validated again when read back) next to the
-- columns that keys, references and indexes need. Ledgers and the audit log are append-only.

CREATE TABLE qualifications (
    code    TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
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
    version INTEGER NOT NULL,
    body    TEXT NOT NULL
);

CREATE TABLE courses (
    id               TEXT PRIMARY KEY,
    institution      TEXT NOT NULL REFERENCES institutions (id),
    qualification    TEXT NOT NULL,
    standard_version TEXT NOT NULL,
    capacity         INTEGER NOT NULL,
    version          INTEGER NOT NULL,
    body             TEXT NOT NULL,
    FOREIGN KEY (qualification, standard_version) REFERENCES standards (qualification, version)
);
CREATE INDEX courses_by_institution ON courses (institution, id);

CREATE TABLE enrollments (
    id      TEXT PRIMARY KEY,
    course  TEXT NOT NULL REFERENCES courses (id),
    version INTEGER NOT NULL,
    body    TEXT NOT NULL
);
CREATE INDEX enrollments_by_course ON enrollments (course, id);

CREATE TABLE attendance (
    seq         INTEGER PRIMARY KEY,
    enrollment  TEXT NOT NULL REFERENCES enrollments (id),
    body        TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE INDEX attendance_by_enrollment ON attendance (enrollment, seq);

CREATE TABLE evaluations (
    seq         INTEGER PRIMARY KEY,
    enrollment  TEXT NOT NULL REFERENCES enrollments (id),
    body        TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE INDEX evaluations_by_enrollment ON evaluations (enrollment, seq);

CREATE TABLE audit_log (
    seq     INTEGER PRIMARY KEY,
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
