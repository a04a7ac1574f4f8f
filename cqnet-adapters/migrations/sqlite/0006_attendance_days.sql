-- The standing hours of each learner's attendance per calendar day, kept in the transaction
-- that appends to the ledger beside `attendance_standing`, so that a batch is checked against
-- the daily limit of the rule pack reading and writing only the days it touches. One row holds
-- a learner's days of one month (`month`, YYYY-MM): `body` is a JSON object from each day
-- (YYYY-MM-DD) to its tally, the sum of the standing entries on the day and how many they are.
-- A batch writes the days it changed into their month's row, merged with the days already
-- there, so that a bulk import touching many days of a learner writes a row a month, not a row
-- a day.
--
-- A learner's days are worked out from the ledger together with their standing hours, the
-- first time: a learner with a row in `attendance_standing` has every day of their ledger here.
-- The rows kept before this table existed have no days, so they go, and each learner has their
-- hours worked out again, per target and per day, at their next batch.
CREATE TABLE attendance_days (
    enrollment TEXT NOT NULL REFERENCES enrollments (id),
    month      TEXT NOT NULL,
    body       TEXT NOT NULL,
    PRIMARY KEY (enrollment, month)
);

DELETE FROM attendance_standing;
