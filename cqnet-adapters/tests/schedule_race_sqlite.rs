//! The schedule race across processes: two processes open one SQLite file and append 3-hour
//! batches to the same trainee's 40-hour unit at once. SQLite's `BEGIN IMMEDIATE` takes one
//! writer at a time across processes, and the store checks the hours inside that transaction,
//! so of the 16 batches exactly 13 are accepted (39 hours) whatever the interleaving.
//!
//! The test runs itself as the child processes: with `CQNET_RACE_FILE` set it is a writer.
#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use cqnet_adapters::sqlite::SqliteStore;
use cqnet_store::testing::{World, key};
use cqnet_store::training::{AttendanceTarget, attendance_facts};
use cqnet_store::{EnrollmentStore, LedgerStore, StoreError};

const FILE: &str = "CQNET_RACE_FILE";
const WRITER: &str = "CQNET_RACE_WRITER";
const BATCHES: usize = 8;

/// A writer process: waits for the go file, then appends its batches and prints how many the
/// store accepted and how many it refused as above the schedule.
fn writer(path: &Path, writer: &str) {
    let go = path.with_extension("go");
    let deadline = Instant::now() + Duration::from_secs(30);
    while !go.exists() {
        assert!(Instant::now() < deadline, "the parent never said go");
        std::thread::sleep(Duration::from_millis(1));
    }
    let store = SqliteStore::open(path).unwrap();
    let w = World::new(10);
    let eid = w.trainee(0).id();
    let (mut accepted, mut refused) = (0, 0);
    for b in 0..BATCHES {
        let k = key(&format!("{writer}-{b}"));
        // Both writers' batches number b on training day b: 6 hours a day at most, so only
        // the unit's hours are raced for.
        let fact = w.attend_on(eid, 0, b as u64, 3);
        match store.append_attendance(&w.staff, &k, &[fact]) {
            Ok(_) => accepted += 1,
            Err(StoreError::AboveSchedule { .. }) => refused += 1,
            Err(other) => panic!("unexpected {other:?}"),
        }
    }
    println!("RESULT {accepted} {refused}");
}

#[test]
fn two_processes_on_one_file_never_exceed_the_schedule() {
    if let (Ok(path), Ok(name)) = (std::env::var(FILE), std::env::var(WRITER)) {
        writer(Path::new(&path), &name);
        return;
    }
    let dir = tempfile::Builder::new()
        .prefix("race-")
        .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
        .unwrap();
    let path = dir.path().join("race.sqlite");
    let w = World::new(10);
    {
        let store = SqliteStore::open(&path).unwrap();
        w.install(&store);
        store.enroll(&w.staff, &key("e0"), &w.trainee(0)).unwrap();
    }
    let children: Vec<_> = ["a", "b"]
        .iter()
        .map(|name| {
            Command::new(std::env::current_exe().unwrap())
                .args([
                    "--exact",
                    "two_processes_on_one_file_never_exceed_the_schedule",
                    "--nocapture",
                    "--test-threads=1",
                ])
                .env(FILE, &path)
                .env(WRITER, name)
                .stdout(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    std::fs::write(path.with_extension("go"), b"go").unwrap();
    let (mut accepted, mut refused) = (0, 0);
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "a writer failed");
        let text = String::from_utf8(out.stdout).unwrap();
        // libtest prints the test's name on the same line, before the writer's output.
        let counts: Vec<usize> = text
            .split("RESULT ")
            .nth(1)
            .unwrap_or_else(|| panic!("a writer's result in {text:?}"))
            .split_whitespace()
            .take(2)
            .map(|n| n.parse().unwrap())
            .collect();
        accepted += counts[0];
        refused += counts[1];
    }
    assert_eq!((accepted, refused), (13, 2 * BATCHES - 13));
    let store = SqliteStore::open(&path).unwrap();
    let ledger = store.attendance(w.trainee(0).id()).unwrap();
    let unit = AttendanceTarget::Unit(w.units()[0].clone());
    let hours = cqnet_core::ledger::effective_attendance(&attendance_facts(&ledger));
    assert_eq!(hours[&unit], 39.into(), "0 hours in excess");
}
