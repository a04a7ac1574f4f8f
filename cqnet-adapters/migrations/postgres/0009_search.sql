-- The public search (검색): columns read from each record's JSON body, indexes on them, and
-- trigram (pg_trgm) GIN indexes of the qualification and institution names.
--
-- The columns are stored generated columns, so the write path is unchanged: a record's search
-- columns are always those of its body. Names sort and compare by their bytes (COLLATE "C"),
-- as the memory and SQLite stores order them, whatever the database's collation. Text is
-- matched on `search_key`, the name with its ASCII letters in lower case (`lower` under
-- COLLATE "C" changes nothing else), the form the memory store compares.
--
-- pg_trgm is created once per database, in the schema `public`, under a lock that keeps
-- stores migrating other schemas at the same moment from racing to create it. It is a
-- trusted extension (PostgreSQL 13 and later): a database owner may create it.

SELECT pg_advisory_xact_lock(hashtextextended('cqnet: create extension pg_trgm', 0));
CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public;

ALTER TABLE qualifications
    ADD COLUMN search_name TEXT COLLATE "C"
        GENERATED ALWAYS AS (body::jsonb ->> 'name') STORED,
    ADD COLUMN search_key TEXT COLLATE "C"
        GENERATED ALWAYS AS (lower((body::jsonb ->> 'name') COLLATE "C")) STORED,
    ADD COLUMN search_level TEXT COLLATE "C"
        GENERATED ALWAYS AS (COALESCE('grade:' || (body::jsonb -> 'level' ->> 'grade'),
                                      'ncs:' || (body::jsonb -> 'level' ->> 'ncs'))) STORED,
    ADD COLUMN search_track TEXT COLLATE "C"
        GENERATED ALWAYS AS (body::jsonb ->> 'track') STORED,
    ADD COLUMN search_field TEXT COLLATE "C"
        GENERATED ALWAYS AS (body::jsonb ->> 'field') STORED,
    ADD COLUMN search_ncs_class TEXT COLLATE "C"
        GENERATED ALWAYS AS (body::jsonb ->> 'ncs_class') STORED;
CREATE INDEX qualifications_by_name ON qualifications (search_name, code COLLATE "C");
CREATE INDEX qualifications_by_name_trigram ON qualifications
    USING gin (search_key public.gin_trgm_ops);

ALTER TABLE institutions
    ADD COLUMN search_name TEXT COLLATE "C"
        GENERATED ALWAYS AS (body::jsonb ->> 'name') STORED,
    ADD COLUMN search_key TEXT COLLATE "C"
        GENERATED ALWAYS AS (lower((body::jsonb ->> 'name') COLLATE "C")) STORED,
    ADD COLUMN search_type TEXT COLLATE "C"
        GENERATED ALWAYS AS (body::jsonb ->> 'institution_type') STORED,
    ADD COLUMN search_sido TEXT COLLATE "C"
        GENERATED ALWAYS AS (body::jsonb -> 'region' ->> 'sido') STORED,
    ADD COLUMN search_sigungu TEXT COLLATE "C"
        GENERATED ALWAYS AS (body::jsonb -> 'region' ->> 'sigungu') STORED;
CREATE INDEX institutions_by_name ON institutions (search_name, id COLLATE "C");
CREATE INDEX institutions_by_name_trigram ON institutions
    USING gin (search_key public.gin_trgm_ops);
CREATE INDEX institutions_by_region ON institutions (search_sido, search_sigungu);
CREATE INDEX institutions_by_type ON institutions (search_type);

ALTER TABLE courses
    ADD COLUMN search_start TEXT COLLATE "C"
        GENERATED ALWAYS AS (body::jsonb ->> 'start') STORED,
    ADD COLUMN search_end TEXT COLLATE "C"
        GENERATED ALWAYS AS (body::jsonb ->> 'end') STORED,
    ADD COLUMN search_track TEXT COLLATE "C"
        GENERATED ALWAYS AS (body::jsonb ->> 'track') STORED,
    ADD COLUMN search_designation TEXT COLLATE "C"
        GENERATED ALWAYS AS (body::jsonb -> 'designation' ->> 'status') STORED;
CREATE INDEX courses_by_start ON courses (search_designation, search_start, id COLLATE "C");
CREATE INDEX courses_by_qualification ON courses (qualification, search_start, id COLLATE "C");
