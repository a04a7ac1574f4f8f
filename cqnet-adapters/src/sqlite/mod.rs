//! The SQLite adapter (feature `sqlite`): rusqlite with a bundled SQLite, WAL, migrations kept
//! as SQL files and recorded in `schema_migrations`, one transaction per command.
//!
//! A constraint the schema refuses maps as on PostgreSQL (a duplicate key `AlreadyExists`, a
//! missing reference `NotFound`, a check or append-only trigger `Conflict`); a database busy
//! past [`BUSY_TIMEOUT`] is `Unavailable`, and retrying with the same idempotency key is safe.

use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use cqnet_core::QualificationCode;
use cqnet_core::standard::CurriculumStandard;
use cqnet_store::training::{
    AttendanceEntry, Course, CourseId, Enrollment, EnrollmentId, EvaluationEntry, Institution,
    InstitutionId, NewAttendance, NewEvaluation, Qualification, StandardVersion,
};
use cqnet_store::{AuditEntry, AuditNote, CommandMeta, IdempotencyKey, Seq, Version, Versioned};
use cqnet_store::{
    AuditLog, CatalogStore, DesignationStore, EnrollmentStore, LedgerStore, StoreError, StoreResult,
};
use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior, params};
use serde::de::DeserializeOwned;

use crate::shared::training::not_found;
use crate::sql::{self, stmt};
use cqnet_store::training::commands;
use cqnet_store::unit_of_work::{AuditTransaction, complete_now};

mod certificate;
mod designation;
mod errors;
mod exam;
mod open;
mod search;
mod statistics;
mod transaction;
mod work_study;

pub use open::SqliteOptions;

use cqnet_store::UnavailableKind;
use errors::fault;
use transaction::{ATTENDANCE, EVALUATIONS, SqliteTransaction, read_entries};

/// How long a command waits for another process's write lock before failing.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// A store in one SQLite database file.
///
/// # Why one mutex-guarded connection, not a pool
/// SQLite admits one writer at a time however many connections there are, and every command
/// here writes (its audit line at least). A pool would only add connections that queue on the
/// database's write lock and answer `SQLITE_BUSY` to each other, and readers gain little on a
/// file this size. One connection behind a [`Mutex`] serializes commands in the process
/// without busy waits, keeps every prepared statement cached on the one connection, and still
/// uses `BEGIN IMMEDIATE` and a busy timeout so that other processes on the same file are
/// safe. Hosts that need parallel readers can open a second `SqliteStore` on the same file
/// (WAL lets readers proceed while one writes).
///
/// Durability: WAL with `synchronous = FULL`; a command is committed when it returns.
///
/// # Example
/// ```
/// use cqnet_adapters::sqlite::SqliteStore;
/// use cqnet_store::CatalogStore;
/// let dir = tempfile::tempdir()?;
/// let store = SqliteStore::open(dir.path().join("cohort.sqlite"))?;
/// assert!(store.qualifications()?.is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct SqliteStore {
    conn: Mutex<Connection>,
}

impl std::fmt::Debug for SqliteStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SqliteStore").finish_non_exhaustive()
    }
}

impl SqliteStore {
    /// Opens (or creates) a database file, sets WAL, foreign keys and the busy timeout
    /// ([`BUSY_TIMEOUT`]; [`SqliteStore::open_with`] sets another), checks the file, and
    /// applies the migrations not yet recorded. A store is created only where no file exists;
    /// a current schema is only read (the write lock is taken only to migrate).
    ///
    /// # Errors
    /// [`StoreError::Unavailable`] when the file cannot be opened or migrated;
    /// [`StoreError::Corrupt`] for a damaged file: an existing file of 0 bytes, one that fails
    /// SQLite's `quick_check`, a migration record with a gap, a current record without all of
    /// its tables, or a migration this version does not know.
    ///
    /// # Example
    /// ```
    /// use cqnet_adapters::sqlite::SqliteStore;
    /// let dir = tempfile::tempdir()?;
    /// let path = dir.path().join("cohort.sqlite");
    /// SqliteStore::open(&path)?; // created
    /// assert!(SqliteStore::open(&path)?.schema_version()? > 0); // opened again
    /// std::fs::write(dir.path().join("empty.sqlite"), b"")?;
    /// assert!(SqliteStore::open(dir.path().join("empty.sqlite")).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn open(path: impl AsRef<Path>) -> StoreResult<Self> {
        Self::open_with(path, SqliteOptions::default())
    }

    /// [`SqliteStore::open`] with options (how long a command waits for another process's
    /// write lock).
    ///
    /// # Errors
    /// As [`SqliteStore::open`].
    ///
    /// # Example
    /// ```
    /// use std::time::Duration;
    /// use cqnet_adapters::sqlite::{SqliteOptions, SqliteStore};
    /// let dir = tempfile::tempdir()?;
    /// let options = SqliteOptions::default().with_busy_timeout(Duration::from_secs(30));
    /// let store = SqliteStore::open_with(dir.path().join("cohort.sqlite"), options)?;
    /// assert!(store.schema_version()? > 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn open_with(path: impl AsRef<Path>, options: SqliteOptions) -> StoreResult<Self> {
        let conn = open::open_file(path.as_ref(), options)?;
        Self::setup(conn)
    }

    /// Copies the live store to a new file at `target` with SQLite's online backup, while
    /// this and other connections go on (see `docs/adapters.md`, "Copying a live SQLite
    /// store"). Never copy the main file of a live store by hand: what is still in its
    /// `-wal` file would be lost.
    ///
    /// # Errors
    /// [`StoreError::AlreadyExists`] when `target` exists; [`StoreError::Unavailable`] when the
    /// copy fails.
    ///
    /// # Example
    /// ```
    /// use cqnet_adapters::sqlite::SqliteStore;
    /// let dir = tempfile::tempdir()?;
    /// let store = SqliteStore::open(dir.path().join("live.sqlite"))?;
    /// store.backup_to(dir.path().join("copy.sqlite"))?;
    /// let copy = SqliteStore::open(dir.path().join("copy.sqlite"))?;
    /// assert_eq!(copy.schema_version()?, store.schema_version()?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn backup_to(&self, target: impl AsRef<Path>) -> StoreResult<()> {
        let conn = self.lock()?;
        open::backup(&conn, target.as_ref())
    }

    /// A private in-memory database (no WAL), for tests.
    ///
    /// # Errors
    /// As [`SqliteStore::open`].
    ///
    /// # Example
    /// ```
    /// let store = cqnet_adapters::sqlite::SqliteStore::open_in_memory()?;
    /// assert_eq!(store.schema_version()?, 13); // every migration of migrations/sqlite applied, the newest 0013
    /// # Ok::<(), cqnet_store::StoreError>(())
    /// ```
    pub fn open_in_memory() -> StoreResult<Self> {
        let conn = Connection::open_in_memory().map_err(fault)?;
        open::configure(&conn, SqliteOptions::default())?;
        Self::setup(conn)
    }

    fn setup(mut conn: Connection) -> StoreResult<Self> {
        open::check(&conn)?;
        open::migrate(&mut conn)?;
        Ok(SqliteStore {
            conn: Mutex::new(conn),
        })
    }

    /// The newest migration applied.
    ///
    /// # Errors
    /// [`StoreError::Unavailable`].
    ///
    /// # Example
    /// See [`SqliteStore::open_in_memory`].
    pub fn schema_version(&self) -> StoreResult<i64> {
        self.lock()?
            .query_row(
                "SELECT COALESCE(MAX(version), 0) FROM schema_migrations",
                [],
                |r| r.get(0),
            )
            .map_err(fault)
    }

    /// The async twin of this store: every call runs on tokio's blocking pool.
    ///
    /// # Example
    /// ```
    /// fn is_async(_: &impl cqnet_store::AsyncStore) {}
    /// let store = cqnet_adapters::sqlite::SqliteStore::open_in_memory()?;
    /// is_async(&store.into_async());
    /// # Ok::<(), cqnet_store::StoreError>(())
    /// ```
    pub fn into_async(self) -> crate::SpawnBlocking<SqliteStore> {
        crate::SpawnBlocking::new(Arc::new(self))
    }

    fn lock(&self) -> StoreResult<MutexGuard<'_, Connection>> {
        self.conn.lock().map_err(|_| {
            StoreError::unavailable(
                UnavailableKind::Poisoned,
                "the sqlite connection's lock is poisoned",
            )
        })
    }

    fn read<T>(&self, f: impl FnOnce(&Connection) -> StoreResult<T>) -> StoreResult<T> {
        let conn = self.lock()?;
        f(&conn)
    }

    /// Runs `f` in one `BEGIN IMMEDIATE` transaction, committed only when `f` succeeds.
    fn write<T>(&self, f: impl FnOnce(&Transaction<'_>) -> StoreResult<T>) -> StoreResult<T> {
        let mut conn = self.lock()?;
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(fault)?;
        let value = f(&tx)?; // dropping `tx` on error rolls back
        tx.commit().map_err(fault)?;
        Ok(value)
    }

    /// Runs a command written over the unit of work inside one `BEGIN IMMEDIATE`
    /// transaction (its operations never wait, so the command completes at once).
    fn transact<T>(
        &self,
        work: impl AsyncFnOnce(&mut SqliteTransaction<'_>) -> StoreResult<T>,
    ) -> StoreResult<T> {
        self.write(|tx| complete_now(work(&mut SqliteTransaction::new(tx)))?)
    }
}

fn exec(tx: &Connection, sql: &str, params: impl rusqlite::Params) -> StoreResult<usize> {
    tx.prepare_cached(sql)
        .and_then(|mut s| s.execute(params))
        .map_err(fault)
}

fn count(conn: &Connection, sql: &str, params: impl rusqlite::Params) -> StoreResult<i64> {
    conn.prepare_cached(sql)
        .and_then(|mut s| s.query_row(params, |r| r.get(0)))
        .map_err(fault)
}

/// One versioned record by key, read back through its validating constructor.
fn get_versioned<T: DeserializeOwned>(
    conn: &Connection,
    sql: &str,
    what: &'static str,
    key: &str,
) -> StoreResult<Option<Versioned<T>>> {
    let row: Option<(i64, String)> = conn
        .prepare_cached(sql)
        .and_then(|mut s| {
            s.query_row(params![key], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()
        })
        .map_err(fault)?;
    row.map(|(v, body)| {
        Ok(Versioned {
            value: sql::from_body(what, &body)?,
            version: sql::version(v)?,
        })
    })
    .transpose()
}

fn list_versioned<T: DeserializeOwned>(
    conn: &Connection,
    sql: &str,
    what: &'static str,
    params: impl rusqlite::Params,
) -> StoreResult<Vec<Versioned<T>>> {
    let mut statement = conn.prepare_cached(sql).map_err(fault)?;
    let rows = statement
        .query_map(params, |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
        })
        .map_err(fault)?;
    rows.map(|row| {
        let (v, body) = row.map_err(fault)?;
        Ok(Versioned {
            value: sql::from_body(what, &body)?,
            version: sql::version(v)?,
        })
    })
    .collect()
}

/// A command's audit line (outcome `ok`).
fn audit(tx: &Connection, meta: &CommandMeta, command: &str, subject: &str) -> StoreResult<Seq> {
    audit_line(tx, meta, command, subject, "ok")
}

/// Appends a line to the audit log and answers its position.
fn audit_line(
    tx: &Connection,
    meta: &CommandMeta,
    command: &str,
    subject: &str,
    outcome: &str,
) -> StoreResult<Seq> {
    let seq: i64 = tx
        .prepare_cached(stmt::AUDIT_INSERT)
        .and_then(|mut s| {
            s.query_row(
                params![
                    sql::to_body(&meta.actor)
                        .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?,
                    sql::instant_column(meta.at),
                    command,
                    subject,
                    outcome
                ],
                |r| r.get(0),
            )
        })
        .map_err(fault)?;
    sql::seq(seq)
}

impl CatalogStore for SqliteStore {
    fn create_qualification(&self, meta: &CommandMeta, q: &Qualification) -> StoreResult<Version> {
        self.transact(async |tx| commands::create_qualification(tx, meta, q).await)
    }

    fn update_qualification(
        &self,
        meta: &CommandMeta,
        q: &Qualification,
        expected: Version,
    ) -> StoreResult<Version> {
        self.transact(async |tx| commands::update_qualification(tx, meta, q, expected).await)
    }

    fn qualification(&self, code: &QualificationCode) -> StoreResult<Versioned<Qualification>> {
        self.read(|c| {
            get_versioned(c, stmt::QUALIFICATION_GET, "qualification", code.as_str())?
                .ok_or_else(|| not_found("qualification", code))
        })
    }

    fn qualifications(&self) -> StoreResult<Vec<Versioned<Qualification>>> {
        self.read(|c| list_versioned(c, stmt::QUALIFICATION_ALL, "qualification", []))
    }

    fn put_standard(
        &self,
        meta: &CommandMeta,
        code: &QualificationCode,
        version: &StandardVersion,
        standard: &CurriculumStandard,
    ) -> StoreResult<()> {
        self.transact(async |tx| commands::put_standard(tx, meta, code, version, standard).await)
    }

    fn standard(
        &self,
        code: &QualificationCode,
        version: &StandardVersion,
    ) -> StoreResult<CurriculumStandard> {
        self.read(|c| {
            standard_row(c, code, version)?
                .ok_or_else(|| not_found("curriculum standard", format!("{code}@{version}")))
        })
    }

    fn standard_versions(&self, code: &QualificationCode) -> StoreResult<Vec<StandardVersion>> {
        self.read(|c| {
            let mut s = c.prepare_cached(stmt::STANDARD_VERSIONS).map_err(fault)?;
            let rows = s
                .query_map(params![code.as_str()], |r| r.get::<_, String>(0))
                .map_err(fault)?;
            rows.map(|r| {
                let text = r.map_err(fault)?;
                StandardVersion::new(&text).map_err(|e| StoreError::Corrupt {
                    what: "standard version",
                    detail: e.to_string(),
                })
            })
            .collect()
        })
    }
}

fn standard_row(
    c: &Connection,
    code: &QualificationCode,
    version: &StandardVersion,
) -> StoreResult<Option<CurriculumStandard>> {
    let body: Option<String> = c
        .prepare_cached(stmt::STANDARD_GET)
        .and_then(|mut s| {
            s.query_row(params![code.as_str(), version.as_str()], |r| r.get(0))
                .optional()
        })
        .map_err(fault)?;
    body.map(|b| sql::from_body("curriculum standard", &b))
        .transpose()
}

impl DesignationStore for SqliteStore {
    fn create_institution(&self, meta: &CommandMeta, i: &Institution) -> StoreResult<Version> {
        self.transact(async |tx| commands::create_institution(tx, meta, i).await)
    }

    fn institution(&self, id: InstitutionId) -> StoreResult<Versioned<Institution>> {
        self.read(|c| {
            get_versioned(c, stmt::INSTITUTION_GET, "institution", &id.to_string())?
                .ok_or_else(|| not_found("institution", id))
        })
    }

    fn create_course(&self, meta: &CommandMeta, c: &Course) -> StoreResult<Version> {
        self.transact(async |tx| commands::create_course(tx, meta, c).await)
    }

    fn update_course(
        &self,
        meta: &CommandMeta,
        c: &Course,
        expected: Version,
    ) -> StoreResult<Version> {
        self.transact(async |tx| commands::update_course(tx, meta, c, expected).await)
    }

    fn course(&self, id: CourseId) -> StoreResult<Versioned<Course>> {
        self.read(|c| {
            get_versioned(c, stmt::COURSE_GET, "course", &id.to_string())?
                .ok_or_else(|| not_found("course", id))
        })
    }

    fn courses(&self, institution: Option<InstitutionId>) -> StoreResult<Vec<Versioned<Course>>> {
        self.read(|c| match institution {
            Some(i) => list_versioned(
                c,
                stmt::COURSE_BY_INSTITUTION,
                "course",
                params![i.to_string()],
            ),
            None => list_versioned(c, stmt::COURSE_ALL, "course", []),
        })
    }
}

impl EnrollmentStore for SqliteStore {
    fn enroll(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        e: &Enrollment,
    ) -> StoreResult<Versioned<Enrollment>> {
        self.transact(async |tx| commands::enroll(tx, meta, key, e).await)
    }

    fn update_enrollment(
        &self,
        meta: &CommandMeta,
        e: &Enrollment,
        expected: Version,
    ) -> StoreResult<Version> {
        self.transact(async |tx| commands::update_enrollment(tx, meta, e, expected).await)
    }

    fn enrollment(&self, id: EnrollmentId) -> StoreResult<Versioned<Enrollment>> {
        self.read(|c| {
            get_versioned(c, stmt::ENROLLMENT_GET, "enrollment", &id.to_string())?
                .ok_or_else(|| not_found("enrollment", id))
        })
    }

    fn enrollments(&self, course: CourseId) -> StoreResult<Vec<Versioned<Enrollment>>> {
        self.read(|c| {
            list_versioned(
                c,
                stmt::ENROLLMENT_BY_COURSE,
                "enrollment",
                params![course.to_string()],
            )
        })
    }
}

impl LedgerStore for SqliteStore {
    fn append_attendance(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        facts: &[NewAttendance],
    ) -> StoreResult<Vec<AttendanceEntry>> {
        self.transact(async |tx| commands::append_attendance(tx, meta, key, facts).await)
    }

    fn append_evaluations(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        facts: &[NewEvaluation],
    ) -> StoreResult<Vec<EvaluationEntry>> {
        self.transact(async |tx| commands::append_evaluations(tx, meta, key, facts).await)
    }

    fn attendance(&self, enrollment: EnrollmentId) -> StoreResult<Vec<AttendanceEntry>> {
        self.read(|c| {
            read_entries::<AttendanceEntry>(c, ATTENDANCE.of, params![enrollment.to_string()])
        })
    }

    fn evaluations(&self, enrollment: EnrollmentId) -> StoreResult<Vec<EvaluationEntry>> {
        self.read(|c| {
            read_entries::<EvaluationEntry>(c, EVALUATIONS.of, params![enrollment.to_string()])
        })
    }

    fn ledger_enrollments(&self) -> StoreResult<Vec<EnrollmentId>> {
        self.read(|c| {
            let mut s = c.prepare_cached(stmt::LEDGER_ENROLLMENTS).map_err(fault)?;
            let rows = s.query_map([], |r| r.get::<_, String>(0)).map_err(fault)?;
            rows.map(|r| {
                r.map_err(fault)?
                    .parse()
                    .map_err(|e: cqnet_core::InputError| StoreError::Corrupt {
                        what: "ledger enrollment",
                        detail: e.to_string(),
                    })
            })
            .collect()
        })
    }

    fn command_recorded(&self, key: &IdempotencyKey) -> StoreResult<bool> {
        self.read(|c| Ok(count(c, stmt::KEY_EXISTS, params![key.as_str()])? > 0))
    }
}

impl AuditTransaction for SqliteTransaction<'_> {
    async fn note(&mut self, note: &AuditNote) -> StoreResult<Seq> {
        let (meta, outcome) = (&note.meta, &note.outcome);
        audit_line(self.conn(), meta, &note.command, &note.subject, outcome)
    }
}

impl AuditLog for SqliteStore {
    fn append_note(&self, note: &AuditNote) -> StoreResult<AuditEntry> {
        self.transact(async |tx| cqnet_store::append_note(tx, note).await)
    }

    fn audit_entries(&self, after: Option<Seq>, limit: usize) -> StoreResult<Vec<AuditEntry>> {
        let after = after.map_or(Ok(0), sql::seq_column)?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        self.read(|c| {
            let mut s = c.prepare_cached(stmt::AUDIT_PAGE).map_err(fault)?;
            let rows = s
                .query_map(params![after, limit], |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, String>(4)?,
                        r.get::<_, String>(5)?,
                    ))
                })
                .map_err(fault)?;
            rows.map(|row| {
                let (seq, actor, at, command, subject, outcome) = row.map_err(fault)?;
                Ok(AuditEntry {
                    seq: sql::seq(seq)?,
                    actor: sql::actor(&actor)?,
                    at: sql::instant(&at)?,
                    command,
                    subject,
                    outcome,
                })
            })
            .collect()
        })
    }
}
