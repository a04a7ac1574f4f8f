-- Corrections are looked up by the entry they correct: a ledger entry may be corrected once
-- only (the ledger stays a set of chains), so every correction asks whether its target was
-- already corrected. `corrects` is computed from the fact's JSON (`body`) by the database,
-- for the rows already there (adding a stored generated column rewrites the table without
-- firing the append-only triggers) and for every row inserted later; the partial index holds
-- the corrections only.

ALTER TABLE attendance ADD COLUMN corrects BIGINT
    GENERATED ALWAYS AS ((body::jsonb ->> 'corrects')::BIGINT) STORED;
CREATE INDEX attendance_by_corrects ON attendance (corrects) WHERE corrects IS NOT NULL;

ALTER TABLE evaluations ADD COLUMN corrects BIGINT
    GENERATED ALWAYS AS ((body::jsonb ->> 'corrects')::BIGINT) STORED;
CREATE INDEX evaluations_by_corrects ON evaluations (corrects) WHERE corrects IS NOT NULL;
