//! Every store operation, written once against [`Exec`] and run by both PostgreSQL stores:
//! awaited by the async store, finished in place by the blocking one. Each command runs inside
//! the transaction its caller opened; its audit line and its idempotency key go into the same
//! transaction.
//!
//! The statements are those of [`crate::sql::stmt`] (shared with SQLite) except where
//! PostgreSQL needs a lock or a set-based form, defined here: row locks for updates and seats,
//! table locks that keep ledger and audit positions in commit order, and one-round-trip forms
//! for ledger batches.

use std::collections::HashSet;

use cqnet_core::QualificationCode;
use cqnet_core::standard::CurriculumStandard;
use cqnet_store::StoreError;
use cqnet_store::training::{
    AttendanceEntry, Course, CourseId, Enrollment, EnrollmentId, EvaluationEntry, Institution,
    InstitutionId, NewAttendance, NewEvaluation, Qualification, StandardVersion,
};
use cqnet_store::{Actor, AuditEntry, AuditNote, CommandMeta, IdempotencyKey, Seq, Versioned};
use serde::de::DeserializeOwned;
use tokio_postgres::Row;
use tokio_postgres::types::FromSql;

use super::exec::{Exec, PgError};
use super::transaction::PgTransaction;
use crate::shared::training::not_found;
use crate::sql::{self, stmt};
use cqnet_store::UnavailableKind;
use cqnet_store::training::commands;
use cqnet_store::unit_of_work::AuditTransaction;

type R<T> = Result<T, PgError>;

/// `stmt::QUALIFICATION_GET`, locking the row until the transaction ends.
pub(crate) const QUALIFICATION_LOCK: &str =
    "SELECT version, body FROM qualifications WHERE code = $1 FOR NO KEY UPDATE";
/// `stmt::COURSE_GET`, locking the row: every seat of a course is taken under this lock.
pub(crate) const COURSE_LOCK: &str =
    "SELECT version, body FROM courses WHERE id = $1 FOR NO KEY UPDATE";
/// `stmt::ENROLLMENT_GET`, locking the row.
pub(crate) const ENROLLMENT_LOCK: &str =
    "SELECT version, body FROM enrollments WHERE id = $1 FOR NO KEY UPDATE";
/// One writer at a time appends to the audit log, so positions follow commit order.
pub(crate) const AUDIT_LOCK: &str = "LOCK TABLE audit_log IN EXCLUSIVE MODE";
/// The enrollments among many, in one round trip.
pub(crate) const ENROLLMENTS_AMONG: &str =
    "SELECT version, body FROM enrollments WHERE id = ANY($1)";
/// The courses among many, in one round trip.
pub(crate) const COURSES_AMONG: &str = "SELECT version, body FROM courses WHERE id = ANY($1)";
/// The standing hours kept for many enrollments (`$1`) and the rows of many of their months
/// (`$2`, `$3`: enrollments and months, pairwise), in one round trip: a row with no month is an
/// enrollment's hours per target, a row with a month that month's days.
pub(crate) const STANDING_AMONG: &str = "SELECT enrollment, body, NULL::TEXT AS month FROM attendance_standing WHERE enrollment = ANY($1) \
     UNION ALL \
     SELECT kept.enrollment, kept.body, kept.month FROM attendance_days AS kept \
     JOIN UNNEST($2::TEXT[], $3::TEXT[]) AS asked (enrollment, month) \
     ON kept.enrollment = asked.enrollment AND kept.month = asked.month";
/// Keeps the standing hours of many enrollments (`$1`, `$2`) and the days of many months
/// (`$3`, `$4`, `$5`, each month's days merged into those kept) in one statement.
pub(crate) const STANDING_PUT_MANY: &str = "WITH targets AS ( \
     INSERT INTO attendance_standing (enrollment, body) \
     SELECT enrollment, body FROM UNNEST($1::TEXT[], $2::TEXT[]) AS kept (enrollment, body) \
     ON CONFLICT (enrollment) DO UPDATE SET body = excluded.body) \
     INSERT INTO attendance_days (enrollment, month, body) \
     SELECT enrollment, month, body FROM UNNEST($3::TEXT[], $4::TEXT[], $5::TEXT[]) AS kept (enrollment, month, body) \
     ON CONFLICT (enrollment, month) DO UPDATE \
     SET body = (attendance_days.body::JSONB || excluded.body::JSONB)::TEXT";

/// The statements of one ledger.
pub(crate) struct Ledger {
    /// Locks the ledger against other writers (readers go on) until commit.
    lock: &'static str,
    pub(crate) next: &'static str,
    /// The entries a batch corrects.
    pub(crate) at: &'static str,
    /// The corrections already committed of the entries a batch corrects.
    pub(crate) corrected_by: &'static str,
    /// The entries of a range of positions (a replayed batch).
    pub(crate) range: &'static str,
    /// The whole batch in one statement: positions, enrollments and bodies as arrays.
    pub(crate) insert: &'static str,
    pub(crate) of: &'static str,
    pub(crate) what: &'static str,
}

pub(crate) const ATTENDANCE: Ledger = Ledger {
    lock: "LOCK TABLE attendance IN EXCLUSIVE MODE",
    next: stmt::ATTENDANCE_NEXT,
    at: "SELECT seq, body, recorded_by, recorded_at FROM attendance WHERE seq = ANY($1)",
    corrected_by: "SELECT corrects, seq FROM attendance WHERE corrects = ANY($1)",
    range: stmt::ATTENDANCE_RANGE,
    insert: "INSERT INTO attendance (seq, enrollment, body, recorded_by, recorded_at) \
             SELECT seq, enrollment, body, $4, $5 \
             FROM UNNEST($1::BIGINT[], $2::TEXT[], $3::TEXT[]) AS batch (seq, enrollment, body)",
    of: stmt::ATTENDANCE_OF,
    what: "attendance",
};

pub(crate) const EVALUATIONS: Ledger = Ledger {
    lock: "LOCK TABLE evaluations IN EXCLUSIVE MODE",
    next: stmt::EVALUATION_NEXT,
    at: "SELECT seq, body, recorded_by, recorded_at FROM evaluations WHERE seq = ANY($1)",
    corrected_by: "SELECT corrects, seq FROM evaluations WHERE corrects = ANY($1)",
    range: stmt::EVALUATION_RANGE,
    insert: "INSERT INTO evaluations (seq, enrollment, body, recorded_by, recorded_at) \
             SELECT seq, enrollment, body, $4, $5 \
             FROM UNNEST($1::BIGINT[], $2::TEXT[], $3::TEXT[]) AS batch (seq, enrollment, body)",
    of: stmt::EVALUATION_OF,
    what: "evaluations",
};

pub(crate) fn col<'r, T: FromSql<'r>>(row: &'r Row, i: usize) -> R<T> {
    Ok(row.try_get(i)?)
}

pub(crate) fn enrollment_id(text: &str) -> R<EnrollmentId> {
    text.parse().map_err(|e: cqnet_core::InputError| {
        PgError::Store(StoreError::Corrupt {
            what: "ledger enrollment",
            detail: e.to_string(),
        })
    })
}

pub(crate) fn versioned<T: DeserializeOwned>(row: &Row, what: &'static str) -> R<Versioned<T>> {
    Ok(Versioned {
        value: sql::from_body(what, col::<&str>(row, 1)?)?,
        version: sql::version(col(row, 0)?)?,
    })
}

pub(crate) async fn get_versioned<E: Exec, T: DeserializeOwned>(
    e: &mut E,
    sql: &'static str,
    what: &'static str,
    key: &str,
) -> R<Option<Versioned<T>>> {
    let rows = e.query(sql, &[&key]).await?;
    rows.first().map(|r| versioned(r, what)).transpose()
}

pub(crate) async fn count<E: Exec>(e: &mut E, sql: &'static str, key: &str) -> R<i64> {
    let rows = e.query(sql, &[&key]).await?;
    match rows.first() {
        Some(r) => col(r, 0),
        None => Err(PgError::Store(StoreError::unavailable(
            UnavailableKind::Backend,
            "postgres: a count returned no row",
        ))),
    }
}

/// Appends an audit line: the last lock a command takes, held only until its commit.
pub(crate) async fn audit<E: Exec>(
    e: &mut E,
    meta: &CommandMeta,
    command: &str,
    subject: &str,
    outcome: &str,
) -> R<Seq> {
    e.execute(AUDIT_LOCK, &[]).await?;
    let actor = sql::to_body(&meta.actor)?;
    let at = sql::instant_column(meta.at);
    let rows = e
        .query(
            stmt::AUDIT_INSERT,
            &[&actor, &at, &command, &subject, &outcome],
        )
        .await?;
    match rows.first() {
        Some(r) => Ok(sql::seq(col(r, 0)?)?),
        None => Err(PgError::Store(StoreError::unavailable(
            UnavailableKind::Backend,
            "postgres: the audit insert returned no position",
        ))),
    }
}

// ---------------------------------------------------------------------------------- catalog --

pub(crate) async fn qualification<E: Exec>(
    e: &mut E,
    code: &QualificationCode,
) -> R<Versioned<Qualification>> {
    get_versioned(e, stmt::QUALIFICATION_GET, "qualification", code.as_str())
        .await?
        .ok_or_else(|| not_found("qualification", code).into())
}

pub(crate) async fn qualifications<E: Exec>(e: &mut E) -> R<Vec<Versioned<Qualification>>> {
    let rows = e.query(stmt::QUALIFICATION_ALL, &[]).await?;
    rows.iter().map(|r| versioned(r, "qualification")).collect()
}

async fn standard_row<E: Exec>(
    e: &mut E,
    code: &QualificationCode,
    version: &StandardVersion,
) -> R<Option<CurriculumStandard>> {
    let rows = e
        .query(stmt::STANDARD_GET, &[&code.as_str(), &version.as_str()])
        .await?;
    match rows.first() {
        None => Ok(None),
        Some(r) => Ok(Some(sql::from_body("curriculum standard", col(r, 0)?)?)),
    }
}

pub(crate) async fn standard<E: Exec>(
    e: &mut E,
    code: &QualificationCode,
    version: &StandardVersion,
) -> R<CurriculumStandard> {
    standard_row(e, code, version)
        .await?
        .ok_or_else(|| not_found("curriculum standard", format!("{code}@{version}")).into())
}

pub(crate) async fn standard_versions<E: Exec>(
    e: &mut E,
    code: &QualificationCode,
) -> R<Vec<StandardVersion>> {
    let rows = e.query(stmt::STANDARD_VERSIONS, &[&code.as_str()]).await?;
    rows.iter()
        .map(|r| {
            StandardVersion::new(col(r, 0)?).map_err(|e| {
                PgError::Store(StoreError::Corrupt {
                    what: "standard version",
                    detail: e.to_string(),
                })
            })
        })
        .collect()
}

// ------------------------------------------------------------------------------ designation --

pub(crate) async fn institution<E: Exec>(
    e: &mut E,
    id: InstitutionId,
) -> R<Versioned<Institution>> {
    get_versioned(e, stmt::INSTITUTION_GET, "institution", &id.to_string())
        .await?
        .ok_or_else(|| not_found("institution", id).into())
}

pub(crate) async fn course<E: Exec>(e: &mut E, id: CourseId) -> R<Versioned<Course>> {
    get_versioned(e, stmt::COURSE_GET, "course", &id.to_string())
        .await?
        .ok_or_else(|| not_found("course", id).into())
}

pub(crate) async fn courses<E: Exec>(
    e: &mut E,
    institution: Option<InstitutionId>,
) -> R<Vec<Versioned<Course>>> {
    let rows = match institution {
        Some(i) => {
            e.query(stmt::COURSE_BY_INSTITUTION, &[&i.to_string()])
                .await?
        }
        None => e.query(stmt::COURSE_ALL, &[]).await?,
    };
    rows.iter().map(|r| versioned(r, "course")).collect()
}

// ------------------------------------------------------------------------------ enrollment --

pub(crate) async fn enrollment<E: Exec>(e: &mut E, id: EnrollmentId) -> R<Versioned<Enrollment>> {
    get_versioned(e, stmt::ENROLLMENT_GET, "enrollment", &id.to_string())
        .await?
        .ok_or_else(|| not_found("enrollment", id).into())
}

pub(crate) async fn enrollments<E: Exec>(
    e: &mut E,
    course: CourseId,
) -> R<Vec<Versioned<Enrollment>>> {
    let rows = e
        .query(stmt::ENROLLMENT_BY_COURSE, &[&course.to_string()])
        .await?;
    rows.iter().map(|r| versioned(r, "enrollment")).collect()
}

// --------------------------------------------------------------------------------- ledgers --

/// Appends attendance: the store's one command (`cqnet_store::training::commands`), run
/// after taking the ledger's lock, so that one writer at a time reads the standing hours and
/// positions it appends after.
pub(crate) async fn append_attendance<E: Exec>(
    e: &mut E,
    meta: &CommandMeta,
    key: &IdempotencyKey,
    facts: &[NewAttendance],
) -> R<Vec<AttendanceEntry>> {
    e.execute(ATTENDANCE.lock, &[]).await?;
    commands::append_attendance(&mut PgTransaction::new(e), meta, key, facts).await
}

/// Appends evaluations, as [`append_attendance`] does.
pub(crate) async fn append_evaluations<E: Exec>(
    e: &mut E,
    meta: &CommandMeta,
    key: &IdempotencyKey,
    facts: &[NewEvaluation],
) -> R<Vec<EvaluationEntry>> {
    e.execute(EVALUATIONS.lock, &[]).await?;
    commands::append_evaluations(&mut PgTransaction::new(e), meta, key, facts).await
}

/// An enrollment's entries of a ledger, in order.
pub(crate) async fn entries_of<E, F, X>(
    e: &mut E,
    ledger: &Ledger,
    enrollment: EnrollmentId,
    make: fn(Seq, F, Actor, chrono::DateTime<chrono::Utc>) -> X,
) -> R<Vec<X>>
where
    E: Exec,
    F: DeserializeOwned,
{
    let rows = e.query(ledger.of, &[&enrollment.to_string()]).await?;
    rows.iter()
        .map(|r| {
            Ok(make(
                sql::seq(col(r, 0)?)?,
                sql::from_body(ledger.what, col(r, 1)?)?,
                sql::actor(col(r, 2)?)?,
                sql::instant(col(r, 3)?)?,
            ))
        })
        .collect()
}

/// Whether a command was committed under `key`.
pub(crate) async fn command_recorded<E: Exec>(e: &mut E, key: &IdempotencyKey) -> R<bool> {
    let rows = e.query(stmt::KEY_EXISTS, &[&key.as_str()]).await?;
    match rows.first() {
        Some(r) => Ok(col::<i64>(r, 0)? > 0),
        None => Ok(false),
    }
}

pub(crate) async fn ledger_enrollments<E: Exec>(e: &mut E) -> R<Vec<EnrollmentId>> {
    let rows = e.query(stmt::LEDGER_ENROLLMENTS, &[]).await?;
    rows.iter().map(|r| enrollment_id(col(r, 0)?)).collect()
}

// ----------------------------------------------------------------------------------- audit --

impl<E: Exec> AuditTransaction for PgTransaction<'_, E> {
    async fn note(&mut self, note: &AuditNote) -> R<Seq> {
        let (command, subject) = (&note.command, &note.subject);
        audit(self.exec(), &note.meta, command, subject, &note.outcome).await
    }
}

pub(crate) async fn audit_entries<E: Exec>(
    e: &mut E,
    after: Option<Seq>,
    limit: usize,
) -> R<Vec<AuditEntry>> {
    let after = after.map_or(Ok(0), sql::seq_column)?;
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let rows = e.query(stmt::AUDIT_PAGE, &[&after, &limit]).await?;
    rows.iter()
        .map(|r| {
            Ok(AuditEntry {
                seq: sql::seq(col(r, 0)?)?,
                actor: sql::actor(col(r, 1)?)?,
                at: sql::instant(col(r, 2)?)?,
                command: col(r, 3)?,
                subject: col(r, 4)?,
                outcome: col(r, 5)?,
            })
        })
        .collect()
}

// ------------------------------------------------------------------------------ migrations --

/// The schema migrations, applied in order and recorded in `schema_migrations`.
pub(crate) const MIGRATIONS: &[(i64, &str, &str)] = &[
    (
        1,
        "0001_training_records",
        include_str!("../../migrations/postgres/0001_training_records.sql"),
    ),
    (
        2,
        "0002_ledger_corrects_index",
        include_str!("../../migrations/postgres/0002_ledger_corrects_index.sql"),
    ),
    (
        3,
        "0003_exam_rounds",
        include_str!("../../migrations/postgres/0003_exam_rounds.sql"),
    ),
    (
        4,
        "0004_certificates",
        include_str!("../../migrations/postgres/0004_certificates.sql"),
    ),
    (
        5,
        "0005_apply_in_one_statement",
        include_str!("../../migrations/postgres/0005_apply_in_one_statement.sql"),
    ),
    (
        6,
        "0006_exam_number_layout_from_the_caller",
        include_str!("../../migrations/postgres/0006_exam_number_layout_from_the_caller.sql"),
    ),
    (
        7,
        "0007_attendance_standing",
        include_str!("../../migrations/postgres/0007_attendance_standing.sql"),
    ),
    (
        8,
        "0008_attendance_days",
        include_str!("../../migrations/postgres/0008_attendance_days.sql"),
    ),
    (
        9,
        "0009_search",
        include_str!("../../migrations/postgres/0009_search.sql"),
    ),
    (
        10,
        "0010_work_study",
        include_str!("../../migrations/postgres/0010_work_study.sql"),
    ),
    (
        11,
        "0011_designation",
        include_str!("../../migrations/postgres/0011_designation.sql"),
    ),
    (
        12,
        "0012_work_study_learners",
        include_str!("../../migrations/postgres/0012_work_study_learners.sql"),
    ),
    (
        13,
        "0013_statistics",
        include_str!("../../migrations/postgres/0013_statistics.sql"),
    ),
    (
        14,
        "0014_work_study_programmes",
        include_str!("../../migrations/postgres/0014_work_study_programmes.sql"),
    ),
    (
        15,
        "0015_designation_by_status",
        include_str!("../../migrations/postgres/0015_designation_by_status.sql"),
    ),
];

const MIGRATION_LOCK: &str = "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))";
const MIGRATIONS_APPLIED: &str = "SELECT COALESCE(MAX(version), 0) FROM schema_migrations";
/// Every migration recorded: a schema migrated before 0004 was added holds 5 but not 4.
const MIGRATIONS_RECORDED: &str = "SELECT version FROM schema_migrations";
const MIGRATION_RECORD: &str = "INSERT INTO schema_migrations (version, name) VALUES ($1, $2)";

/// Creates the schema if missing and applies the migrations not yet recorded, in the caller's
/// transaction. An advisory lock named after the schema makes stores opening the same schema
/// at once wait for each other instead of racing; other schemas are not held up.
pub(crate) async fn migrate<E: Exec>(e: &mut E, schema: &str) -> R<i64> {
    let lock = format!("cqnet.migrate:{schema}");
    e.query(MIGRATION_LOCK, &[&lock]).await?;
    // `schema` is a checked plain identifier (see `PgOptions::with_schema`).
    e.batch(&format!(
        "CREATE SCHEMA IF NOT EXISTS \"{schema}\"; SET LOCAL search_path TO \"{schema}\"; \
         CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, \
         name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())"
    ))
    .await?;
    let applied = schema_version(e).await?;
    let newest = MIGRATIONS.last().map_or(0, |m| m.0);
    if applied > newest {
        return Err(StoreError::Corrupt {
            what: "schema",
            detail: format!(
                "schema {schema} is at migration {applied}, newer than this library's {newest}"
            ),
        }
        .into());
    }
    let recorded: HashSet<i64> = e
        .query(MIGRATIONS_RECORDED, &[])
        .await?
        .iter()
        .map(|r| col(r, 0))
        .collect::<R<_>>()?;
    for (version, name, sql) in MIGRATIONS.iter().filter(|m| !recorded.contains(&m.0)) {
        e.batch(sql).await?;
        e.execute(MIGRATION_RECORD, &[version, name]).await?;
    }
    Ok(newest.max(applied))
}

/// The newest migration applied.
pub(crate) async fn schema_version<E: Exec>(e: &mut E) -> R<i64> {
    let rows = e.query(MIGRATIONS_APPLIED, &[]).await?;
    match rows.first() {
        Some(r) => col(r, 0),
        None => Ok(0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The locking reads are the shared statements plus their lock.
    #[test]
    fn locking_reads_extend_the_shared_statements() {
        for (locked, shared) in [
            (QUALIFICATION_LOCK, stmt::QUALIFICATION_GET),
            (COURSE_LOCK, stmt::COURSE_GET),
            (ENROLLMENT_LOCK, stmt::ENROLLMENT_GET),
        ] {
            assert_eq!(locked, format!("{shared} FOR NO KEY UPDATE"));
        }
    }

    /// The batch inserts fill the columns of the shared one-row inserts.
    #[test]
    fn batch_inserts_fill_the_shared_columns() {
        for (ledger, one_row) in [
            (&ATTENDANCE, stmt::ATTENDANCE_INSERT),
            (&EVALUATIONS, stmt::EVALUATION_INSERT),
        ] {
            let columns = |s: &str| s.split(" VALUES").next().map(str::to_owned);
            let batch = ledger.insert.split(" SELECT").next().map(str::to_owned);
            assert_eq!(batch, columns(one_row));
        }
    }

    #[test]
    fn migrations_are_numbered_in_order() {
        assert!(MIGRATIONS.windows(2).all(|p| p[0].0 < p[1].0));
        assert_eq!(MIGRATIONS.first().map(|m| m.0), Some(1));
    }
}
