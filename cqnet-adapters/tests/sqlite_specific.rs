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
        .query_row("SELECT MAX(version) FROM schema_migrations", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(applied, migration_files());
    let recorded: i64 = raw
        .query_row("SELECT COUNT(*) FROM schema_migrations", [], |r| r.get(0))
        .unwrap();
    let files = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations/sqlite"))
        .unwrap()
        .count();
    assert_eq!(
        recorded,
        i64::try_from(files).unwrap(),
        "one record a migration file"
    );
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
        .append_attendance(&w.staff, &key("a"), &w.attend(w.trainee(1).id(), 0, 2))
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
/// The numbers of the migration files, in order (`0010_work_study_learners.sql` is 10).
fn migration_numbers() -> Vec<i64> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/migrations/sqlite");
    let mut numbers: Vec<i64> = std::fs::read_dir(dir)
        .expect("the migrations folder")
        .filter_map(|e| {
            let path = e.ok()?.path();
            if path.extension()? != "sql" {
                return None;
            }
            path.file_name()?.to_str()?.split('_').next()?.parse().ok()
        })
        .collect();
    numbers.sort_unstable();
    numbers
}

/// The newest migration's number: the schema version of a current store.
fn migration_files() -> i64 {
    migration_numbers().last().copied().expect("a migration")
}

fn scratch(prefix: &str) -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix(prefix)
        .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
        .unwrap()
}

/// A store with the fixture installed and one trainee enrolled, closed again.
fn installed(path: &std::path::Path) -> World {
    let w = World::new(5);
    let store = SqliteStore::open(path).unwrap();
    w.install(&store);
    store.enroll(&w.staff, &key("e1"), &w.trainee(1)).unwrap();
    w
}

fn is_damaged(r: cqnet_store::StoreResult<SqliteStore>) -> bool {
    matches!(r, Err(cqnet_store::StoreError::Corrupt { .. }))
}

#[test]
fn an_empty_file_that_exists_is_refused_not_taken_for_a_new_store() {
    let dir = scratch("empty-");
    let path = dir.path().join("s.sqlite");
    std::fs::write(&path, b"").unwrap();
    assert!(is_damaged(SqliteStore::open(&path)));
    // Where no file is, a new store is made.
    assert!(SqliteStore::open(dir.path().join("new.sqlite")).is_ok());
}

#[test]
fn an_overwritten_page_is_noticed_on_open() {
    let dir = scratch("page-");
    let path = dir.path().join("s.sqlite");
    installed(&path);
    let mut bytes = std::fs::read(&path).unwrap();
    assert!(bytes.len() > 3 * 4096, "a file of several pages");
    for b in &mut bytes[2 * 4096..3 * 4096] {
        *b = 0xAB;
    }
    std::fs::write(&path, &bytes).unwrap();
    let opened = SqliteStore::open(&path);
    assert!(opened.is_err(), "a damaged page must not open as ok");
}

#[test]
fn a_gap_in_the_migration_record_or_a_missing_table_is_refused() {
    let dir = scratch("schema-");
    let gap = dir.path().join("gap.sqlite");
    installed(&gap);
    rusqlite::Connection::open(&gap)
        .unwrap()
        .execute("DELETE FROM schema_migrations WHERE version = 2", [])
        .unwrap();
    assert!(is_damaged(SqliteStore::open(&gap)));

    let dropped = dir.path().join("dropped.sqlite");
    installed(&dropped);
    rusqlite::Connection::open(&dropped)
        .unwrap()
        .execute("DROP TABLE attendance_standing", [])
        .unwrap();
    assert!(is_damaged(SqliteStore::open(&dropped)));
}

#[test]
fn a_backup_of_a_live_store_keeps_every_acknowledged_write() {
    let dir = scratch("backup-");
    let path = dir.path().join("live.sqlite");
    let w = World::new(300);
    let store = SqliteStore::open(&path).unwrap();
    w.install(&store);
    for n in 0..201 {
        store
            .enroll(&w.staff, &key(&format!("e{n}")), &w.trainee(n))
            .unwrap();
    }
    // The writes may still be in the -wal file: the backup must carry them.
    let copy = dir.path().join("copy.sqlite");
    store.backup_to(&copy).unwrap();
    let restored = SqliteStore::open(&copy).unwrap();
    assert_eq!(restored.enrollments(w.course.id()).unwrap().len(), 201);
    assert!(matches!(
        store.backup_to(&copy),
        Err(cqnet_store::StoreError::AlreadyExists { .. })
    ));
}

#[test]
fn opening_a_current_store_waits_for_no_lock_and_the_wait_is_an_option() {
    let dir = scratch("busy-");
    let path = dir.path().join("s.sqlite");
    let w = installed(&path);
    let holder = rusqlite::Connection::open(&path).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let options = cqnet_adapters::sqlite::SqliteOptions::default()
        .with_busy_timeout(std::time::Duration::from_millis(100));
    let store =
        SqliteStore::open_with(&path, options).expect("a current schema opens without the lock");
    let started = std::time::Instant::now();
    let blocked = store.enroll(&w.staff, &key("e2"), &w.trainee(2));
    assert!(
        matches!(
            blocked,
            Err(cqnet_store::StoreError::Unavailable {
                kind: cqnet_store::UnavailableKind::Contention,
                ..
            })
        ),
        "{blocked:?}"
    );
    assert!(
        started.elapsed() < std::time::Duration::from_secs(4),
        "the shorter wait is used"
    );
    holder.execute_batch("COMMIT").unwrap();
    store.enroll(&w.staff, &key("e2"), &w.trainee(2)).unwrap();
}

#[test]
fn a_store_from_before_the_daily_tallies_works_its_days_out_from_the_ledger() {
    let dir = scratch("days-");
    let path = dir.path().join("s.sqlite");
    let w = installed(&path);
    let t1 = w.trainee(1).id();
    let day = cqnet_store::testing::training_day(0);
    let limit = cqnet_core::rules::RulePack::embedded()
        .rules_at(day)
        .unwrap()
        .course_based
        .daily_max_hours
        .value
        .value();
    {
        let store = SqliteStore::open(&path).unwrap();
        let first = [w.attend_on(t1, 0, 0, 8), w.attend_on(t1, 1, 0, 8)];
        store
            .append_attendance(&w.staff, &key("a1"), &first)
            .unwrap();
    }
    // As a store of migration 0005 left it: standing hours kept, no tallies of days (and
    // none of the search columns of 0007, the learning companies of 0008, the designation
    // cycle of 0009 and its index by status of 0013, the learners of 0010, the statistics
    // columns of 0011 or the programmes of 0012, which came after).
    let raw = rusqlite::Connection::open(&path).unwrap();
    raw.execute_batch(UNDO_STATISTICS_MIGRATION).unwrap();
    raw.execute_batch(UNDO_WORK_STUDY_MIGRATION).unwrap();
    raw.execute_batch(UNDO_DESIGNATION_MIGRATION).unwrap();
    raw.execute_batch(UNDO_SEARCH_MIGRATION).unwrap();
    raw.execute_batch(
        "DROP TABLE attendance_days; DELETE FROM schema_migrations WHERE version IN (6, 7, 8, 11);",
    )
    .unwrap();
    drop(raw);

    let store = SqliteStore::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), migration_files());
    // 16 hours stand on the day: the rest of the limit and one hour more is refused.
    let over = cqnet_store::training::NewAttendance {
        hours: cqnet_core::Hours::new(
            limit - rust_decimal::Decimal::from(16) + rust_decimal::Decimal::ONE,
        )
        .unwrap(),
        ..w.attend_on(t1, 0, 0, 0)
    };
    assert!(
        matches!(
            store.append_attendance(&w.staff, &key("a2"), &[over]),
            Err(cqnet_store::StoreError::AboveDailyLimit { .. })
        ),
        "the day's hours were worked out again from the ledger"
    );
    // A correction of an entry recorded before the migration folds in.
    let ledger = store.attendance(t1).unwrap();
    let lower = cqnet_store::training::NewAttendance {
        corrects: Some(ledger[0].seq),
        ..w.attend_on(t1, 0, 0, 2)
    };
    store
        .append_attendance(&w.staff, &key("a3"), &[lower])
        .unwrap();
    let kept: String = rusqlite::Connection::open(&path)
        .unwrap()
        .query_row(
            "SELECT body FROM attendance_days WHERE enrollment = ?1 AND month = ?2",
            [t1.to_string(), cqnet_adapters::sql::month_column(day)],
            |r| r.get(0),
        )
        .unwrap();
    let days = cqnet_adapters::sql::days_of_row(&kept).unwrap();
    let tally = days.iter().find(|(d, _)| *d == day).unwrap().1;
    assert_eq!((tally.hours, tally.entries), (10.into(), 2));
}

/// What migrations 0009 (the course designation cycle) and 0013 (its index by status) added,
/// taken away again.
const UNDO_DESIGNATION_MIGRATION: &str = "
    DROP TRIGGER designation_calls_no_delete; DROP TRIGGER course_applications_fixed;
    DROP INDEX course_applications_by_status;
    DELETE FROM schema_migrations WHERE version = 13;
    DROP INDEX course_applications_by_group;
    DROP TABLE course_applications; DROP TABLE designation_calls;
    DELETE FROM schema_migrations WHERE version = 9;
";

/// What migrations 0008 (the learning companies), 0010 (their learners) and 0012 (their
/// programmes) added, taken away again.
const UNDO_WORK_STUDY_MIGRATION: &str = "
    DROP TRIGGER programmes_no_delete; DROP TRIGGER programmes_no_update;
    DROP TABLE programmes;
    DELETE FROM schema_migrations WHERE version = 12;
    DROP TRIGGER learners_no_delete; DROP TRIGGER learning_contracts_no_delete;
    DROP TRIGGER learning_contracts_one_learner;
    DROP TABLE learning_contracts; DROP TABLE learners;
    DELETE FROM schema_migrations WHERE version = 10;
    DROP TRIGGER learning_companies_no_delete; DROP TRIGGER field_teachers_no_delete;
    DROP TRIGGER field_teachers_one_company;
    DROP TABLE field_teachers; DROP TABLE learning_companies;
";

/// What migration 0011 (the statistics) added, taken away again.
const UNDO_STATISTICS_MIGRATION: &str = "
    DROP INDEX enrollments_for_statistics; DROP INDEX exam_results_for_statistics;
    DROP INDEX exam_results_scores; DROP INDEX exam_applications_for_statistics;
    ALTER TABLE enrollments DROP COLUMN stat_trainee;
    ALTER TABLE enrollments DROP COLUMN stat_year;
    ALTER TABLE enrollments DROP COLUMN stat_gender;
    ALTER TABLE exam_results DROP COLUMN stat_passed;
    ALTER TABLE exam_results DROP COLUMN stat_written;
    ALTER TABLE exam_results DROP COLUMN stat_practical;
";

/// What migration 0007 (the search) added, taken away again.
const UNDO_SEARCH_MIGRATION: &str = "
    DROP TRIGGER qualification_names_insert; DROP TRIGGER qualification_names_update;
    DROP TRIGGER qualification_names_delete; DROP TRIGGER institution_names_insert;
    DROP TRIGGER institution_names_update; DROP TRIGGER institution_names_delete;
    DROP TABLE qualification_names; DROP TABLE institution_names;
    DROP INDEX qualifications_by_name; DROP INDEX qualifications_for_courses;
    DROP INDEX institutions_by_name; DROP INDEX institutions_by_region;
    DROP INDEX institutions_by_type; DROP INDEX institutions_for_courses;
    DROP INDEX courses_by_start; DROP INDEX courses_by_qualification;
    ALTER TABLE qualifications DROP COLUMN search_name;
    ALTER TABLE qualifications DROP COLUMN search_level;
    ALTER TABLE qualifications DROP COLUMN search_track;
    ALTER TABLE qualifications DROP COLUMN search_field;
    ALTER TABLE qualifications DROP COLUMN search_ncs_class;
    ALTER TABLE institutions DROP COLUMN search_name;
    ALTER TABLE institutions DROP COLUMN search_type;
    ALTER TABLE institutions DROP COLUMN search_sido;
    ALTER TABLE institutions DROP COLUMN search_sigungu;
    ALTER TABLE courses DROP COLUMN search_start;
    ALTER TABLE courses DROP COLUMN search_end;
    ALTER TABLE courses DROP COLUMN search_track;
    ALTER TABLE courses DROP COLUMN search_designation;
";

#[test]
fn a_learning_company_and_its_teachers_are_never_deleted_nor_a_teacher_moved() {
    let dir = scratch("work-study-");
    let path = dir.path().join("s.sqlite");
    let store = SqliteStore::open(&path).unwrap();
    let (company, teacher) = cqnet_store::testing::work_study::install_designated(&store);
    let raw = rusqlite::Connection::open(&path).unwrap();
    for sql in [
        "DELETE FROM field_teachers",
        "DELETE FROM learning_companies",
        "UPDATE field_teachers SET company = 'another'",
    ] {
        let refused = raw.execute_batch(sql);
        assert!(refused.is_err(), "{sql} was allowed");
    }
    use cqnet_store::work_study::WorkStudyStore;
    assert_eq!(
        store.field_teacher(&teacher).unwrap().value.company,
        company
    );
    assert_eq!(store.field_teachers(company).unwrap().len(), 1);
    assert!(store.learning_company(company).is_ok());
}

#[test]
fn the_schema_refuses_to_delete_a_learner_or_a_contract() {
    let dir = scratch("learners-");
    let path = dir.path().join("s.sqlite");
    let store = SqliteStore::open(&path).unwrap();
    let (company, contract, learner) = cqnet_store::testing::work_study::install_contract(&store);
    let raw = rusqlite::Connection::open(&path).unwrap();
    for sql in [
        "DELETE FROM learning_contracts",
        "DELETE FROM learners",
        "UPDATE learning_contracts SET learner = 'another'",
    ] {
        let refused = raw.execute_batch(sql);
        assert!(refused.is_err(), "{sql} was allowed");
    }
    use cqnet_store::work_study::WorkStudyStore;
    let kept = store.learning_contract(contract).unwrap();
    assert_eq!(
        (kept.value.company, &kept.value.learner),
        (company, &learner)
    );
    assert_eq!(kept.value.days.len(), 1);
    assert_eq!(
        store.learner(&learner).unwrap().value.contracts,
        vec![contract]
    );
}

#[test]
fn a_version_of_the_library_missing_from_the_record_is_a_gap() {
    // A database the library migrated records every one of its migrations, and opens again.
    let dir = scratch("gap-");
    let path = dir.path().join("s.sqlite");
    installed(&path);
    let recorded: Vec<i64> = rusqlite::Connection::open(&path)
        .unwrap()
        .prepare("SELECT version FROM schema_migrations ORDER BY version")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(recorded, migration_numbers());
    assert!(SqliteStore::open(&path).is_ok());
    // One of them missing from the record, with the later ones there, is a gap.
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute("DELETE FROM schema_migrations WHERE version = 8", [])
        .unwrap();
    assert!(is_damaged(SqliteStore::open(&path)));
}
