-- The agency's quarterly oversight of every designated course (분기 운영 확인 점검, 시행령
-- 제14조의4) reads the applications of one status (`designated`), of every call or of one, of
-- every qualification or of one, in id order: this index finds them without reading the
-- others.

CREATE INDEX course_applications_by_status ON course_applications (status, call_id, qualification, id);
