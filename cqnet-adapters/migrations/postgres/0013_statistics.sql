-- The statistics (통계): the columns the aggregate statements group and count by, read from
-- the records' JSON bodies as stored generated columns (the write path is unchanged), and
-- indexes that hold them.
--
-- enrollments: whether the learner is a trainee (훈련생) of the course-based track, the
-- statistics year (the year of enrollment: cqnet_core::statistics::cohort_year) and the
-- gender recorded for the statistics (NULL when none was).
ALTER TABLE enrollments
    ADD COLUMN stat_trainee BOOLEAN
        GENERATED ALWAYS AS ((body::jsonb -> 'kind' ->> 'kind') = 'trainee') STORED,
    ADD COLUMN stat_year BIGINT
        GENERATED ALWAYS AS (CAST(substr(body::jsonb ->> 'enrolled_on', 1, 4) AS BIGINT)) STORED,
    ADD COLUMN stat_gender TEXT COLLATE "C"
        GENERATED ALWAYS AS (body::jsonb -> 'person' ->> 'gender') STORED;
CREATE INDEX enrollments_for_statistics ON enrollments
    (stat_year, course, stat_gender, id) WHERE stat_trainee;

-- exam_results: whether the result is a finalised pass, and the course-based marks in whole
-- ten-thousandths (a score has at most four decimal places: the integer is exact).
ALTER TABLE exam_results
    ADD COLUMN stat_passed BOOLEAN
        GENERATED ALWAYS AS (finalised AND COALESCE(CAST(body::jsonb ->> 'passed' AS BOOLEAN), FALSE)) STORED,
    ADD COLUMN stat_written BIGINT
        GENERATED ALWAYS AS (CAST(CAST(body::jsonb -> 'marks' -> 'course_based' ->> 'written' AS NUMERIC) * 10000 AS BIGINT)) STORED,
    ADD COLUMN stat_practical BIGINT
        GENERATED ALWAYS AS (CAST(CAST(body::jsonb -> 'marks' -> 'course_based' ->> 'practical' AS NUMERIC) * 10000 AS BIGINT)) STORED;
CREATE INDEX exam_results_for_statistics ON exam_results (application, stat_passed);
CREATE INDEX exam_results_scores ON exam_results (round, finalised, stat_written, stat_practical);

-- A trainee's applications in one index walk, with what the funnel reads of them.
CREATE INDEX exam_applications_for_statistics ON exam_applications (candidate, active, id);
