//! The statements of the SQL adapters for the course designation cycle (`$1, $2, …`
//! placeholders).

#[allow(dead_code)]
pub(crate) mod stmt {
    pub const CALL_INSERT: &str =
        "INSERT INTO designation_calls (id, version, body) VALUES ($1, $2, $3)";
    pub const CALL_GET: &str = "SELECT version, body FROM designation_calls WHERE id = $1";
    pub const CALL_ALL: &str = "SELECT version, body FROM designation_calls ORDER BY id";
    pub const APPLICATION_INSERT: &str = "INSERT INTO course_applications (id, call_id, qualification, institution, status, version, body) VALUES ($1, $2, $3, $4, $5, $6, $7)";
    pub const APPLICATION_GET: &str = "SELECT version, body FROM course_applications WHERE id = $1";
    pub const APPLICATION_LOCK: &str =
        "SELECT version, body FROM course_applications WHERE id = $1 FOR UPDATE";
    pub const APPLICATION_UPDATE: &str =
        "UPDATE course_applications SET status = $1, version = $2, body = $3 WHERE id = $4";
    pub const APPLICATION_DELETE: &str = "DELETE FROM course_applications WHERE id = $1";
    pub const APPLICATIONS_OF: &str = "SELECT version, body FROM course_applications WHERE call_id = $1 AND qualification = $2 ORDER BY id";
    pub const APPLICATIONS_OF_LOCK: &str = "SELECT version, body FROM course_applications WHERE call_id = $1 AND qualification = $2 ORDER BY id FOR UPDATE";
    pub const APPLICATIONS_ALL: &str = "SELECT version, body FROM course_applications ORDER BY id";
    pub const APPLICATIONS_ALL_LOCK: &str =
        "SELECT version, body FROM course_applications ORDER BY id FOR UPDATE";
}
