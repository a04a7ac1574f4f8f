//! How a driver error becomes a [`StoreError`], the same way PostgreSQL's adapter maps its
//! errors: a duplicate key is [`StoreError::AlreadyExists`], a missing reference
//! [`StoreError::NotFound`], a check or append-only trigger [`StoreError::Conflict`], a busy or
//! locked database [`StoreError::Unavailable`] (the transaction was rolled back, so a retry
//! with the same idempotency key is safe), and every other fault `Unavailable` as well.

use cqnet_store::StoreError;
use rusqlite::ErrorCode;
use rusqlite::ffi;

use crate::shared::constraint::record_of_table;
use cqnet_store::{ConflictKind, UnavailableKind};

/// The store's error for a driver error; a fault keeps the driver's error as its source.
pub(super) fn fault(e: rusqlite::Error) -> StoreError {
    let rusqlite::Error::SqliteFailure(failure, message) = &e else {
        return backend_fault(e);
    };
    match failure.code {
        ErrorCode::ConstraintViolation => {
            let message = message.clone().unwrap_or_else(|| failure.to_string());
            constraint(failure.extended_code, message).unwrap_or_else(|| backend_fault(e))
        }
        ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => StoreError::unavailable(
            UnavailableKind::Contention,
            "sqlite: another writer held the database past the busy timeout; \
             nothing was committed, retrying is safe",
        )
        .with_source(e),
        _ => backend_fault(e),
    }
}

/// A fault of the driver or of the adapter, not of the command.
fn backend_fault(e: rusqlite::Error) -> StoreError {
    StoreError::unavailable(UnavailableKind::Backend, "sqlite failed the statement").with_source(e)
}

/// A constraint the schema enforces, by SQLite's extended result code; `None` for one that
/// is a fault of the adapter (NOT NULL and the rest, as on PostgreSQL).
fn constraint(extended_code: i32, message: String) -> Option<StoreError> {
    Some(match extended_code {
        ffi::SQLITE_CONSTRAINT_UNIQUE | ffi::SQLITE_CONSTRAINT_PRIMARYKEY => {
            StoreError::AlreadyExists {
                what: record_of_table(table_named_in(&message)),
                key: message,
            }
        }
        ffi::SQLITE_CONSTRAINT_FOREIGNKEY => StoreError::NotFound {
            what: "referenced record",
            key: message,
        },
        ffi::SQLITE_CONSTRAINT_CHECK | ffi::SQLITE_CONSTRAINT_TRIGGER => StoreError::conflict(
            ConflictKind::Constraint,
            format!("sqlite refused the change: {message}"),
        ),
        _ => return None,
    })
}

/// The table of a unique-constraint message (`UNIQUE constraint failed: courses.id`).
fn table_named_in(message: &str) -> Option<&str> {
    let (_, columns) = message.split_once(": ")?;
    let (table, _) = columns.split_once('.')?;
    Some(table)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use rusqlite::Connection;

    fn schema() -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "foreign_keys", "ON").unwrap();
        conn.execute_batch(
            "CREATE TABLE courses (id TEXT PRIMARY KEY, capacity INTEGER CHECK (capacity >= 1));
             CREATE TABLE enrollments (id TEXT PRIMARY KEY, course TEXT NOT NULL REFERENCES courses (id),
                                       number TEXT UNIQUE);
             CREATE TRIGGER enrollments_append_only BEFORE DELETE ON enrollments
             BEGIN SELECT RAISE(ABORT, 'enrollments is append-only'); END;
             INSERT INTO courses VALUES ('c1', 10);
             INSERT INTO enrollments VALUES ('e1', 'c1', 'n1');",
        )
        .unwrap();
        conn
    }

    fn refused(conn: &Connection, sql: &str) -> StoreError {
        fault(conn.execute_batch(sql).expect_err(sql))
    }

    #[test]
    fn a_duplicate_key_is_already_exists_naming_the_record() {
        let conn = schema();
        match refused(&conn, "INSERT INTO courses VALUES ('c1', 5)") {
            StoreError::AlreadyExists { what, key } => {
                assert_eq!(what, "course");
                assert!(key.contains("courses.id"), "{key}");
            }
            other => panic!("a primary key taken must be AlreadyExists, got {other:?}"),
        }
        match refused(&conn, "INSERT INTO enrollments VALUES ('e2', 'c1', 'n1')") {
            StoreError::AlreadyExists { what, .. } => assert_eq!(what, "enrollment"),
            other => panic!("a unique column taken must be AlreadyExists, got {other:?}"),
        }
    }

    #[test]
    fn a_missing_reference_is_not_found() {
        let conn = schema();
        let e = refused(
            &conn,
            "INSERT INTO enrollments VALUES ('e2', 'nowhere', 'n2')",
        );
        assert!(
            matches!(
                &e,
                StoreError::NotFound {
                    what: "referenced record",
                    ..
                }
            ),
            "{e:?}"
        );
    }

    #[test]
    fn a_check_or_an_append_only_trigger_is_a_conflict() {
        let conn = schema();
        let e = refused(&conn, "UPDATE courses SET capacity = 0");
        assert!(
            matches!(&e, StoreError::Conflict { kind: ConflictKind::Constraint, detail }
                if detail.contains("CHECK")),
            "{e:?}"
        );
        let e = refused(&conn, "DELETE FROM enrollments");
        assert!(
            matches!(&e, StoreError::Conflict { kind: ConflictKind::Constraint, detail }
                if detail.contains("append-only")),
            "{e:?}"
        );
    }

    #[test]
    fn a_busy_database_is_unavailable_and_retryable() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("busy.sqlite");
        let holder = Connection::open(&path).unwrap();
        holder
            .execute_batch("CREATE TABLE t (x INTEGER); BEGIN IMMEDIATE; INSERT INTO t VALUES (1);")
            .unwrap();
        let other = Connection::open(&path).unwrap();
        other.busy_timeout(std::time::Duration::ZERO).unwrap();
        let e = refused(&other, "BEGIN IMMEDIATE");
        assert!(
            matches!(&e, StoreError::Unavailable { kind: UnavailableKind::Contention, detail, .. }
                if detail.contains("retrying is safe")),
            "{e:?}"
        );
        let driver = e
            .backend_error()
            .and_then(|d| d.downcast_ref::<rusqlite::Error>());
        assert_eq!(
            driver.and_then(rusqlite::Error::sqlite_error_code),
            Some(ErrorCode::DatabaseBusy),
            "the driver's error is the source: {e:?}"
        );
    }

    #[test]
    fn other_faults_stay_unavailable() {
        let conn = schema();
        let e = refused(&conn, "INSERT INTO enrollments VALUES ('e3', NULL, 'n3')");
        assert!(
            matches!(&e, StoreError::Unavailable { kind: UnavailableKind::Backend, detail, .. }
                if detail.starts_with("sqlite ")),
            "{e:?}"
        );
        let source = std::error::Error::source(&e).map(ToString::to_string);
        assert!(
            source.is_some_and(|s| s.contains("NOT NULL")),
            "the driver's words are the source: {e:?}"
        );
        let e = refused(&conn, "SELECT * FROM no_such_table");
        assert!(
            matches!(
                &e,
                StoreError::Unavailable {
                    kind: UnavailableKind::Backend,
                    ..
                }
            ),
            "{e:?}"
        );
    }
}
