-- Learning workers (학습근로자) and their learning-work contracts (학습근로계약). A learner is one
-- row listing their contracts; a contract is one row holding its whole history in its body
-- (term changes, owed extensions, the termination or the pass, the conversion owed, transfers,
-- the permissions for night and holiday OJT, and its ledger of OJT and Off-JT days), with its
-- company and status beside it. A transfer moves the row to another company; no row is ever
-- deleted, and a contract never changes its learner.

-- Identifiers sort by their bytes, the order the memory store lists them in.
CREATE TABLE learners (
    learner TEXT COLLATE "C" PRIMARY KEY,
    version BIGINT NOT NULL CHECK (version >= 1),
    body    TEXT NOT NULL
);

CREATE TABLE learning_contracts (
    contract TEXT PRIMARY KEY,
    learner  TEXT COLLATE "C" NOT NULL REFERENCES learners (learner),
    company  TEXT NOT NULL REFERENCES learning_companies (company),
    status   TEXT NOT NULL CHECK (status IN ('active', 'passed', 'terminated')),
    version  BIGINT NOT NULL CHECK (version >= 1),
    body     TEXT NOT NULL
);
CREATE INDEX learning_contracts_by_company ON learning_contracts (company, contract);
CREATE INDEX learning_contracts_by_learner ON learning_contracts (learner, contract);

CREATE TRIGGER learners_no_delete BEFORE DELETE OR TRUNCATE ON learners
    FOR EACH STATEMENT EXECUTE FUNCTION cqnet_append_only();
CREATE TRIGGER learning_contracts_no_delete BEFORE DELETE OR TRUNCATE ON learning_contracts
    FOR EACH STATEMENT EXECUTE FUNCTION cqnet_append_only();

-- A contract never changes its learner.
CREATE FUNCTION cqnet_learning_contract_one_learner() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.learner <> OLD.learner THEN
        RAISE EXCEPTION 'a learning contract belongs to one learner'
            USING ERRCODE = 'restrict_violation';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER learning_contracts_one_learner BEFORE UPDATE OF learner ON learning_contracts
    FOR EACH ROW EXECUTE FUNCTION cqnet_learning_contract_one_learner();
