//! Crash safety of the SQLite adapter: a child process bulk-imports attendance and is killed
//! (SIGKILL) after some batches are acknowledged; after reopening, every committed batch is
//! whole, nothing half-written is visible, the import resumes, and the integrity check is clean.
//!
//! This test binary has its own `main` (`harness = false`): run plainly it is the test; run
//! with `CQNET_CRASH_WRITER_DB` set it is the writer the test starts and kills.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};

use chrono::{Days, NaiveDate};
use cqnet_adapters::sqlite::SqliteStore;
use cqnet_store::testing::{World, day, key};
use cqnet_store::training::integrity;
use cqnet_store::training::{EnrollmentId, NewAttendance};
use cqnet_store::{EnrollmentStore, LedgerStore};

/// The child's database path; set only for the child process.
const DB_VAR: &str = "CQNET_CRASH_WRITER_DB";
const TRAINEES: u128 = 200;
const PER_BATCH: usize = 20;
const BATCHES: u64 = 800;
/// Batches the parent waits to see acknowledged before it kills the child.
const ACKED_BEFORE_KILL: u64 = 25;

fn world() -> World {
    World::new(TRAINEES as u32)
}

fn first_day() -> NaiveDate {
    day("2026-03-02")
}

/// Batch `b`: 20 one-hour facts on its own day, spread over the trainees and both units so that
/// no unit ever exceeds its 40 scheduled hours.
fn batch(w: &World, b: u64) -> Vec<NewAttendance> {
    (0..PER_BATCH as u64)
        .map(|j| {
            let n = (b * PER_BATCH as u64 + j) % TRAINEES as u64;
            let unit = ((b * PER_BATCH as u64 + j) / TRAINEES as u64 % 2) as usize;
            NewAttendance {
                day: first_day().checked_add_days(Days::new(b)).unwrap(),
                ..w.attend_on(w.trainee(u128::from(n)).id(), unit, 0, 1)
            }
        })
        .collect()
}

/// The writer run by the child process.
fn crash_writer(path: &std::ffi::OsStr) {
    let store = SqliteStore::open(path).unwrap();
    let w = world();
    let mut out = std::io::stdout().lock();
    for b in 0..BATCHES {
        store
            .append_attendance(&w.staff, &key(&format!("batch-{b}")), &batch(&w, b))
            .unwrap();
        writeln!(out, "committed {b}").unwrap();
        out.flush().unwrap();
    }
}

fn entries_by_day(store: &SqliteStore, w: &World) -> BTreeMap<NaiveDate, usize> {
    let mut days = BTreeMap::new();
    for n in 0..TRAINEES {
        for e in store.attendance(w.trainee(n).id()).unwrap() {
            *days.entry(e.fact.day).or_insert(0) += 1;
        }
    }
    days
}

fn main() {
    match std::env::var_os(DB_VAR) {
        Some(path) => crash_writer(&path),
        None => {
            sqlite_import_survives_sigkill();
            println!("test sqlite_import_survives_sigkill ... ok");
        }
    }
}

fn sqlite_import_survives_sigkill() {
    let dir = tempfile::Builder::new()
        .prefix("crash-")
        .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
        .unwrap();
    let path = dir.path().join("cohort.sqlite");
    let w = world();
    {
        let store = SqliteStore::open(&path).unwrap();
        w.install(&store);
        for n in 0..TRAINEES {
            store
                .enroll(&w.staff, &key(&format!("enroll-{n}")), &w.trainee(n))
                .unwrap();
        }
    }

    let mut child = Command::new(std::env::current_exe().unwrap())
        .env(DB_VAR, &path)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut acked = None;
    for line in BufReader::new(child.stdout.take().unwrap()).lines() {
        let line = line.unwrap();
        if let Some(b) = line.strip_prefix("committed ") {
            let b: u64 = b.trim().parse().unwrap();
            acked = Some(b);
            if b + 1 >= ACKED_BEFORE_KILL {
                child.kill().unwrap(); // SIGKILL on unix: no destructor, no rollback runs
                break;
            }
        }
    }
    let status = child.wait().unwrap();
    #[cfg(unix)]
    assert_eq!(
        status.code(),
        None,
        "the writer was killed mid-import, not finished: {status:?}"
    );
    assert!(
        !status.success(),
        "the writer was killed mid-import, not finished"
    );
    let acked = acked.expect("the writer acknowledged batches before it was killed");
    assert!(acked + 1 >= ACKED_BEFORE_KILL);

    let store = SqliteStore::open(&path).unwrap();
    let days = entries_by_day(&store, &w);
    let committed = days.len() as u64;
    assert!(
        committed > acked,
        "every acknowledged batch survived: {committed} ≤ {acked}"
    );
    assert!(committed < BATCHES, "the import was cut short");
    for (i, (d, count)) in days.iter().enumerate() {
        assert_eq!(
            *d,
            first_day().checked_add_days(Days::new(i as u64)).unwrap(),
            "batches form a prefix"
        );
        assert_eq!(*count, PER_BATCH, "batch of {d} is whole");
    }
    assert_eq!(
        integrity::check(&store).unwrap(),
        vec![],
        "the integrity check is clean"
    );

    // The import resumes: a retry of the last committed batch changes nothing, the next appends.
    let last = committed - 1;
    store
        .append_attendance(&w.staff, &key(&format!("batch-{last}")), &batch(&w, last))
        .unwrap();
    store
        .append_attendance(
            &w.staff,
            &key(&format!("batch-{committed}")),
            &batch(&w, committed),
        )
        .unwrap();
    let days = entries_by_day(&store, &w);
    assert_eq!(days.len() as u64, committed + 1);
    assert!(days.values().all(|c| *c == PER_BATCH));
    assert!(integrity::check(&store).unwrap().is_empty());
    assert!(store.enrollment(EnrollmentId::from_u128(1000)).is_ok());
    drop(store);
    assert!(Path::new(&path).exists());
}
