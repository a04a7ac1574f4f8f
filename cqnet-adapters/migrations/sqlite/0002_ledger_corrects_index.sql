-- Corrections are looked up by the entry they correct: a ledger entry may be corrected once
-- only (the ledger stays a set of chains), so every correction asks whether its target was
-- already corrected. `corrects` is read from the fact's JSON (`body`), so every row, old or
-- new, has it without a rewrite; the partial index holds the corrections only.

ALTER TABLE attendance ADD COLUMN corrects INTEGER
    GENERATED ALWAYS AS (json_extract(body, '$.corrects')) VIRTUAL;
CREATE INDEX attendance_by_corrects ON attendance (corrects) WHERE corrects IS NOT NULL;

ALTER TABLE evaluations ADD COLUMN corrects INTEGER
    GENERATED ALWAYS AS (json_extract(body, '$.corrects')) VIRTUAL;
CREATE INDEX evaluations_by_corrects ON evaluations (corrects) WHERE corrects IS NOT NULL;
