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
    /// The applications of one status (`$1`), by id: of every call and qualification, of one
    /// call (`$2`), of one qualification (`$2`), or of both (`$2`, `$3`); the index
    /// `course_applications_by_status` serves them.
    pub const APPLICATIONS_WITH_STATUS: &str =
        "SELECT version, body FROM course_applications WHERE status = $1 ORDER BY id";
    pub const APPLICATIONS_WITH_STATUS_OF_CALL: &str = "SELECT version, body FROM course_applications WHERE status = $1 AND call_id = $2 ORDER BY id";
    pub const APPLICATIONS_WITH_STATUS_OF_QUALIFICATION: &str = "SELECT version, body FROM course_applications WHERE status = $1 AND qualification = $2 ORDER BY id";
    pub const APPLICATIONS_WITH_STATUS_OF_GROUP: &str = "SELECT version, body FROM course_applications WHERE status = $1 AND call_id = $2 AND qualification = $3 ORDER BY id";
    pub const APPLICATIONS_ALL_LOCK: &str =
        "SELECT version, body FROM course_applications ORDER BY id FOR UPDATE";
}

/// The statement of the applications with one status and the filters given, and the filters'
/// values in the statement's order after the status.
pub(crate) fn with_status(
    call: Option<cqnet_store::designation::CallId>,
    qualification: Option<&cqnet_core::QualificationCode>,
) -> (&'static str, Vec<String>) {
    match (call, qualification) {
        (None, None) => (stmt::APPLICATIONS_WITH_STATUS, vec![]),
        (Some(c), None) => (stmt::APPLICATIONS_WITH_STATUS_OF_CALL, vec![c.to_string()]),
        (None, Some(q)) => (
            stmt::APPLICATIONS_WITH_STATUS_OF_QUALIFICATION,
            vec![q.as_str().to_owned()],
        ),
        (Some(c), Some(q)) => (
            stmt::APPLICATIONS_WITH_STATUS_OF_GROUP,
            vec![c.to_string(), q.as_str().to_owned()],
        ),
    }
}
