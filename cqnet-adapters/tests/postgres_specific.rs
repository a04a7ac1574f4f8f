//! What only the PostgreSQL stores promise: migrations recorded once (also when several
//! stores open a new schema at once), data kept across reopening, several instances — blocking
//! and async — sharing one schema and its seats and certificate numbers, schemas keeping stores
//! apart, append-only ledgers and certificate history enforced by the database, and driver
//! faults mapped to `StoreError`.
//!
//! Tests that need a server read `CQNET_PG_TEST_URL` and are ignored by a plain `cargo test`
//! (`.ci/with-postgres` runs them); each works in a schema of its own, dropped at the end.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use cqnet_adapters::postgres::{AsyncPgStore, PgOptions, PgStore};
use cqnet_core::certificate::{CertificateForm, ReissueReason, ReissueRequest, decide_reissue};
use cqnet_store::certificate::{AsyncCertificateStore, CertificateStore, NewReissue};
use cqnet_store::testing::certificate::{ISSUED_AT, agency, at, new_certificate, rules_on};
use cqnet_store::testing::{World, key};
use cqnet_store::training::{Institution, InstitutionId, InstitutionKind};
use cqnet_store::{
    AsyncCatalogStore, AsyncEnrollmentStore, AuditLog, CatalogStore, DesignationStore,
    EnrollmentStore, LedgerStore, StoreError,
};

const URL_VAR: &str = "CQNET_PG_TEST_URL";

fn test_url() -> String {
    std::env::var(URL_VAR).unwrap_or_else(|_| {
        panic!(
            "{URL_VAR} is not set: the PostgreSQL tests need a server. Run them with \
             `bash .ci/with-postgres cargo test -p cqnet-adapters --all-features -- --include-ignored` \
             (a throwaway cluster), or set {URL_VAR}=postgresql://user@host:port/database"
        )
    })
}

/// A schema of its own for one test, dropped when the test ends (also when it fails).
struct Schema {
    url: String,
    name: String,
}

impl Schema {
    fn new(tag: &str) -> Schema {
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let secs = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Schema {
            url: test_url(),
            name: format!(
                "cqnet_s_{}_{secs}_{}_{tag}",
                std::process::id(),
                NEXT.fetch_add(1, Ordering::Relaxed)
            ),
        }
    }

    fn options(&self) -> PgOptions {
        PgOptions::new(&self.url)
            .and_then(|o| o.with_schema(&self.name))
            .expect("CQNET_PG_TEST_URL is a PostgreSQL URL")
    }

    /// A plain client of the test database, with the schema as `search_path`.
    fn raw(&self) -> postgres::Client {
        let mut c = postgres::Client::connect(&self.url, postgres::NoTls).expect("raw connect");
        c.batch_execute(&format!("SET search_path TO \"{}\"", self.name))
            .expect("set search_path");
        c
    }
}

impl Drop for Schema {
    fn drop(&mut self) {
        let (url, name) = (self.url.clone(), self.name.clone());
        let _ = std::thread::spawn(move || -> Result<(), postgres::Error> {
            let mut c = postgres::Client::connect(&url, postgres::NoTls)?;
            c.batch_execute(&format!("DROP SCHEMA IF EXISTS \"{name}\" CASCADE"))
        })
        .join();
    }
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}

#[test]
#[ignore = "needs PostgreSQL: set CQNET_PG_TEST_URL (see .ci/with-postgres)"]
fn migrations_are_recorded_once_and_data_survives_reopening() {
    let schema = Schema::new("reopen");
    let w = World::new(5);
    {
        let store = PgStore::connect(&schema.options()).unwrap();
        assert_eq!(store.schema(), schema.name);
        assert_eq!(store.schema_version().unwrap(), newest());
        w.install(&store);
        store.enroll(&w.staff, &key("e"), &w.trainee(1)).unwrap();
    }
    let store = PgStore::connect(&schema.options()).unwrap();
    assert_eq!(store.schema_version().unwrap(), newest());
    assert_eq!(
        store.enrollment(w.trainee(1).id()).unwrap().value,
        w.trainee(1)
    );
    let mut raw = schema.raw();
    let applied: Vec<(i64, String)> = raw
        .query(
            "SELECT version, name FROM schema_migrations ORDER BY version",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    let expected: Vec<(i64, String)> = cqnet_adapters::postgres::migrations()
        .map(|(n, name)| (n, name.to_owned()))
        .collect();
    assert_eq!(applied, expected, "every migration recorded once");
    let tables: i64 = raw
        .query_one(
            "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = $1",
            &[&schema.name],
        )
        .unwrap()
        .get(0);
    assert_eq!(
        tables, 29,
        "eleven training tables (the standing hours per target and per day with them), five exam tables, five certificate tables, two learning-company tables, two learner tables, one programme table, two designation tables and schema_migrations, \
         all in the store's schema"
    );
}

#[test]
#[ignore = "needs PostgreSQL: set CQNET_PG_TEST_URL (see .ci/with-postgres)"]
fn a_schema_migrated_before_the_certificates_gets_them_on_reopening() {
    let schema = Schema::new("gap");
    drop(PgStore::connect(&schema.options()).unwrap());
    // As a schema migrated by the version with 0005 but not yet 0004 left it.
    schema
        .raw()
        .batch_execute(
            "DROP TABLE confirmation_documents, certificate_revocations, certificate_documents, \
             certificate_records, certificate_counters; \
             DELETE FROM schema_migrations WHERE version = 4",
        )
        .unwrap();
    let store = PgStore::connect(&schema.options()).unwrap();
    assert_eq!(store.schema_version().unwrap(), newest());
    let versions: Vec<i64> = schema
        .raw()
        .query(
            "SELECT version FROM schema_migrations ORDER BY version",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    let expected: Vec<i64> = cqnet_adapters::postgres::migrations()
        .map(|m| m.0)
        .collect();
    assert_eq!(versions, expected);
    let meta = cqnet_store::CommandMeta::new(agency(), "2026-05-01T01:30:00Z".parse().unwrap());
    let new = new_certificate(0, CertificateForm::Certificate, ISSUED_AT, None);
    let c = store.issue(&meta, &key("i"), &new).unwrap();
    assert_eq!(c.number().serial(), 1);
}

#[test]
#[ignore = "needs PostgreSQL: set CQNET_PG_TEST_URL (see .ci/with-postgres)"]
fn concurrent_opens_of_a_new_schema_migrate_once() {
    let schema = Schema::new("opens");
    let options = schema.options();
    let opened: Vec<_> = (0..8)
        .map(|_| {
            let options = options.clone();
            std::thread::spawn(move || PgStore::connect(&options).map(|s| s.schema_version()))
        })
        .collect();
    for handle in opened {
        assert_eq!(handle.join().unwrap().unwrap(), Ok(newest()));
    }
    let rows: i64 = schema
        .raw()
        .query_one("SELECT COUNT(*) FROM schema_migrations", &[])
        .unwrap()
        .get(0);
    // One row per migration the library has (its numbers may skip one).
    let count = i64::try_from(cqnet_adapters::postgres::migrations().count()).unwrap();
    assert_eq!(rows, count);
}

#[test]
#[ignore = "needs PostgreSQL: set CQNET_PG_TEST_URL (see .ci/with-postgres)"]
fn a_second_instance_on_the_same_schema_sees_the_data_and_shares_the_seats() {
    let schema = Schema::new("shared");
    let w = World::new(10);
    let blocking = Arc::new(PgStore::connect(&schema.options()).unwrap());
    w.install(&*blocking);
    let rt = runtime();
    let nonblocking = Arc::new(AsyncPgStore::new(&schema.options()).unwrap());

    // What one instance writes, the other reads.
    let seen = rt
        .block_on(nonblocking.qualification(w.qualification.code()))
        .unwrap();
    assert_eq!(seen.value, w.qualification);
    rt.block_on(nonblocking.enroll(&w.staff, &key("e-async"), &w.trainee(100)))
        .unwrap();
    assert_eq!(
        blocking.enrollment(w.trainee(100).id()).unwrap().value,
        w.trainee(100)
    );
    // A retry through the other instance is still a retry.
    assert_eq!(
        blocking
            .enroll(&w.staff, &key("e-async"), &w.trainee(100))
            .unwrap()
            .value,
        w.trainee(100)
    );

    // 9 seats left; 8 threads on one instance and 8 tasks on the other race for them.
    let threads: Vec<_> = (0..8_u128)
        .map(|i| {
            let (store, w) = (Arc::clone(&blocking), w.clone());
            std::thread::spawn(move || {
                store.enroll(&w.staff, &key(&format!("b{i}")), &w.trainee(i))
            })
        })
        .collect();
    let tasks: Vec<_> = (8..16_u128)
        .map(|i| {
            let (store, w) = (Arc::clone(&nonblocking), w.clone());
            rt.spawn(async move {
                store
                    .enroll(&w.staff, &key(&format!("a{i}")), &w.trainee(i))
                    .await
            })
        })
        .collect();
    let mut results: Vec<_> = threads.into_iter().map(|h| h.join().unwrap()).collect();
    for t in tasks {
        results.push(rt.block_on(t).unwrap());
    }
    let ok = results.iter().filter(|r| r.is_ok()).count();
    let full = results
        .iter()
        .filter(|r| matches!(r, Err(StoreError::CourseFull { capacity: 10, .. })))
        .count();
    assert_eq!((ok, full), (9, 7), "{results:?}");
    assert_eq!(blocking.enrollments(w.course.id()).unwrap().len(), 10);
}

#[test]
#[ignore = "needs PostgreSQL: set CQNET_PG_TEST_URL (see .ci/with-postgres)"]
fn schemas_keep_stores_apart() {
    let (a, b) = (Schema::new("apart_a"), Schema::new("apart_b"));
    let w = World::new(5);
    let store_a = PgStore::connect(&a.options()).unwrap();
    let store_b = PgStore::connect(&b.options()).unwrap();
    w.install(&store_a);
    assert_eq!(store_a.qualifications().unwrap().len(), 2);
    assert!(store_b.qualifications().unwrap().is_empty());
    assert!(store_b.audit_entries(None, 10).unwrap().is_empty());
    // The same ids are free in the other schema.
    w.install(&store_b);
    assert_eq!(store_b.courses(None).unwrap().len(), 1);
}

#[test]
#[ignore = "needs PostgreSQL: set CQNET_PG_TEST_URL (see .ci/with-postgres)"]
fn the_ledgers_and_the_audit_log_are_append_only_in_the_database() {
    let schema = Schema::new("append_only");
    let w = World::new(5);
    let store = PgStore::connect(&schema.options()).unwrap();
    w.install(&store);
    let e = w.trainee(1);
    store.enroll(&w.staff, &key("e"), &e).unwrap();
    store
        .append_attendance(&w.staff, &key("a"), &w.attend(e.id(), 0, 4))
        .unwrap();
    let mut raw = schema.raw();
    for sql in [
        "DELETE FROM attendance",
        "UPDATE attendance SET body = '{}'",
        "TRUNCATE evaluations",
        "UPDATE audit_log SET outcome = 'forged'",
        "DELETE FROM audit_log",
    ] {
        let err = raw.batch_execute(sql).expect_err(sql);
        let message = err.as_db_error().map(|d| d.message().to_owned());
        assert!(
            message
                .as_deref()
                .is_some_and(|m| m.contains("append-only")),
            "{sql}: {err:?}"
        );
    }
    assert_eq!(store.attendance(e.id()).unwrap().len(), 1);
    assert_eq!(store.audit_entries(None, 100).unwrap().len(), 8);
}

#[test]
#[ignore = "needs PostgreSQL: set CQNET_PG_TEST_URL (see .ci/with-postgres)"]
fn a_schema_newer_than_the_library_is_refused() {
    let schema = Schema::new("newer");
    drop(PgStore::connect(&schema.options()).unwrap());
    schema
        .raw()
        .batch_execute(
            "INSERT INTO schema_migrations (version, name) VALUES (999, 'from the future')",
        )
        .unwrap();
    let again = PgStore::connect(&schema.options());
    assert!(
        matches!(&again, Err(StoreError::Corrupt { what: "schema", .. })),
        "{again:?}"
    );
    let rt = runtime();
    let store = AsyncPgStore::new(&schema.options()).unwrap();
    let read = rt.block_on(store.qualifications());
    assert!(
        matches!(&read, Err(StoreError::Corrupt { what: "schema", .. })),
        "the async store checks on first use too: {read:?}"
    );
}

#[test]
#[ignore = "needs PostgreSQL: set CQNET_PG_TEST_URL (see .ci/with-postgres)"]
fn racing_creations_of_one_id_answer_already_exists() {
    let schema = Schema::new("race_create");
    let w = World::new(5);
    let store = Arc::new(PgStore::connect(&schema.options()).unwrap());
    let institution = Institution::new(
        InstitutionId::from_u128(4242),
        "동시훈련원",
        InstitutionKind::TrainingInstitution,
    )
    .unwrap();
    let handles: Vec<_> = (0..16)
        .map(|_| {
            let (store, meta, i) = (Arc::clone(&store), w.staff.clone(), institution.clone());
            std::thread::spawn(move || store.create_institution(&meta, &i))
        })
        .collect();
    let results: Vec<_> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    let ok = results.iter().filter(|r| r.is_ok()).count();
    let exists = results
        .iter()
        .filter(|r| {
            matches!(
                r,
                Err(StoreError::AlreadyExists {
                    what: "institution",
                    ..
                })
            )
        })
        .count();
    assert_eq!((ok, exists), (1, 15), "{results:?}");
    assert_eq!(
        store.audit_entries(None, 100).unwrap().len(),
        1,
        "one line for one creation"
    );
}

#[test]
#[ignore = "needs PostgreSQL: set CQNET_PG_TEST_URL (see .ci/with-postgres)"]
fn blocking_and_async_issuers_share_the_certificate_numbers() {
    let schema = Schema::new("cert_shared");
    let blocking = Arc::new(PgStore::connect(&schema.options()).unwrap());
    let rt = runtime();
    let nonblocking = Arc::new(AsyncPgStore::new(&schema.options()).unwrap());
    let meta = || cqnet_store::CommandMeta::new(agency(), "2026-05-01T01:30:00Z".parse().unwrap());
    let threads: Vec<_> = (0..16)
        .map(|n| {
            let store = Arc::clone(&blocking);
            std::thread::spawn(move || {
                let new = new_certificate(n, CertificateForm::Certificate, ISSUED_AT, None);
                CertificateStore::issue(&*store, &meta(), &key(&format!("b{n}")), &new)
            })
        })
        .collect();
    let tasks: Vec<_> = (16..32)
        .map(|n| {
            let store = Arc::clone(&nonblocking);
            rt.spawn(async move {
                let new = new_certificate(n, CertificateForm::Certificate, ISSUED_AT, None);
                AsyncCertificateStore::issue(&*store, &meta(), &key(&format!("a{n}")), &new).await
            })
        })
        .collect();
    let mut serials: Vec<u32> = threads
        .into_iter()
        .map(|h| h.join().unwrap().unwrap().number().serial())
        .collect();
    for t in tasks {
        serials.push(rt.block_on(t).unwrap().unwrap().number().serial());
    }
    serials.sort_unstable();
    assert_eq!(serials, (1..=32).collect::<Vec<u32>>());
    // A retry through the other instance is still a retry, and a repeat of the pass under
    // another key returns the certificate first issued.
    let again = new_certificate(3, CertificateForm::Card, ISSUED_AT, None);
    let first = CertificateStore::certificate_for(&*blocking, again.issue_key())
        .unwrap()
        .unwrap();
    let replayed = rt
        .block_on(AsyncCertificateStore::issue(
            &*nonblocking,
            &meta(),
            &key("b3"),
            &again,
        ))
        .unwrap();
    assert_eq!(replayed, first);
    let repeated = rt
        .block_on(AsyncCertificateStore::issue(
            &*nonblocking,
            &meta(),
            &key("other"),
            &again,
        ))
        .unwrap();
    assert_eq!(repeated, first);
    let counter: i64 = schema
        .raw()
        .query_one(
            "SELECT last FROM certificate_counters WHERE scope = 'serial:2026'",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(counter, 32, "retries and repeats allocated nothing");
}

#[test]
#[ignore = "needs PostgreSQL: set CQNET_PG_TEST_URL (see .ci/with-postgres)"]
fn certificate_history_is_append_only_and_unique_in_the_database() {
    let schema = Schema::new("cert_append_only");
    let store = PgStore::connect(&schema.options()).unwrap();
    let meta = cqnet_store::CommandMeta::new(agency(), "2026-05-01T01:30:00Z".parse().unwrap());
    let new = new_certificate(0, CertificateForm::Notebook, ISSUED_AT, Some("A1234567"));
    let c = store.issue(&meta, &key("i"), &new).unwrap();
    // A reissue: the record lists the documents in issue order.
    let record = store.record(c.number()).unwrap().unwrap();
    let reissued_at = at("2026-07-01T14:00:00+09:00");
    let request = ReissueRequest {
        previous: c.management_number().clone(),
        reason: ReissueReason::Damaged,
        form: CertificateForm::Certificate,
        new_holder_name: None,
        issue_date: "2026-07-01".parse().unwrap(),
    };
    let decision = decide_reissue(&record, &request, reissued_at, &rules_on("2026-07-01")).unwrap();
    let reissue = NewReissue::new(request, decision, 2, reissued_at, None).unwrap();
    let second = store.reissue(&meta, &key("r"), &reissue).unwrap();
    let record = store.record(c.number()).unwrap().unwrap();
    assert_eq!(record.issues(), [c.clone(), second.clone()]);
    assert_eq!(store.records_of(&c.spec().candidate).unwrap(), vec![record]);
    let mut raw = schema.raw();
    raw.batch_execute(&format!(
        "INSERT INTO certificate_revocations (number, at, body) VALUES ('{}', '2026-09-01T00:00:00Z', '{{}}')",
        c.number()
    ))
    .unwrap();
    for sql in [
        "UPDATE certificate_documents SET body = '{}'",
        "DELETE FROM certificate_documents",
        "TRUNCATE certificate_documents CASCADE",
        "UPDATE certificate_revocations SET body = '{}'",
        "DELETE FROM certificate_revocations",
    ] {
        let err = raw.batch_execute(sql).expect_err(sql);
        let message = err.as_db_error().map(|d| d.message().to_owned());
        assert!(
            message
                .as_deref()
                .is_some_and(|m| m.contains("append-only")),
            "{sql}: {err:?}"
        );
    }
    // The unique constraints stand behind the commands: a second first issue of the pass, a
    // reused inner-page number, a second cancellation.
    for sql in [
        format!(
            "INSERT INTO certificate_records (number, track, candidate, issue_key) VALUES ('x', 't', 'c', '{}')",
            new.issue_key()
        ),
        format!(
            "INSERT INTO certificate_documents (management_number, number, issue_key, inner_page_number, issued_at, body) \
             VALUES ('m', '{}', 'k', 'A1234567', '2026-05-01T01:30:00Z', '{{}}')",
            c.number()
        ),
        format!(
            "INSERT INTO certificate_revocations (number, at, body) VALUES ('{}', 'x', '{{}}')",
            c.number()
        ),
    ] {
        let err = raw.batch_execute(&sql).expect_err(&sql);
        assert_eq!(
            err.code(),
            Some(&postgres::error::SqlState::UNIQUE_VIOLATION),
            "{sql}: {err:?}"
        );
    }
    // What the store wrote is still there, unchanged.
    assert_eq!(store.certificate(c.management_number()).unwrap(), c);
}

/// A closed port: connection refused at once.
fn unreachable() -> PgOptions {
    PgOptions::new("postgresql://cqnet@127.0.0.1:1/cqnet")
        .and_then(|o| o.with_connect_timeout(Duration::from_secs(2)))
        .unwrap()
}

#[test]
fn an_unreachable_server_is_unavailable_not_a_panic() {
    let err = PgStore::connect(&unreachable()).unwrap_err();
    assert_eq!(
        err.unavailable_kind(),
        Some(cqnet_store::UnavailableKind::Connection),
        "{err:?}"
    );
    let rt = runtime();
    let store = AsyncPgStore::new(&unreachable()).unwrap();
    let err = rt.block_on(store.qualifications()).unwrap_err();
    assert_eq!(
        err.unavailable_kind(),
        Some(cqnet_store::UnavailableKind::Connection),
        "{err:?}"
    );
    let err = rt
        .block_on(AsyncPgStore::connect(&unreachable()))
        .unwrap_err();
    assert_eq!(
        err.unavailable_kind(),
        Some(cqnet_store::UnavailableKind::Connection),
        "{err:?}"
    );
}

/// The newest migration this version applies.
fn newest() -> i64 {
    cqnet_adapters::postgres::migrations()
        .last()
        .map_or(0, |m| m.0)
}

#[test]
#[ignore = "needs PostgreSQL: set CQNET_PG_TEST_URL (see .ci/with-postgres)"]
fn the_one_statement_application_context_equals_the_separate_reads() {
    // Set up through the blocking store; the async store's one statement must answer what
    // the separate reads give (the conformance suite checks the trait's default the same way).
    let schema = Schema::new("context");
    let blocking = PgStore::connect(&schema.options()).unwrap();
    let scene = cqnet_store::testing::exam::ContextScene::install(&blocking);
    let rt = runtime();
    let nonblocking = AsyncPgStore::new(&schema.options()).unwrap();
    rt.block_on(scene.check(&nonblocking));
}

#[test]
#[ignore = "needs PostgreSQL: set CQNET_PG_TEST_URL (see .ci/with-postgres)"]
fn a_schema_from_before_the_daily_tallies_works_its_days_out_from_the_ledger() {
    let schema = Schema::new("days");
    let w = World::new(5);
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
        let store = PgStore::connect(&schema.options()).unwrap();
        w.install(&store);
        store.enroll(&w.staff, &key("e"), &w.trainee(1)).unwrap();
        let first = [w.attend_on(t1, 0, 0, 8), w.attend_on(t1, 1, 0, 8)];
        store
            .append_attendance(&w.staff, &key("a1"), &first)
            .unwrap();
    }
    // As a schema migrated up to 0007 left it: standing hours kept, no tallies of days.
    schema
        .raw()
        .batch_execute(
            "DROP TABLE attendance_days; DELETE FROM schema_migrations WHERE version = 8",
        )
        .unwrap();
    let store = PgStore::connect(&schema.options()).unwrap();
    assert_eq!(store.schema_version().unwrap(), newest());
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
            Err(StoreError::AboveDailyLimit { .. })
        ),
        "the day's hours were worked out again from the ledger"
    );
    let ledger = store.attendance(t1).unwrap();
    let lower = cqnet_store::training::NewAttendance {
        corrects: Some(ledger[0].seq),
        ..w.attend_on(t1, 0, 0, 2)
    };
    store
        .append_attendance(&w.staff, &key("a3"), &[lower])
        .unwrap();
    let body: String = schema
        .raw()
        .query_one(
            "SELECT body FROM attendance_days WHERE enrollment = $1 AND month = $2",
            &[&t1.to_string(), &cqnet_adapters::sql::month_column(day)],
        )
        .unwrap()
        .get(0);
    let days = cqnet_adapters::sql::days_of_row(&body).unwrap();
    let tally = days.iter().find(|(d, _)| *d == day).unwrap().1;
    assert_eq!((tally.hours, tally.entries), (10.into(), 2));
}

#[test]
#[ignore = "needs PostgreSQL: set CQNET_PG_TEST_URL (see .ci/with-postgres)"]
fn a_learning_company_and_its_teachers_are_never_deleted_nor_a_teacher_moved() {
    let schema = Schema::new("work_study");
    let store = PgStore::connect(&schema.options()).unwrap();
    let (company, teacher) = cqnet_store::testing::work_study::install_designated(&store);
    let mut raw = schema.raw();
    for sql in [
        "DELETE FROM field_teachers",
        "DELETE FROM learning_companies",
        "TRUNCATE learning_companies CASCADE",
        "UPDATE field_teachers SET company = company || '-moved'",
    ] {
        let refused = raw.batch_execute(sql);
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
#[ignore = "needs PostgreSQL: set CQNET_PG_TEST_URL (see .ci/with-postgres)"]
fn the_schema_refuses_to_delete_a_learner_or_a_contract() {
    let schema = Schema::new("learners");
    let store = PgStore::connect(&schema.options()).unwrap();
    let (company, contract, learner) = cqnet_store::testing::work_study::install_contract(&store);
    let mut raw = schema.raw();
    for sql in [
        "DELETE FROM learning_contracts",
        "DELETE FROM learners",
        "TRUNCATE learners CASCADE",
        "UPDATE learning_contracts SET learner = learner || '-moved'",
    ] {
        let refused = raw.batch_execute(sql);
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
