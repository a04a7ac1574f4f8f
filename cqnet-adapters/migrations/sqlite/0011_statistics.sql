-- The statistics (통계): the columns the aggregate statements group and count by, read from
-- the records' JSON bodies as virtual generated columns (the write path is unchanged), and
-- indexes that hold them, so that a table is counted from the indexes without reading a body.
--
-- enrollments: whether the learner is a trainee (훈련생) of the course-based track, the
-- statistics year (the year of enrollment: cqnet_core::statistics::cohort_year) and the
-- gender recorded for the statistics (NULL when none was).
ALTER TABLE enrollments ADD COLUMN stat_trainee INTEGER
    GENERATED ALWAYS AS (json_extract(body, '$.kind.kind') = 'trainee') VIRTUAL;
ALTER TABLE enrollments ADD COLUMN stat_year INTEGER
    GENERATED ALWAYS AS (CAST(substr(json_extract(body, '$.enrolled_on'), 1, 4) AS INTEGER)) VIRTUAL;
ALTER TABLE enrollments ADD COLUMN stat_gender TEXT
    GENERATED ALWAYS AS (json_extract(body, '$.person.gender')) VIRTUAL;
CREATE INDEX enrollments_for_statistics ON enrollments
    (stat_trainee, stat_year, course, stat_gender, id);

-- exam_results: whether the result is a finalised pass, and the course-based marks in whole
-- ten-thousandths (a score has at most four decimal places, so the integer is exact and bands
-- and sums are integer arithmetic).
ALTER TABLE exam_results ADD COLUMN stat_passed INTEGER
    GENERATED ALWAYS AS (finalised AND coalesce(json_extract(body, '$.passed'), 0) = 1) VIRTUAL;
ALTER TABLE exam_results ADD COLUMN stat_written INTEGER
    GENERATED ALWAYS AS (CAST(round(CAST(json_extract(body, '$.marks.course_based.written') AS REAL) * 10000) AS INTEGER)) VIRTUAL;
ALTER TABLE exam_results ADD COLUMN stat_practical INTEGER
    GENERATED ALWAYS AS (CAST(round(CAST(json_extract(body, '$.marks.course_based.practical') AS REAL) * 10000) AS INTEGER)) VIRTUAL;
CREATE INDEX exam_results_for_statistics ON exam_results (application, stat_passed);
CREATE INDEX exam_results_scores ON exam_results (round, finalised, stat_written, stat_practical);

-- A trainee's applications in one index walk, with what the funnel reads of them.
CREATE INDEX exam_applications_for_statistics ON exam_applications (candidate, active, id);
