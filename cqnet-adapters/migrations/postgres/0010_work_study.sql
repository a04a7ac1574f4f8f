-- Learning companies (학습기업) and their company field teachers (기업현장교사). A company is one
-- row holding its whole history in its body (application, reviews, decisions, hearings,
-- measures), with its status beside it; a field teacher belongs to one company. A cancelled or
-- suspended company keeps its row and its teachers: neither table lets a row be deleted.

CREATE TABLE learning_companies (
    company TEXT PRIMARY KEY REFERENCES institutions (id),
    status  TEXT NOT NULL CHECK (status IN ('applied', 'refused', 'designated', 'suspended', 'cancelled')),
    version BIGINT NOT NULL CHECK (version >= 1),
    body    TEXT NOT NULL
);

-- Identifiers sort by their bytes, the order the memory store lists them in.
CREATE TABLE field_teachers (
    teacher TEXT COLLATE "C" PRIMARY KEY,
    company TEXT NOT NULL REFERENCES learning_companies (company),
    version BIGINT NOT NULL CHECK (version >= 1),
    body    TEXT NOT NULL
);
CREATE INDEX field_teachers_by_company ON field_teachers (company, teacher);

CREATE TRIGGER learning_companies_no_delete BEFORE DELETE OR TRUNCATE ON learning_companies
    FOR EACH STATEMENT EXECUTE FUNCTION cqnet_append_only();
CREATE TRIGGER field_teachers_no_delete BEFORE DELETE OR TRUNCATE ON field_teachers
    FOR EACH STATEMENT EXECUTE FUNCTION cqnet_append_only();

-- A teacher never moves to another company.
CREATE FUNCTION cqnet_field_teacher_one_company() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.company <> OLD.company THEN
        RAISE EXCEPTION 'a field teacher belongs to one company'
            USING ERRCODE = 'restrict_violation';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER field_teachers_one_company BEFORE UPDATE OF company ON field_teachers
    FOR EACH ROW EXECUTE FUNCTION cqnet_field_teacher_one_company();
