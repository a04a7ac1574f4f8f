-- The public search (검색): columns read from each record's JSON body, indexes on them, and
-- trigram indexes (FTS5, `trigram` tokenizer) of the qualification and institution names.
--
-- The columns are virtual generated columns, so the write path is unchanged: a record's
-- search columns are always those of its body. Names are indexed in their match form (ASCII
-- letters in lower case, `lower()`), kept in step with the records by triggers, and matched
-- case-sensitively so that no other character is folded: the memory store compares alike.

ALTER TABLE qualifications ADD COLUMN search_name TEXT
    GENERATED ALWAYS AS (json_extract(body, '$.name')) VIRTUAL;
ALTER TABLE qualifications ADD COLUMN search_level TEXT
    GENERATED ALWAYS AS (COALESCE('grade:' || json_extract(body, '$.level.grade'),
                                  'ncs:' || json_extract(body, '$.level.ncs'))) VIRTUAL;
ALTER TABLE qualifications ADD COLUMN search_track TEXT
    GENERATED ALWAYS AS (json_extract(body, '$.track')) VIRTUAL;
ALTER TABLE qualifications ADD COLUMN search_field TEXT
    GENERATED ALWAYS AS (json_extract(body, '$.field')) VIRTUAL;
ALTER TABLE qualifications ADD COLUMN search_ncs_class TEXT
    GENERATED ALWAYS AS (json_extract(body, '$.ncs_class')) VIRTUAL;
CREATE INDEX qualifications_by_name ON qualifications (search_name, code);
-- Covers what a course search reads of its qualification, so a join reads no JSON.
CREATE INDEX qualifications_for_courses ON qualifications (code, search_level, search_name);

ALTER TABLE institutions ADD COLUMN search_name TEXT
    GENERATED ALWAYS AS (json_extract(body, '$.name')) VIRTUAL;
ALTER TABLE institutions ADD COLUMN search_type TEXT
    GENERATED ALWAYS AS (json_extract(body, '$.institution_type')) VIRTUAL;
ALTER TABLE institutions ADD COLUMN search_sido TEXT
    GENERATED ALWAYS AS (json_extract(body, '$.region.sido')) VIRTUAL;
ALTER TABLE institutions ADD COLUMN search_sigungu TEXT
    GENERATED ALWAYS AS (json_extract(body, '$.region.sigungu')) VIRTUAL;
CREATE INDEX institutions_by_name ON institutions (search_name, id);
CREATE INDEX institutions_by_region ON institutions (search_sido, search_sigungu);
CREATE INDEX institutions_by_type ON institutions (search_type);
-- Covers what a course search reads of its institution.
CREATE INDEX institutions_for_courses ON institutions
    (id, search_sido, search_sigungu, search_type, search_name);

ALTER TABLE courses ADD COLUMN search_start TEXT
    GENERATED ALWAYS AS (json_extract(body, '$.start')) VIRTUAL;
ALTER TABLE courses ADD COLUMN search_end TEXT
    GENERATED ALWAYS AS (json_extract(body, '$.end')) VIRTUAL;
ALTER TABLE courses ADD COLUMN search_track TEXT
    GENERATED ALWAYS AS (json_extract(body, '$.track')) VIRTUAL;
ALTER TABLE courses ADD COLUMN search_designation TEXT
    GENERATED ALWAYS AS (json_extract(body, '$.designation.status')) VIRTUAL;
-- In start-date order with what the filters read, so a search walks the index and reads a
-- course's body only for the rows it answers.
CREATE INDEX courses_by_start ON courses
    (search_designation, search_start, id, qualification, institution, capacity, search_end, search_track);
CREATE INDEX courses_by_qualification ON courses (qualification, search_designation, search_start, id);

-- Names in their match form, by trigram. The key columns are not indexed by FTS5: they are
-- what a match answers.
CREATE VIRTUAL TABLE qualification_names USING fts5 (
    name_key, code UNINDEXED, tokenize = 'trigram case_sensitive 1'
);
INSERT INTO qualification_names (name_key, code)
    SELECT lower(json_extract(body, '$.name')), code FROM qualifications;
CREATE TRIGGER qualification_names_insert AFTER INSERT ON qualifications BEGIN
    INSERT INTO qualification_names (name_key, code)
        VALUES (lower(json_extract(new.body, '$.name')), new.code);
END;
CREATE TRIGGER qualification_names_update AFTER UPDATE OF body ON qualifications BEGIN
    UPDATE qualification_names SET name_key = lower(json_extract(new.body, '$.name'))
        WHERE code = new.code;
END;
CREATE TRIGGER qualification_names_delete AFTER DELETE ON qualifications BEGIN
    DELETE FROM qualification_names WHERE code = old.code;
END;

CREATE VIRTUAL TABLE institution_names USING fts5 (
    name_key, id UNINDEXED, tokenize = 'trigram case_sensitive 1'
);
INSERT INTO institution_names (name_key, id)
    SELECT lower(json_extract(body, '$.name')), id FROM institutions;
CREATE TRIGGER institution_names_insert AFTER INSERT ON institutions BEGIN
    INSERT INTO institution_names (name_key, id)
        VALUES (lower(json_extract(new.body, '$.name')), new.id);
END;
CREATE TRIGGER institution_names_update AFTER UPDATE OF body ON institutions BEGIN
    UPDATE institution_names SET name_key = lower(json_extract(new.body, '$.name'))
        WHERE id = new.id;
END;
CREATE TRIGGER institution_names_delete AFTER DELETE ON institutions BEGIN
    DELETE FROM institution_names WHERE id = old.id;
END;
