//! What only the SQLite adapter promises: migrations recorded once, data kept across reopening,
//! and an integrity check that finds rows written behind the store's back.
#![allow(clippy::unwrap_used)]

use cqnet_adapters::sqlite::SqliteStore;
use cqnet_store::testing::{World, key};
use cqnet_store::training::EnrollmentId;
use cqnet_store::training::integrity::{self, Violation};
use cqnet_store::{EnrollmentStore, LedgerStore};

#[test]
fn migrations_apply_once_and_data_survives_reopening() {
    let dir = tempfile::Builder::new()
        .prefix("reopen-")
        .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
        .unwrap();
    let path = dir.path().join("s.sqlite");
    let w = World::new(5);
    {
        let store = SqliteStore::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), migration_files());
        w.install(&store);
        store.enroll(&w.staff, &key("e"), &w.trainee(1)).unwrap();
    }
    let store = SqliteStore::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), migration_files());
    assert_eq!(
        store.enrollment(w.trainee(1).id()).unwrap().value,
        w.trainee(1)
    );
    let raw = rusqlite::Connection::open(&path).unwrap();
    let applied: i64 = raw
        .query_row("SELECT COUNT(*) FROM schema_migrations", [], |r| r.get(0))
        .unwrap();
    assert_eq!(applied, migration_files());
    let mode: String = raw
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
}

#[test]
fn the_integrity_check_finds_entries_of_unknown_enrollments() {
    let dir = tempfile::Builder::new()
        .prefix("integrity-")
        .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
        .unwrap();
    let path = dir.path().join("s.sqlite");
    let w = World::new(5);
    let store = SqliteStore::open(&path).unwrap();
    w.install(&store);
    store.enroll(&w.staff, &key("e"), &w.trainee(1)).unwrap();
    let entry = store
        .append_attendance(&w.staff, &key("a"), &[w.attend(w.trainee(1).id(), 0, 2)])
        .unwrap();
    assert!(integrity::check(&store).unwrap().is_empty());
    // Another program copies a row to an enrollment that does not exist, bypassing foreign keys.
    let ghost = EnrollmentId::from_u128(4242);
    let raw = rusqlite::Connection::open(&path).unwrap();
    raw.pragma_update(None, "foreign_keys", "OFF").unwrap();
    raw.execute(
        "INSERT INTO attendance (seq, enrollment, body, recorded_by, recorded_at)
         SELECT seq + 100, ?1, replace(body, ?2, ?1), recorded_by, recorded_at FROM attendance WHERE seq = ?3",
        rusqlite::params![ghost.to_string(), w.trainee(1).id().to_string(), i64::try_from(entry[0].seq.get()).unwrap()],
    )
    .unwrap();
    let found = integrity::check(&store).unwrap();
    assert_eq!(
        found,
        vec![Violation::UnknownEnrollment {
            enrollment: ghost,
            entries: 1
        }]
    );
}

/// How many migrations the adapter ships: the SQL files of `migrations/sqlite`.
fn migration_files() -> i64 {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/migrations/sqlite");
    let sql = std::fs::read_dir(dir)
        .expect("the migrations folder")
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "sql"))
        })
        .count();
    i64::try_from(sql).expect("a few files")
}
