//! Bulk attendance import: entries recorded in batches of 10,000 through the adapter's
//! `LedgerStore::append_attendance`, side by side with the same rows inserted by hand through
//! the raw driver (one prepared `INSERT` of the same columns per row, one transaction per
//! batch), on SQLite and on PostgreSQL. PostgreSQL has a second baseline, `raw_batched`: the
//! same rows as the adapter sends them, one `INSERT … SELECT FROM UNNEST` of arrays per batch
//! (it appends after the per-row baseline, in the same schema).
//!
//! Each side gets a fresh store of 100 enrolled trainees; every routine call appends 10
//! batches (100,000 entries) to it, so criterion's 10 samples append 1,000,000 entries per side
//! (plus one warm-up call) into a ledger that grows past a million. The raw side's timing
//! includes turning each fact into its row (JSON body, actor, instant), as any hand-written
//! import has to; the adapter's includes everything a command does (enrollment and correction
//! checks, the schedule and daily-limit checks against each trainee's standing hours, per unit
//! and per day, and their update, idempotency key and stored answer, audit line). At the end
//! of each database the bench prints both rates and the adapter's share of the raw rate.
//!
//! The criterion groups run one side after the other, and on a shared machine the rates drift
//! by a fifth in between; each database then has a paired run on fresh stores, batch `b` of the
//! adapter right after batch `b` of the baseline (SQLite's per-row one, PostgreSQL's batched
//! one), 20 batches a side, whose ratio is the one to compare. Under `cargo bench -- --test`
//! each side appends 2 batches of 1,000 once.
//!
//! The PostgreSQL side runs when `CQNET_PG_URL` names a server (`.ci/with-postgres` sets it);
//! it works in two schemas of its own, dropped at the end. Figures are in
//! `docs/performance.md`.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use chrono::Days;
use cqnet::adapters::sql::{self, stmt};
use cqnet::adapters::sqlite::SqliteStore;
use cqnet::store::testing::{World, day, key};
use cqnet::store::training::NewAttendance;
use cqnet::store::{LedgerStore, Store};
use criterion::{Criterion, SamplingMode, Throughput, criterion_group, criterion_main};

/// Trainees the entries are spread over.
const TRAINEES: u128 = 100;

/// Batch size and batches per routine call.
#[derive(Debug, Clone, Copy)]
struct Size {
    batch: usize,
    batches_per_call: usize,
}

fn size() -> Size {
    if std::env::args().any(|a| a == "--test") {
        Size {
            batch: 1_000,
            batches_per_call: 2,
        }
    } else {
        Size {
            batch: 10_000,
            batches_per_call: 10,
        }
    }
}

/// The fixture: a course of 100 seats, all taken, whose two units are scheduled for 50,000
/// hours each, so that a million one-hour entries stay within every trainee's schedule (the
/// adapter checks it on every batch).
fn world() -> World {
    World::with_unit_hours(TRAINEES as u32, 50_000)
}

fn install(store: &impl Store, w: &World) {
    w.install(store);
    for n in 0..TRAINEES {
        store
            .enroll(&w.staff, &key(&format!("enroll-{n}")), &w.trainee(n))
            .expect("enroll a bench trainee");
    }
}

/// Batch number `b`: one hour each, spread over the trainees and both units, a working day of
/// 8 hours (4 a unit) for every trainee, day after day (so no day goes above the daily limit
/// of the rule pack, which the adapter checks on every batch).
fn batch(w: &World, size: Size, b: u64) -> Vec<NewAttendance> {
    let units = w.units();
    let ids: Vec<_> = (0..TRAINEES).map(|n| w.trainee(n).id()).collect();
    let first = day("2026-03-02");
    (0..size.batch as u64)
        .map(|j| {
            let n = b * size.batch as u64 + j;
            let mut fact = w.attend_on(ids[(n % TRAINEES as u64) as usize], 0, 0, 1);
            fact.target = cqnet::store::training::AttendanceTarget::Unit(
                units[(n / TRAINEES as u64 % 2) as usize].clone(),
            );
            fact.day = first
                .checked_add_days(Days::new(n / (8 * TRAINEES as u64)))
                .expect("a day within the calendar");
            fact
        })
        .collect()
}

/// Rows and time per database and side, for the closing line.
static TOTALS: Mutex<Vec<(&'static str, &'static str, u64, Duration)>> = Mutex::new(Vec::new());

fn tally(db: &'static str, side: &'static str, rows: u64, took: Duration) {
    let mut totals = TOTALS.lock().unwrap_or_else(|e| e.into_inner());
    match totals.iter_mut().find(|t| t.0 == db && t.1 == side) {
        Some(t) => {
            t.2 += rows;
            t.3 += took;
        }
        None => totals.push((db, side, rows, took)),
    }
}

fn rate(rows: u64, took: Duration) -> u128 {
    u128::from(rows) * 1_000_000_000 / took.as_nanos().max(1)
}

/// Prints the rates of both sides of a database and the adapter's share of the raw rate.
fn report(db: &'static str) {
    let totals = TOTALS.lock().unwrap_or_else(|e| e.into_inner());
    let side = |s: &str| totals.iter().find(|t| t.0 == db && t.1 == s).copied();
    let Some(a) = side("adapter") else { return };
    let ra = rate(a.2, a.3);
    for (baseline, name) in [
        ("raw", "raw driver, one prepared INSERT per row"),
        (
            "raw_batched",
            "raw driver, one INSERT … SELECT FROM UNNEST per batch",
        ),
    ] {
        if let Some(r) = side(baseline) {
            let rr = rate(r.2, r.3);
            let permille = ra * 1000 / rr.max(1);
            println!(
                "{db}: adapter {ra} entries/s ({} entries), {name} {rr} entries/s ({} entries), adapter/{baseline} = {}.{:03}",
                a.2,
                r.2,
                permille / 1000,
                permille % 1000
            );
        }
    }
}

fn through_adapter(
    store: &dyn LedgerStore,
    w: &World,
    size: Size,
    next: &mut u64,
    iters: u64,
) -> Duration {
    let mut took = Duration::ZERO;
    for _ in 0..iters * size.batches_per_call as u64 {
        took += adapter_batch(store, w, size, *next);
        *next += 1;
    }
    took
}

/// Appends batch number `b` through the adapter and answers the time it took.
fn adapter_batch(store: &dyn LedgerStore, w: &World, size: Size, b: u64) -> Duration {
    let facts = batch(w, size, b);
    let k = key(&format!("bulk-{b}"));
    let start = Instant::now();
    let entries = store
        .append_attendance(&w.staff, &k, &facts)
        .expect("append a batch");
    let took = start.elapsed();
    assert_eq!(entries.len(), facts.len());
    took
}

/// Batches appended by each side of the paired run, one side's batch after the other's.
fn paired_batches() -> u64 {
    if std::env::args().any(|a| a == "--test") {
        2
    } else {
        20
    }
}

/// The paired run: fresh stores on both sides, batch `b` of one side right after batch `b` of
/// the other, so both see the same machine and ledgers of the same size (the criterion groups
/// run one side after the other, and a shared machine drifts by a fifth in between). Prints
/// both rates and the adapter's share of the baseline's.
fn paired(
    db: &str,
    baseline: &str,
    size: Size,
    mut adapter: impl FnMut(u64) -> Duration,
    mut raw: impl FnMut(u64) -> Duration,
) {
    let (mut a, mut r) = (Duration::ZERO, Duration::ZERO);
    for b in 0..paired_batches() {
        a += adapter(b);
        r += raw(b);
    }
    let rows = paired_batches() * size.batch as u64;
    let (ra, rr) = (rate(rows, a), rate(rows, r));
    let permille = ra * 1000 / rr.max(1);
    println!(
        "{db}, paired ({rows} entries a side, batches interleaved): adapter {ra} entries/s, {baseline} {rr} entries/s, adapter/{baseline} = {}.{:03}",
        permille / 1000,
        permille % 1000
    );
}

/// The columns of one ledger row, made by hand from a fact.
fn row(w: &World, fact: &NewAttendance) -> (String, String, String, String) {
    (
        fact.enrollment.to_string(),
        serde_json::to_string(fact).expect("a fact serializes"),
        serde_json::to_string(&w.staff.actor).expect("an actor serializes"),
        sql::instant_column(w.staff.at),
    )
}

/// Inserts batch number `b` by hand into SQLite, one prepared `INSERT` per row in one
/// transaction, and answers the time it took.
fn sqlite_raw_batch(
    raw: &mut rusqlite::Connection,
    w: &World,
    size: Size,
    b: u64,
    seq: &mut i64,
) -> Duration {
    let facts = batch(w, size, b);
    let start = Instant::now();
    let tx = raw.transaction().expect("begin");
    {
        let mut insert = tx.prepare_cached(stmt::ATTENDANCE_INSERT).expect("prepare");
        for fact in &facts {
            let (enrollment, body, by, at) = row(w, fact);
            insert
                .execute(rusqlite::params![*seq, enrollment, body, by, at])
                .expect("insert");
            *seq += 1;
        }
    }
    tx.commit().expect("commit");
    start.elapsed()
}

/// The same rows as the adapter sends them: one `INSERT … SELECT FROM UNNEST` per batch.
#[cfg(feature = "postgres")]
const PG_BATCHED_INSERT: &str = "INSERT INTO attendance (seq, enrollment, body, recorded_by, recorded_at) \
     SELECT seq, enrollment, body, $4, $5 \
     FROM UNNEST($1::BIGINT[], $2::TEXT[], $3::TEXT[]) AS batch (seq, enrollment, body)";

/// Inserts batch number `b` by hand into PostgreSQL with [`PG_BATCHED_INSERT`] in one
/// transaction, and answers the time it took.
#[cfg(feature = "postgres")]
fn pg_raw_batched(
    raw: &mut postgres::Client,
    insert: &postgres::Statement,
    w: &World,
    size: Size,
    b: u64,
    seq: &mut i64,
) -> Duration {
    let facts = batch(w, size, b);
    let start = Instant::now();
    let (mut seqs, mut owners, mut bodies) = (Vec::new(), Vec::new(), Vec::new());
    let (by, at) = (
        serde_json::to_string(&w.staff.actor).expect("an actor serializes"),
        sql::instant_column(w.staff.at),
    );
    for fact in &facts {
        let (enrollment, body, _, _) = row(w, fact);
        seqs.push(*seq);
        owners.push(enrollment);
        bodies.push(body);
        *seq += 1;
    }
    let mut tx = raw.transaction().expect("begin");
    tx.execute(insert, &[&seqs, &owners, &bodies, &by, &at])
        .expect("insert a batch");
    tx.commit().expect("commit");
    start.elapsed()
}

fn bench_sqlite(c: &mut Criterion) {
    let size = size();
    let w = world();
    let dir = tempfile::tempdir().expect("a temporary folder");

    let (adapter, mut raw) = sqlite_sides(dir.path(), "", &w);

    let mut group = c.benchmark_group("bulk_attendance/sqlite");
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_millis(1))
        .measurement_time(Duration::from_secs(1))
        .throughput(Throughput::Elements(
            (size.batch * size.batches_per_call) as u64,
        ));
    let mut next = 0;
    group.bench_function("adapter", |b| {
        b.iter_custom(|iters| {
            let took = through_adapter(&adapter, &w, size, &mut next, iters);
            tally(
                "sqlite",
                "adapter",
                iters * (size.batch * size.batches_per_call) as u64,
                took,
            );
            took
        })
    });
    let (mut raw_next, mut seq) = (0_u64, 1_i64);
    group.bench_function("raw_driver", |b| {
        b.iter_custom(|iters| {
            let mut took = Duration::ZERO;
            for _ in 0..iters * size.batches_per_call as u64 {
                took += sqlite_raw_batch(&mut raw, &w, size, raw_next, &mut seq);
                raw_next += 1;
            }
            tally(
                "sqlite",
                "raw",
                iters * (size.batch * size.batches_per_call) as u64,
                took,
            );
            took
        })
    });
    group.finish();
    report("sqlite");
    let stored = adapter.attendance(w.trainee(0).id()).expect("read back");
    // A filter (`cargo bench -- postgres`) may have skipped the adapter's side.
    let appended = TOTALS
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .iter()
        .any(|t| t.0 == "sqlite" && t.1 == "adapter");
    assert!(
        stored.windows(2).all(|p| p[0].seq < p[1].seq) && stored.is_empty() != appended,
        "the adapter's entries read back in ledger order"
    );

    let (adapter, mut raw) = sqlite_sides(dir.path(), "paired-", &w);
    let mut seq = 1_i64;
    paired(
        "sqlite",
        "raw",
        size,
        |b| adapter_batch(&adapter, &w, size, b),
        |b| sqlite_raw_batch(&mut raw, &w, size, b, &mut seq),
    );
}

/// A fresh adapter's store and a fresh raw connection to a store of its own, both installed
/// with the fixture, in `dir` under names starting with `prefix`.
fn sqlite_sides(
    dir: &std::path::Path,
    prefix: &str,
    w: &World,
) -> (SqliteStore, rusqlite::Connection) {
    let adapter = SqliteStore::open(dir.join(format!("{prefix}adapter.sqlite"))).expect("open");
    install(&adapter, w);
    let raw_path = dir.join(format!("{prefix}raw.sqlite"));
    {
        let store = SqliteStore::open(&raw_path).expect("open");
        install(&store, w);
    }
    // The same settings as the adapter's connection.
    let raw = rusqlite::Connection::open(&raw_path).expect("open raw");
    raw.pragma_update(None, "journal_mode", "WAL")
        .expect("pragma");
    raw.pragma_update(None, "synchronous", "FULL")
        .expect("pragma");
    raw.pragma_update(None, "foreign_keys", "ON")
        .expect("pragma");
    (adapter, raw)
}

#[cfg(feature = "postgres")]
fn bench_postgres(c: &mut Criterion) {
    use cqnet::adapters::postgres::{PgOptions, PgSslMode, PgStore};

    let Ok(url) = std::env::var("CQNET_PG_URL") else {
        println!(
            "bulk_attendance/postgres: skipped, CQNET_PG_URL is not set (run under .ci/with-postgres)"
        );
        return;
    };
    let size = size();
    let w = world();
    let pid = std::process::id();
    let schemas = ["adapter", "raw", "paired_adapter", "paired_raw"]
        .map(|side| format!("cqnet_bench_{pid}_{side}"));
    let [
        adapter_schema,
        raw_schema,
        paired_adapter_schema,
        paired_raw_schema,
    ] = &schemas;
    let options = |schema: &str| {
        // Plain text, as the raw driver's baselines connect (`NoTls`): like with like.
        PgOptions::new(&url)
            .and_then(|o| o.with_ssl_mode(PgSslMode::Disable))
            .and_then(|o| o.with_schema(schema))
            .expect("CQNET_PG_URL is a PostgreSQL URL")
    };
    let mut admin = postgres::Client::connect(&url, postgres::NoTls).expect("connect");
    for s in &schemas {
        admin
            .batch_execute(&format!("DROP SCHEMA IF EXISTS \"{s}\" CASCADE"))
            .expect("drop an old bench schema");
    }
    // A fresh adapter's store and a raw connection to a fresh store of its own.
    let sides = |adapter_schema: &str, raw_schema: &str| {
        let adapter = PgStore::connect(&options(adapter_schema)).expect("connect the adapter");
        install(&adapter, &w);
        let store = PgStore::connect(&options(raw_schema)).expect("connect");
        install(&store, &w);
        drop(store);
        let mut raw = postgres::Client::connect(&url, postgres::NoTls).expect("connect raw");
        raw.batch_execute(&format!("SET search_path TO \"{raw_schema}\""))
            .expect("search_path");
        (adapter, raw)
    };
    let (adapter, mut raw) = sides(adapter_schema, raw_schema);
    let insert = raw.prepare(stmt::ATTENDANCE_INSERT).expect("prepare");

    let mut group = c.benchmark_group("bulk_attendance/postgres");
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_millis(1))
        .measurement_time(Duration::from_secs(1))
        .throughput(Throughput::Elements(
            (size.batch * size.batches_per_call) as u64,
        ));
    let mut next = 0;
    group.bench_function("adapter", |b| {
        b.iter_custom(|iters| {
            let took = through_adapter(&adapter, &w, size, &mut next, iters);
            tally(
                "postgres",
                "adapter",
                iters * (size.batch * size.batches_per_call) as u64,
                took,
            );
            took
        })
    });
    let (mut raw_next, mut seq) = (0_u64, 1_i64);
    group.bench_function("raw_driver", |b| {
        b.iter_custom(|iters| {
            let mut took = Duration::ZERO;
            for _ in 0..iters * size.batches_per_call as u64 {
                let facts = batch(&w, size, raw_next);
                let start = Instant::now();
                let mut tx = raw.transaction().expect("begin");
                for fact in &facts {
                    let (enrollment, body, by, at) = row(&w, fact);
                    tx.execute(&insert, &[&seq, &enrollment, &body, &by, &at])
                        .expect("insert");
                    seq += 1;
                }
                tx.commit().expect("commit");
                took += start.elapsed();
                raw_next += 1;
            }
            tally(
                "postgres",
                "raw",
                iters * (size.batch * size.batches_per_call) as u64,
                took,
            );
            took
        })
    });
    // The same rows as the adapter sends them: one `INSERT … SELECT FROM UNNEST` per batch.
    let batched = raw
        .prepare(PG_BATCHED_INSERT)
        .expect("prepare the batched insert");
    group.bench_function("raw_batched", |b| {
        b.iter_custom(|iters| {
            let mut took = Duration::ZERO;
            for _ in 0..iters * size.batches_per_call as u64 {
                took += pg_raw_batched(&mut raw, &batched, &w, size, raw_next, &mut seq);
                raw_next += 1;
            }
            tally(
                "postgres",
                "raw_batched",
                iters * (size.batch * size.batches_per_call) as u64,
                took,
            );
            took
        })
    });
    group.finish();
    report("postgres");
    drop(adapter);

    let (adapter, mut raw) = sides(paired_adapter_schema, paired_raw_schema);
    let batched = raw
        .prepare(PG_BATCHED_INSERT)
        .expect("prepare the batched insert");
    let mut seq = 1_i64;
    paired(
        "postgres",
        "raw_batched",
        size,
        |b| adapter_batch(&adapter, &w, size, b),
        |b| pg_raw_batched(&mut raw, &batched, &w, size, b, &mut seq),
    );
    drop(adapter);
    for s in &schemas {
        admin
            .batch_execute(&format!("DROP SCHEMA IF EXISTS \"{s}\" CASCADE"))
            .expect("drop the bench schema");
    }
}

#[cfg(not(feature = "postgres"))]
fn bench_postgres(_: &mut Criterion) {
    println!("bulk_attendance/postgres: skipped, built without the postgres feature");
}

criterion_group!(benches, bench_sqlite, bench_postgres);
criterion_main!(benches);
