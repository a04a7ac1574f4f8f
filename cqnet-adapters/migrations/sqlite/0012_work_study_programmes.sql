-- Work-study programmes (일학습병행과정) the agency approved for a learning company against its
-- occupation's training standard (교육훈련기준). A programme is one row holding, in its body,
-- the standard, the programme (its units with their OJT and Off-JT hours, its length, its
-- internal evaluation's method, procedure and timing) and the approval; nothing of it changes
-- after the approval and no row is ever deleted. A learner's internal evaluations (내부평가)
-- and completion certificate (이수증명서) live in their contract's body.

CREATE TABLE programmes (
    programme TEXT PRIMARY KEY,
    company   TEXT NOT NULL REFERENCES learning_companies (company),
    version   INTEGER NOT NULL CHECK (version >= 1),
    body      TEXT NOT NULL
);
CREATE INDEX programmes_by_company ON programmes (company, programme);

CREATE TRIGGER programmes_no_delete BEFORE DELETE ON programmes
BEGIN SELECT RAISE(ABORT, 'programmes keeps every programme: rows are never deleted'); END;
CREATE TRIGGER programmes_no_update BEFORE UPDATE ON programmes
BEGIN SELECT RAISE(ABORT, 'an approved programme does not change'); END;
