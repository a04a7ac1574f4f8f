//! What the SQL adapters share: table names, statement texts and the mapping between records
//! and rows. SQLite uses it now; a PostgreSQL adapter can use the same statements (they use
//! `$1`, `$2`, … placeholders, in order, which both engines accept) and the same row mapping.
//!
//! A row keeps the record's JSON form in `body` (read back through the record's validating
//! constructor) next to the plain columns that keys, references and indexes need.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use cqnet_core::ledger::TargetStanding;
use cqnet_store::training::EnrollmentId;
use cqnet_store::{Actor, Seq, Version};
use cqnet_store::{StoreError, StoreResult};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// Table names, in one place.
pub mod table {
    /// Qualifications (종목).
    pub const QUALIFICATIONS: &str = "qualifications";
    /// Curriculum standards (편성기준) by version.
    pub const STANDARDS: &str = "standards";
    /// Institutions and companies.
    pub const INSTITUTIONS: &str = "institutions";
    /// Courses (과정).
    pub const COURSES: &str = "courses";
    /// Enrollments.
    pub const ENROLLMENTS: &str = "enrollments";
    /// The attendance ledger.
    pub const ATTENDANCE: &str = "attendance";
    /// The evaluation ledger.
    pub const EVALUATIONS: &str = "evaluations";
    /// The standing hours of each learner's attendance, kept with the ledger.
    pub const ATTENDANCE_STANDING: &str = "attendance_standing";
    /// The standing hours of each learner's attendance per calendar day, a month to a row,
    /// kept with the ledger.
    pub const ATTENDANCE_DAYS: &str = "attendance_days";
    /// The audit log.
    pub const AUDIT_LOG: &str = "audit_log";
    /// Idempotency keys and the results they answer.
    pub const IDEMPOTENCY_KEYS: &str = "idempotency_keys";
    /// Applied schema migrations.
    pub const SCHEMA_MIGRATIONS: &str = "schema_migrations";
}

/// Statement texts shared by the SQL adapters.
#[allow(missing_docs)]
pub mod stmt {
    pub const QUALIFICATION_GET: &str = "SELECT version, body FROM qualifications WHERE code = $1";
    pub const QUALIFICATION_ALL: &str = "SELECT version, body FROM qualifications ORDER BY code";
    pub const QUALIFICATION_INSERT: &str =
        "INSERT INTO qualifications (code, version, body) VALUES ($1, $2, $3)";
    pub const QUALIFICATION_UPDATE: &str =
        "UPDATE qualifications SET version = $1, body = $2 WHERE code = $3";
    pub const STANDARD_GET: &str =
        "SELECT body FROM standards WHERE qualification = $1 AND version = $2";
    pub const STANDARD_VERSIONS: &str =
        "SELECT version FROM standards WHERE qualification = $1 ORDER BY version";
    pub const STANDARD_INSERT: &str =
        "INSERT INTO standards (qualification, version, body) VALUES ($1, $2, $3)";
    pub const INSTITUTION_GET: &str = "SELECT version, body FROM institutions WHERE id = $1";
    pub const INSTITUTION_INSERT: &str =
        "INSERT INTO institutions (id, version, body) VALUES ($1, $2, $3)";
    pub const COURSE_GET: &str = "SELECT version, body FROM courses WHERE id = $1";
    pub const COURSE_ALL: &str = "SELECT version, body FROM courses ORDER BY id";
    pub const COURSE_BY_INSTITUTION: &str =
        "SELECT version, body FROM courses WHERE institution = $1 ORDER BY id";
    pub const COURSE_INSERT: &str = "INSERT INTO courses (id, institution, qualification, standard_version, capacity, version, body) VALUES ($1, $2, $3, $4, $5, $6, $7)";
    pub const COURSE_UPDATE: &str = "UPDATE courses SET institution = $1, qualification = $2, standard_version = $3, capacity = $4, version = $5, body = $6 WHERE id = $7";
    pub const ENROLLMENT_GET: &str = "SELECT version, body FROM enrollments WHERE id = $1";
    pub const ENROLLMENT_BY_COURSE: &str =
        "SELECT version, body FROM enrollments WHERE course = $1 ORDER BY id";
    pub const ENROLLMENT_COUNT: &str = "SELECT COUNT(*) FROM enrollments WHERE course = $1";
    pub const ENROLLMENT_INSERT: &str =
        "INSERT INTO enrollments (id, course, version, body) VALUES ($1, $2, $3, $4)";
    pub const ENROLLMENT_UPDATE: &str =
        "UPDATE enrollments SET version = $1, body = $2 WHERE id = $3";
    pub const ENROLLMENT_EXISTS: &str = "SELECT COUNT(*) FROM enrollments WHERE id = $1";
    pub const ATTENDANCE_NEXT: &str = "SELECT COALESCE(MAX(seq), 0) + 1 FROM attendance";
    pub const ATTENDANCE_OWNER: &str = "SELECT enrollment FROM attendance WHERE seq = $1";
    pub const ATTENDANCE_CORRECTED_BY: &str = "SELECT seq FROM attendance WHERE corrects = $1";
    pub const ATTENDANCE_RANGE: &str = "SELECT seq, body, recorded_by, recorded_at FROM attendance WHERE seq >= $1 AND seq < $2 ORDER BY seq";
    pub const ATTENDANCE_AT: &str =
        "SELECT seq, body, recorded_by, recorded_at FROM attendance WHERE seq = $1";
    pub const STANDING_GET: &str = "SELECT body FROM attendance_standing WHERE enrollment = $1";
    pub const STANDING_PUT: &str = "INSERT INTO attendance_standing (enrollment, body) VALUES ($1, $2) ON CONFLICT (enrollment) DO UPDATE SET body = excluded.body";
    pub const DAYS_GET: &str =
        "SELECT body FROM attendance_days WHERE enrollment = $1 AND month = $2";
    /// Writes a month's days, merged into those kept (the days given replace theirs).
    pub const DAYS_PUT: &str = "INSERT INTO attendance_days (enrollment, month, body) VALUES ($1, $2, $3) ON CONFLICT (enrollment, month) DO UPDATE SET body = json_patch(body, excluded.body)";
    pub const ATTENDANCE_INSERT: &str = "INSERT INTO attendance (seq, enrollment, body, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5)";
    pub const ATTENDANCE_OF: &str = "SELECT seq, body, recorded_by, recorded_at FROM attendance WHERE enrollment = $1 ORDER BY seq";
    pub const EVALUATION_NEXT: &str = "SELECT COALESCE(MAX(seq), 0) + 1 FROM evaluations";
    pub const EVALUATION_OWNER: &str = "SELECT enrollment FROM evaluations WHERE seq = $1";
    pub const EVALUATION_CORRECTED_BY: &str = "SELECT seq FROM evaluations WHERE corrects = $1";
    pub const EVALUATION_RANGE: &str = "SELECT seq, body, recorded_by, recorded_at FROM evaluations WHERE seq >= $1 AND seq < $2 ORDER BY seq";
    pub const EVALUATION_AT: &str =
        "SELECT seq, body, recorded_by, recorded_at FROM evaluations WHERE seq = $1";
    pub const EVALUATION_INSERT: &str = "INSERT INTO evaluations (seq, enrollment, body, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5)";
    pub const EVALUATION_OF: &str = "SELECT seq, body, recorded_by, recorded_at FROM evaluations WHERE enrollment = $1 ORDER BY seq";
    pub const LEDGER_ENROLLMENTS: &str =
        "SELECT enrollment FROM attendance UNION SELECT enrollment FROM evaluations ORDER BY 1";
    pub const AUDIT_INSERT: &str = "INSERT INTO audit_log (seq, actor, at, command, subject, outcome) VALUES ((SELECT COALESCE(MAX(seq), 0) + 1 FROM audit_log), $1, $2, $3, $4, $5) RETURNING seq";
    pub const AUDIT_PAGE: &str = "SELECT seq, actor, at, command, subject, outcome FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2";
    pub const KEY_GET: &str = "SELECT fingerprint, result FROM idempotency_keys WHERE key = $1";
    pub const KEY_EXISTS: &str = "SELECT COUNT(*) FROM idempotency_keys WHERE key = $1";
    pub const KEY_INSERT: &str =
        "INSERT INTO idempotency_keys (key, fingerprint, result) VALUES ($1, $2, $3)";
}

/// A record's JSON form for `body`.
///
/// # Errors
/// [`StoreError::Corrupt`] if it cannot be serialized (never for the crate's records).
///
/// # Example
/// ```
/// assert_eq!(cqnet_adapters::sql::to_body(&[1, 2])?, "[1,2]");
/// # Ok::<(), cqnet_store::StoreError>(())
/// ```
pub fn to_body<T: Serialize + ?Sized>(value: &T) -> StoreResult<String> {
    serde_json::to_string(value).map_err(|e| StoreError::Corrupt {
        what: "record",
        detail: e.to_string(),
    })
}

/// A record read back from `body`, through its validating constructor.
///
/// # Errors
/// [`StoreError::Corrupt`] when the text is not a valid record.
///
/// # Example
/// ```
/// use cqnet_adapters::sql::from_body;
/// use cqnet_store::training::Person;
/// assert!(from_body::<Person>("person", r#"{"name":"","birth_date":"2000-01-01","contact":"x"}"#).is_err());
/// ```
pub fn from_body<T: DeserializeOwned>(what: &'static str, text: &str) -> StoreResult<T> {
    serde_json::from_str(text).map_err(|e| StoreError::Corrupt {
        what,
        detail: e.to_string(),
    })
}

/// A version column.
///
/// # Errors
/// [`StoreError::Corrupt`] for a value below 1.
///
/// # Example
/// ```
/// assert_eq!(cqnet_adapters::sql::version(2)?.get(), 2);
/// assert!(cqnet_adapters::sql::version(0).is_err());
/// # Ok::<(), cqnet_store::StoreError>(())
/// ```
pub fn version(n: i64) -> StoreResult<Version> {
    u64::try_from(n)
        .ok()
        .filter(|n| *n >= 1)
        .map(Version::new)
        .ok_or_else(|| StoreError::Corrupt {
            what: "version",
            detail: format!("{n} is not a version"),
        })
}

/// A version as a column value.
///
/// # Errors
/// [`StoreError::Corrupt`] beyond `i64::MAX`.
///
/// # Example
/// ```
/// use cqnet_store::Version;
/// assert_eq!(cqnet_adapters::sql::version_column(Version::FIRST)?, 1);
/// # Ok::<(), cqnet_store::StoreError>(())
/// ```
pub fn version_column(v: Version) -> StoreResult<i64> {
    i64::try_from(v.get()).map_err(|_| StoreError::Corrupt {
        what: "version",
        detail: "beyond the column's range".into(),
    })
}

/// A ledger position column.
///
/// # Errors
/// [`StoreError::Corrupt`] for a value below 1.
///
/// # Example
/// ```
/// assert_eq!(cqnet_adapters::sql::seq(4)?.get(), 4);
/// # Ok::<(), cqnet_store::StoreError>(())
/// ```
pub fn seq(n: i64) -> StoreResult<Seq> {
    u64::try_from(n)
        .ok()
        .filter(|n| *n >= 1)
        .map(Seq::new)
        .ok_or_else(|| StoreError::Corrupt {
            what: "ledger position",
            detail: format!("{n} is not a position"),
        })
}

/// A ledger position as a column value.
///
/// # Errors
/// [`StoreError::Corrupt`] beyond `i64::MAX`.
///
/// # Example
/// ```
/// use cqnet_store::Seq;
/// assert_eq!(cqnet_adapters::sql::seq_column(Seq::new(3))?, 3);
/// # Ok::<(), cqnet_store::StoreError>(())
/// ```
pub fn seq_column(s: Seq) -> StoreResult<i64> {
    i64::try_from(s.get()).map_err(|_| StoreError::Corrupt {
        what: "ledger position",
        detail: "beyond the column's range".into(),
    })
}

/// An instant column: RFC 3339 in UTC with nine fractional digits, always 30 characters
/// (for the years 1000 to 9999), so that the text sorts as the instants do: two instants
/// within one second come back in order (instants written by earlier versions, with fewer
/// digits, still read back).
///
/// # Example
/// ```
/// let at: chrono::DateTime<chrono::Utc> = "2026-03-02T09:00:00Z".parse().unwrap();
/// let later: chrono::DateTime<chrono::Utc> = "2026-03-02T09:00:00.5Z".parse().unwrap();
/// let (a, b) = (cqnet_adapters::sql::instant_column(at), cqnet_adapters::sql::instant_column(later));
/// assert_eq!(a, "2026-03-02T09:00:00.000000000Z");
/// assert_eq!((a.len(), b.len()), (30, 30));
/// assert!(a < b);
/// ```
pub fn instant_column(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Nanos, true)
}

/// An instant read back.
///
/// # Errors
/// [`StoreError::Corrupt`] for text that is not RFC 3339.
///
/// # Example
/// ```
/// assert!(cqnet_adapters::sql::instant("2026-03-02T09:00:00Z").is_ok());
/// assert!(cqnet_adapters::sql::instant("yesterday").is_err());
/// ```
pub fn instant(text: &str) -> StoreResult<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| StoreError::Corrupt {
            what: "instant",
            detail: e.to_string(),
        })
}

/// A calendar day's column: its ISO date (`YYYY-MM-DD`), which sorts as the days do.
///
/// # Example
/// ```
/// let day = "2026-03-03".parse().unwrap();
/// assert_eq!(cqnet_adapters::sql::day_column(day), "2026-03-03");
/// ```
pub fn day_column(day: NaiveDate) -> String {
    day.format("%Y-%m-%d").to_string()
}

/// A calendar day read back.
///
/// # Errors
/// [`StoreError::Corrupt`] for text that is not an ISO date.
///
/// # Example
/// ```
/// assert!(cqnet_adapters::sql::day("2026-03-03").is_ok());
/// assert!(cqnet_adapters::sql::day("2026-02-30").is_err());
/// ```
pub fn day(text: &str) -> StoreResult<NaiveDate> {
    text.parse()
        .map_err(|e: chrono::ParseError| StoreError::Corrupt {
            what: "day",
            detail: format!("{text:?}: {e}"),
        })
}

/// The month a day's tally is kept in (`YYYY-MM`, see [`month_rows`]).
///
/// # Example
/// ```
/// let day = "2026-03-03".parse().unwrap();
/// assert_eq!(cqnet_adapters::sql::month_column(day), "2026-03");
/// ```
pub fn month_column(day: NaiveDate) -> String {
    day.format("%Y-%m").to_string()
}

/// Tallies of learners' days grouped into their rows: per learner and month, the body of the
/// row, a JSON object from each day (`YYYY-MM-DD`) to its tally. A row written merges into the
/// one kept, day by day.
///
/// # Errors
/// [`StoreError::Corrupt`] if a tally cannot be serialized (never for the crate's).
///
/// # Example
/// ```
/// use cqnet_core::ledger::TargetStanding;
/// use cqnet_store::training::EnrollmentId;
/// let id = EnrollmentId::from_u128(1);
/// let tally = TargetStanding { hours: 8.into(), entries: 1 };
/// let days = [(id, "2026-03-03".parse().unwrap(), tally), (id, "2026-03-04".parse().unwrap(), tally)];
/// let rows = cqnet_adapters::sql::month_rows(&days)?;
/// assert_eq!(rows.len(), 1);
/// assert_eq!(rows[0].1, "2026-03");
/// assert_eq!(cqnet_adapters::sql::days_of_row(&rows[0].2)?.len(), 2);
/// # Ok::<(), cqnet_store::StoreError>(())
/// ```
pub fn month_rows(
    days: &[(EnrollmentId, NaiveDate, TargetStanding)],
) -> StoreResult<Vec<(EnrollmentId, String, String)>> {
    let mut rows: BTreeMap<(EnrollmentId, String), BTreeMap<String, TargetStanding>> =
        BTreeMap::new();
    for (id, day, tally) in days {
        rows.entry((*id, month_column(*day)))
            .or_default()
            .insert(day_column(*day), *tally);
    }
    rows.into_iter()
        .map(|((id, month), days)| Ok((id, month, to_body(&days)?)))
        .collect()
}

/// The days of a month's row, each with its tally.
///
/// # Errors
/// [`StoreError::Corrupt`] when the body is not such an object.
///
/// # Example
/// ```
/// let days = cqnet_adapters::sql::days_of_row(r#"{"2026-03-03":{"hours":"8","entries":1}}"#)?;
/// assert_eq!(days[0].1.entries, 1);
/// assert!(cqnet_adapters::sql::days_of_row(r#"{"March":{"hours":"8","entries":1}}"#).is_err());
/// # Ok::<(), cqnet_store::StoreError>(())
/// ```
pub fn days_of_row(body: &str) -> StoreResult<Vec<(NaiveDate, TargetStanding)>> {
    let days: BTreeMap<String, TargetStanding> = from_body("standing hours of days", body)?;
    days.into_iter()
        .map(|(d, tally)| Ok((day(&d)?, tally)))
        .collect()
}

/// An actor read back from its column.
///
/// # Errors
/// [`StoreError::Corrupt`] for text that is not an actor.
///
/// # Example
/// ```
/// use cqnet_store::{Actor, Role};
/// let a = Actor::new("sys", Role::System)?;
/// let text = cqnet_adapters::sql::to_body(&a)?;
/// assert_eq!(cqnet_adapters::sql::actor(&text)?, a);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn actor(text: &str) -> StoreResult<Actor> {
    from_body("actor", text)
}
