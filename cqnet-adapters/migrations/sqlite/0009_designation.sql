-- The course designation cycle (과정평가형 교육·훈련과정 지정): the yearly calls (모집공고) and
-- the applications (지정신청), each one row holding its whole history in its body (screenings,
-- deliberation, designation, operation checks, hearings, measures), with its call,
-- qualification and status beside it. A call is never deleted; an application is removed only
-- by the retention command once the core found its retention period (법 제25조의4) over.

CREATE TABLE designation_calls (
    id      TEXT PRIMARY KEY,
    version INTEGER NOT NULL CHECK (version >= 1),
    body    TEXT NOT NULL
);

CREATE TABLE course_applications (
    id            TEXT PRIMARY KEY,
    call_id       TEXT NOT NULL REFERENCES designation_calls (id),
    qualification TEXT NOT NULL REFERENCES qualifications (code),
    institution   TEXT NOT NULL REFERENCES institutions (id),
    status        TEXT NOT NULL CHECK (status IN ('filed', 'document_passed', 'document_failed',
                      'selected', 'not_selected', 'approved', 'not_approved', 'designated',
                      'cancelled')),
    version       INTEGER NOT NULL CHECK (version >= 1),
    body          TEXT NOT NULL
);
CREATE INDEX course_applications_by_group ON course_applications (call_id, qualification, id);

CREATE TRIGGER designation_calls_no_delete BEFORE DELETE ON designation_calls
BEGIN SELECT RAISE(ABORT, 'designation_calls keeps every call: rows are never deleted'); END;
-- An application never moves to another call, qualification or institution.
CREATE TRIGGER course_applications_fixed BEFORE UPDATE OF call_id, qualification, institution ON course_applications
WHEN NEW.call_id <> OLD.call_id OR NEW.qualification <> OLD.qualification OR NEW.institution <> OLD.institution
BEGIN SELECT RAISE(ABORT, 'a course application keeps its call, qualification and institution'); END;
