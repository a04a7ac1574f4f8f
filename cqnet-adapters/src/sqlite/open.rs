//! Opening a SQLite store: the options (how long to wait for another process's lock), the
//! checks that refuse a damaged file before any command runs, the migrations, and the online
//! backup of a live store.
//!
//! Opening never takes the write lock when the schema is current: it reads the migration
//! record, checks it, and only a database that needs a migration waits for the lock.

use std::path::Path;
use std::time::Duration;

use cqnet_store::{StoreError, StoreResult};
use rusqlite::{Connection, OpenFlags, TransactionBehavior, params};

use super::errors::fault;

/// The schema migrations, applied in order and recorded in `schema_migrations`.
pub(super) const MIGRATIONS: &[(i64, &str, &str)] = &[
    (
        1,
        "0001_training_records",
        include_str!("../../migrations/sqlite/0001_training_records.sql"),
    ),
    (
        2,
        "0002_ledger_corrects_index",
        include_str!("../../migrations/sqlite/0002_ledger_corrects_index.sql"),
    ),
    (
        3,
        "0003_exam_rounds",
        include_str!("../../migrations/sqlite/0003_exam_rounds.sql"),
    ),
    (
        4,
        "0004_certificates",
        include_str!("../../migrations/sqlite/0004_certificates.sql"),
    ),
    (
        5,
        "0005_attendance_standing",
        include_str!("../../migrations/sqlite/0005_attendance_standing.sql"),
    ),
    (
        6,
        "0006_attendance_days",
        include_str!("../../migrations/sqlite/0006_attendance_days.sql"),
    ),
    (
        7,
        "0007_search",
        include_str!("../../migrations/sqlite/0007_search.sql"),
    ),
    (
        8,
        "0008_work_study",
        include_str!("../../migrations/sqlite/0008_work_study.sql"),
    ),
    (
        9,
        "0009_designation",
        include_str!("../../migrations/sqlite/0009_designation.sql"),
    ),
    (
        10,
        "0010_work_study_learners",
        include_str!("../../migrations/sqlite/0010_work_study_learners.sql"),
    ),
    (
        11,
        "0011_statistics",
        include_str!("../../migrations/sqlite/0011_statistics.sql"),
    ),
    (
        12,
        "0012_work_study_programmes",
        include_str!("../../migrations/sqlite/0012_work_study_programmes.sql"),
    ),
    (
        13,
        "0013_designation_by_status",
        include_str!("../../migrations/sqlite/0013_designation_by_status.sql"),
    ),
];

/// The tables the migrations create (read from their text, so the list never drifts from
/// them), and the migration record: a database whose record is current but that lacks one of
/// them is refused as damaged.
fn tables() -> Vec<&'static str> {
    let mut names = vec!["schema_migrations"];
    for (_, _, sql) in MIGRATIONS {
        for statement in sql.split("CREATE TABLE ").skip(1) {
            let name = statement
                .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .next()
                .unwrap_or_default();
            if !name.is_empty() {
                names.push(name);
            }
        }
    }
    names
}

/// How a SQLite store is opened.
///
/// # Example
/// ```
/// use std::time::Duration;
/// use cqnet_adapters::sqlite::SqliteOptions;
/// let o = SqliteOptions::default().with_busy_timeout(Duration::from_secs(30));
/// assert_eq!(o.busy_timeout(), Duration::from_secs(30));
/// assert_eq!(SqliteOptions::default().busy_timeout(), cqnet_adapters::sqlite::BUSY_TIMEOUT);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SqliteOptions {
    busy_timeout: Duration,
}

impl Default for SqliteOptions {
    fn default() -> Self {
        SqliteOptions {
            busy_timeout: super::BUSY_TIMEOUT,
        }
    }
}

impl SqliteOptions {
    /// The same options with another wait for another process's write lock: a command that
    /// waits longer fails with `StoreError::Unavailable` (safe to retry with its key).
    ///
    /// # Example
    /// ```
    /// use std::time::Duration;
    /// use cqnet_adapters::sqlite::SqliteOptions;
    /// let patient = SqliteOptions::default().with_busy_timeout(Duration::from_secs(60));
    /// assert!(patient.busy_timeout() > SqliteOptions::default().busy_timeout());
    /// ```
    pub fn with_busy_timeout(mut self, wait: Duration) -> Self {
        self.busy_timeout = wait;
        self
    }

    /// How long a command waits for another process's write lock.
    ///
    /// # Example
    /// ```
    /// use cqnet_adapters::sqlite::{SqliteOptions, BUSY_TIMEOUT};
    /// assert_eq!(SqliteOptions::default().busy_timeout(), BUSY_TIMEOUT);
    /// ```
    pub fn busy_timeout(&self) -> Duration {
        self.busy_timeout
    }
}

/// Opens the file at `path`: a missing file is created; an existing file of 0 bytes is
/// refused (a new store is only ever made where no file is).
pub(super) fn open_file(path: &Path, options: SqliteOptions) -> StoreResult<Connection> {
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_file() && meta.len() == 0 => {
            return Err(StoreError::Corrupt {
                what: "database file",
                detail: format!(
                    "{} is empty: a new store is created only where no file exists",
                    path.display()
                ),
            });
        }
        _ => {}
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX
        | OpenFlags::SQLITE_OPEN_URI;
    let conn = Connection::open_with_flags(path, flags).map_err(fault)?;
    configure(&conn, options)?;
    Ok(conn)
}

/// The connection's settings: the busy wait, WAL, full sync, foreign keys.
pub(super) fn configure(conn: &Connection, options: SqliteOptions) -> StoreResult<()> {
    conn.busy_timeout(options.busy_timeout).map_err(fault)?;
    conn.pragma_update(None, "journal_mode", "WAL")
        .map_err(fault)?;
    conn.pragma_update(None, "synchronous", "FULL")
        .map_err(fault)?;
    conn.pragma_update(None, "foreign_keys", "ON")
        .map_err(fault)
}

fn damaged(detail: String) -> StoreError {
    StoreError::Corrupt {
        what: "database file",
        detail,
    }
}

/// Checks what can be checked cheaply before any command runs: SQLite's `quick_check`, a
/// migration record without gaps, and the tables of the schema it records.
pub(super) fn check(conn: &Connection) -> StoreResult<()> {
    let verdict: String = conn
        .query_row("PRAGMA quick_check", [], |r| r.get(0))
        .map_err(|e| damaged(format!("quick_check failed: {e}")))?;
    if verdict != "ok" {
        return Err(damaged(format!("quick_check: {verdict}")));
    }
    let recorded = recorded_migrations(conn)?;
    // The record holds the library's migrations in order, none skipped; the numbers
    // themselves may skip one that the library does not have.
    let known: Vec<i64> = MIGRATIONS.iter().map(|m| m.0).collect();
    for (i, version) in recorded.iter().enumerate() {
        if known.get(i).is_some_and(|k| k != version) {
            return Err(damaged(format!(
                "the migration record has a gap: {recorded:?}"
            )));
        }
    }
    if recorded.last().copied().unwrap_or(0) == newest() {
        let mut present = conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
            .map_err(fault)?;
        let names: Vec<String> = present
            .query_map([], |r| r.get(0))
            .map_err(fault)?
            .collect::<Result<_, _>>()
            .map_err(fault)?;
        if let Some(missing) = tables().into_iter().find(|t| !names.iter().any(|n| n == t)) {
            return Err(damaged(format!(
                "the schema records every migration but has no table {missing}"
            )));
        }
    }
    Ok(())
}

/// The versions the migration record holds, in order (none for a new database).
fn recorded_migrations(conn: &Connection) -> StoreResult<Vec<i64>> {
    let exists: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'",
            [],
            |r| r.get(0),
        )
        .map_err(fault)?;
    if exists == 0 {
        return Ok(Vec::new());
    }
    let mut s = conn
        .prepare("SELECT version FROM schema_migrations ORDER BY version")
        .map_err(fault)?;
    let versions = s
        .query_map([], |r| r.get(0))
        .map_err(fault)?
        .collect::<Result<Vec<i64>, _>>()
        .map_err(fault)?;
    Ok(versions)
}

fn newest() -> i64 {
    MIGRATIONS.last().map_or(0, |m| m.0)
}

/// Applies the migrations not yet recorded, each recorded in the same transaction. A
/// database that is current is only read: the write lock is taken only to migrate.
pub(super) fn migrate(conn: &mut Connection) -> StoreResult<()> {
    let applied = recorded_migrations(conn)?.last().copied().unwrap_or(0);
    let newest = newest();
    if applied > newest {
        return Err(StoreError::Corrupt {
            what: "schema",
            detail: format!(
                "the database is at migration {applied}, newer than this library's {newest}"
            ),
        });
    }
    if applied == newest {
        return Ok(());
    }
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(fault)?;
    tx.execute_batch(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL)",
    )
    .map_err(fault)?;
    // Another process may have migrated while this one waited for the lock.
    let applied: i64 = tx
        .query_row(
            "SELECT COALESCE(MAX(version), 0) FROM schema_migrations",
            [],
            |r| r.get(0),
        )
        .map_err(fault)?;
    for (version, name, sql) in MIGRATIONS.iter().filter(|m| m.0 > applied) {
        tx.execute_batch(sql).map_err(fault)?;
        tx.execute(
            "INSERT INTO schema_migrations (version, name) VALUES ($1, $2)",
            params![version, name],
        )
        .map_err(fault)?;
    }
    tx.commit().map_err(fault)
}

/// Copies the live database to a new file at `target` with SQLite's online backup, 256 pages
/// at a time, so that other connections (and other processes) go on writing meanwhile; what
/// they commit before the last step is in the copy. A copy of the main file alone would lose
/// what is still in its `-wal`.
pub(super) fn backup(conn: &Connection, target: &Path) -> StoreResult<()> {
    if target.exists() {
        return Err(StoreError::AlreadyExists {
            what: "backup file",
            key: target.display().to_string(),
        });
    }
    let mut copy = Connection::open(target).map_err(fault)?;
    let run = rusqlite::backup::Backup::new(conn, &mut copy)
        .and_then(|b| b.run_to_completion(256, Duration::from_millis(5), None));
    run.map_err(fault)
}
