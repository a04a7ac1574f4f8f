-- Learning companies (학습기업) and their company field teachers (기업현장교사). A company is one
-- row holding its whole history in its body (application, reviews, decisions, hearings,
-- measures), with its status beside it; a field teacher belongs to one company. A cancelled or
-- suspended company keeps its row and its teachers: neither table lets a row be deleted.

CREATE TABLE learning_companies (
    company TEXT PRIMARY KEY REFERENCES institutions (id),
    status  TEXT NOT NULL CHECK (status IN ('applied', 'refused', 'designated', 'suspended', 'cancelled')),
    version INTEGER NOT NULL CHECK (version >= 1),
    body    TEXT NOT NULL
);

CREATE TABLE field_teachers (
    teacher TEXT PRIMARY KEY,
    company TEXT NOT NULL REFERENCES learning_companies (company),
    version INTEGER NOT NULL CHECK (version >= 1),
    body    TEXT NOT NULL
);
CREATE INDEX field_teachers_by_company ON field_teachers (company, teacher);

CREATE TRIGGER learning_companies_no_delete BEFORE DELETE ON learning_companies
BEGIN SELECT RAISE(ABORT, 'learning_companies keeps every company: rows are never deleted'); END;
CREATE TRIGGER field_teachers_no_delete BEFORE DELETE ON field_teachers
BEGIN SELECT RAISE(ABORT, 'field_teachers keeps every teacher: rows are never deleted'); END;
-- A teacher never moves to another company.
CREATE TRIGGER field_teachers_one_company BEFORE UPDATE OF company ON field_teachers
WHEN NEW.company <> OLD.company
BEGIN SELECT RAISE(ABORT, 'a field teacher belongs to one company'); END;
