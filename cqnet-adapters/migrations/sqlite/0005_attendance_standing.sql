-- The standing hours of each learner's attendance (effective hours per competency unit, OJT
-- or Off-JT), kept in the transaction that appends to the ledger, so that a batch is checked
-- against the schedule without reading the learner's whole ledger. A learner without a row
-- has their hours worked out from the ledger at their next batch.
CREATE TABLE attendance_standing (
    enrollment TEXT PRIMARY KEY REFERENCES enrollments (id),
    body       TEXT NOT NULL
);
