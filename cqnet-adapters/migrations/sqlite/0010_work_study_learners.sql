-- Learning workers (학습근로자) and their learning-work contracts (학습근로계약). A learner is one
-- row listing their contracts; a contract is one row holding its whole history in its body
-- (term changes, owed extensions, the termination or the pass, the conversion owed, transfers,
-- the permissions for night and holiday OJT, and its ledger of OJT and Off-JT days), with its
-- company and status beside it. A transfer moves the row to another company; no row is ever
-- deleted, and a contract never changes its learner.

CREATE TABLE learners (
    learner TEXT PRIMARY KEY,
    version INTEGER NOT NULL CHECK (version >= 1),
    body    TEXT NOT NULL
);

CREATE TABLE learning_contracts (
    contract TEXT PRIMARY KEY,
    learner  TEXT NOT NULL REFERENCES learners (learner),
    company  TEXT NOT NULL REFERENCES learning_companies (company),
    status   TEXT NOT NULL CHECK (status IN ('active', 'passed', 'terminated')),
    version  INTEGER NOT NULL CHECK (version >= 1),
    body     TEXT NOT NULL
);
CREATE INDEX learning_contracts_by_company ON learning_contracts (company, contract);
CREATE INDEX learning_contracts_by_learner ON learning_contracts (learner, contract);

CREATE TRIGGER learners_no_delete BEFORE DELETE ON learners
BEGIN SELECT RAISE(ABORT, 'learners keeps every learner: rows are never deleted'); END;
CREATE TRIGGER learning_contracts_no_delete BEFORE DELETE ON learning_contracts
BEGIN SELECT RAISE(ABORT, 'learning_contracts keeps every contract: rows are never deleted'); END;
CREATE TRIGGER learning_contracts_one_learner BEFORE UPDATE OF learner ON learning_contracts
WHEN NEW.learner <> OLD.learner
BEGIN SELECT RAISE(ABORT, 'a learning contract belongs to one learner'); END;
