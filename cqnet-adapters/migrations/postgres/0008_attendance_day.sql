-- The standing hours of each learner's attendance per calendar day (the sum of the standing
-- entries on the day and how many they are, as JSON in `body`), kept in the transaction that
-- appends to the ledger beside `attendance_standing`, so that a batch is checked against the
-- daily limit of the rule pack reading and writing only the days it touches. `day` is the
-- ISO date (YYYY-MM-DD).
--
-- A learner's days are worked out from the ledger together with their standing hours, the
-- first time: a learner with a row in `attendance_standing` has every day of their ledger here.
-- The rows kept before this table existed have no days, so they go, and each learner has their
-- hours worked out again, per target and per day, at their next batch.
CREATE TABLE attendance_day (
    enrollment TEXT NOT NULL REFERENCES enrollments (id),
    day        TEXT NOT NULL,
    body       TEXT NOT NULL,
    PRIMARY KEY (enrollment, day)
);

DELETE FROM attendance_standing;
