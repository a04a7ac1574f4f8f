-- Certificates (자격증): one row per qualification number (자격번호) with the pass it certifies,
-- every issued document (발급·재발급) with its management number (관리번호), the cancellation
-- (자격 취소) of a qualification, confirmation documents (자격취득사실 확인서), and the counters
-- that allocate the numbers: serials per pass year, management sequences per issue day and
-- office, confirmation sequences per issue day. The same tables and columns as the SQLite
-- migration, so that both adapters run the statements of `certificate_common::stmt`; bodies are
-- JSON text and instants RFC 3339 text in UTC, as in 0001.
--
-- A counter is advanced by `INSERT … ON CONFLICT (scope) DO UPDATE SET last = last + 1
-- RETURNING last` in the transaction that stores the document: the row stays locked until that
-- transaction ends, so concurrent issuers queue on it and numbers are unique and never reused
-- (a rolled-back issue gives its number back). The unique constraints are the last line of
-- defence: one document per issue key (one first issue per pass, one reissue per superseded
-- document), a document superseded at most once, an inner-page number (내지번호) used once, one
-- cancellation per qualification; a racer that loses on one of them is rolled back and retried.

CREATE TABLE certificate_counters (
    scope TEXT PRIMARY KEY,
    last  BIGINT NOT NULL CHECK (last >= 1)
);

CREATE TABLE certificate_records (
    number    TEXT PRIMARY KEY,
    track     TEXT NOT NULL,
    candidate TEXT NOT NULL,
    issue_key TEXT NOT NULL UNIQUE
);
CREATE INDEX certificate_records_by_candidate ON certificate_records (candidate, number);

CREATE TABLE certificate_documents (
    management_number TEXT PRIMARY KEY,
    number            TEXT NOT NULL REFERENCES certificate_records (number),
    issue_key         TEXT NOT NULL UNIQUE,
    inner_page_number TEXT UNIQUE,
    supersedes        TEXT UNIQUE REFERENCES certificate_documents (management_number),
    issued_at         TEXT NOT NULL,
    body              TEXT NOT NULL
);
CREATE INDEX certificate_documents_by_number ON certificate_documents (number, issued_at);

CREATE TABLE certificate_revocations (
    number TEXT PRIMARY KEY REFERENCES certificate_records (number),
    at     TEXT NOT NULL,
    body   TEXT NOT NULL
);

CREATE TABLE confirmation_documents (
    number               TEXT PRIMARY KEY,
    qualification_number TEXT NOT NULL REFERENCES certificate_records (number),
    body                 TEXT NOT NULL
);
CREATE INDEX confirmation_documents_by_qualification
    ON confirmation_documents (qualification_number);

-- The history is append-only: documents and cancellations are never changed or removed.
CREATE TRIGGER certificate_documents_append_only
    BEFORE UPDATE OR DELETE OR TRUNCATE ON certificate_documents
    FOR EACH STATEMENT EXECUTE FUNCTION cqnet_append_only();
CREATE TRIGGER certificate_revocations_append_only
    BEFORE UPDATE OR DELETE OR TRUNCATE ON certificate_revocations
    FOR EACH STATEMENT EXECUTE FUNCTION cqnet_append_only();
