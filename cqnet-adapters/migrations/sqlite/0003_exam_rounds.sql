-- External evaluation rounds (외부평가 회차): rounds with their plan (body), venues with their
-- seats (시험장 정원), the per-round exam number counter (수험번호), applications (원서) and
-- results. A seat is taken by a conditional update (`booked < capacity`) in the transaction
-- that stores the application; the checks and unique indexes are the last line of defence:
-- never more booked than capacity, one exam number per round, one active application per
-- candidate and round.

CREATE TABLE exam_rounds (
    id      TEXT PRIMARY KEY,
    version INTEGER NOT NULL CHECK (version >= 1),
    body    TEXT NOT NULL
);

CREATE TABLE exam_venues (
    round    TEXT NOT NULL REFERENCES exam_rounds (id),
    code     TEXT NOT NULL,
    position INTEGER NOT NULL,
    capacity INTEGER NOT NULL CHECK (capacity >= 1),
    booked   INTEGER NOT NULL DEFAULT 0 CHECK (booked >= 0 AND booked <= capacity),
    PRIMARY KEY (round, code)
);

CREATE TABLE exam_counters (
    round TEXT PRIMARY KEY REFERENCES exam_rounds (id),
    last  INTEGER NOT NULL CHECK (last >= 0 AND last <= 999999)
);

CREATE TABLE exam_applications (
    id        TEXT PRIMARY KEY,
    round     TEXT NOT NULL,
    venue     TEXT NOT NULL,
    candidate TEXT NOT NULL REFERENCES enrollments (id),
    number    TEXT NOT NULL,
    active    BOOLEAN NOT NULL,
    version   INTEGER NOT NULL CHECK (version >= 1),
    body      TEXT NOT NULL,
    FOREIGN KEY (round, venue) REFERENCES exam_venues (round, code),
    UNIQUE (round, number)
);
CREATE UNIQUE INDEX exam_applications_one_active ON exam_applications (round, candidate) WHERE active;
CREATE INDEX exam_applications_by_candidate ON exam_applications (candidate, round, number);

CREATE TABLE exam_results (
    application TEXT PRIMARY KEY REFERENCES exam_applications (id),
    round       TEXT NOT NULL,
    number      TEXT NOT NULL,
    finalised   BOOLEAN NOT NULL,
    version     INTEGER NOT NULL CHECK (version >= 1),
    body        TEXT NOT NULL
);
CREATE INDEX exam_results_by_round ON exam_results (round, number);
